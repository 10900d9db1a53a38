package org.vfioinspector.app.gui.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host as an indented outline folded into columns, the way lstopo nests a host on one page: each
 * node on its own row, its children below it, indented by {@link #INDENT}, so a parent sits at the
 * top-left of what hangs below it and every row of a column holds a box (a tidy tree that centres a
 * parent among its children leaves most of the screen empty and shows a few boxes at a readable zoom).
 *
 * <p>The rows run down in the model's order (depth-first, siblings by address) and are cut into columns
 * of one height, chosen so that the whole graph's width to height comes near {@link #ASPECT}. A column
 * only breaks before a domain, a root bus or a subtree hung directly below one (a root port with its
 * switches and endpoints), never between a header and its first child; a node whose parent is in an
 * earlier column is reached along a lane above the columns ({@link LayoutResult.Lane}). Each column
 * starts at its shallowest node, so a column of root ports does not carry the domain's indentation.
 */
public final class TreeLayout implements GraphLayout {

    /** How far a child is indented from its parent; the edges run down the middle of it. */
    public static final double INDENT = 20;
    /** Space between rows: the link label of a row sits in it, above the box, and the group tab. */
    public static final double ROW_GAP = 24;
    /** Space between columns: lanes to later columns run down the middle of it. */
    public static final double COLUMN_GAP = 36;
    /** The width to height the folded graph aims at (a graph pane of a laptop or desktop window). */
    public static final double ASPECT = 1.7;
    /** The space above the columns where the edges to later columns run. */
    static final double LANE = 30;
    private static final double MARGIN = 24;

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) that stay in one column. */
    private record Piece(int from, int to, double height) {
    }

    @Override
    public LayoutResult layout(GraphModel model) {
        if (model.size() == 0) {
            return LayoutResult.EMPTY;
        }
        List<GraphNode> rows = model.nodes();
        Map<String, Integer> rowOf = new HashMap<>();
        int[] depth = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            GraphNode n = rows.get(i);
            rowOf.put(n.id(), i);
            Integer p = n.parentId() == null ? null : rowOf.get(n.parentId());
            depth[i] = p == null ? 0 : depth[p] + 1;
        }
        List<Piece> pieces = pieces(model, rows);
        double tallest = 0;
        double total = 0;
        for (Piece p : pieces) {
            tallest = Math.max(tallest, p.height());
            total += p.height();
        }
        // the column height whose folded graph comes nearest the aspect: width falls as height grows
        double lo = tallest;
        double hi = Math.max(tallest, total);
        for (int i = 0; i < 30 && hi - lo > 1; i++) {
            double mid = (lo + hi) / 2;
            Rect r = place(rows, depth, rowOf, pieces, mid, null, null);
            if (r.width() / r.height() > ASPECT) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Map<String, Rect> boxes = new HashMap<>();
        Map<String, LayoutResult.Lane> lanes = new HashMap<>();
        Rect all = place(rows, depth, rowOf, pieces, hi, boxes, lanes);
        return new LayoutResult(boxes, new Rect(0, 0, all.maxX() + MARGIN, all.maxY() + MARGIN), lanes);
    }

    private static boolean header(GraphNode n) {
        return n.kind() == NodeKind.DOMAIN || n.kind() == NodeKind.ROOT_BUS;
    }

    /** The rows cut where a column may break: before a header, or a subtree below one that is not its first child. */
    private static List<Piece> pieces(GraphModel model, List<GraphNode> rows) {
        List<Piece> out = new ArrayList<>();
        int from = 0;
        double height = 0;
        for (int i = 0; i < rows.size(); i++) {
            GraphNode n = rows.get(i);
            boolean breakable = header(n) || model.parent(n).map(TreeLayout::header).orElse(false);
            if (i > from && breakable && !header(rows.get(i - 1))) {
                out.add(new Piece(from, i, height));
                from = i;
                height = 0;
            }
            height += n.height() + ROW_GAP;
        }
        out.add(new Piece(from, rows.size(), height));
        return out;
    }

    /**
     * Places the pieces top to bottom in columns no taller than {@code height} (a piece taller than that
     * gets a column of its own); fills {@code boxes} and {@code lanes} when given. Returns the box around
     * everything placed.
     */
    private static Rect place(List<GraphNode> rows, int[] depth, Map<String, Integer> rowOf, List<Piece> pieces,
                              double height, Map<String, Rect> boxes, Map<String, LayoutResult.Lane> lanes) {
        double top = MARGIN + LANE;
        double x = MARGIN;
        double maxY = top;
        int[] columnOf = boxes == null ? null : new int[rows.size()];
        List<Double> columnRight = new ArrayList<>();
        int start = 0;
        while (start < pieces.size()) {
            // the pieces of this column
            int end = start;
            double y = 0;
            while (end < pieces.size() && (end == start || y + pieces.get(end).height() <= height)) {
                y += pieces.get(end).height();
                end++;
            }
            int first = pieces.get(start).from();
            int last = pieces.get(end - 1).to();
            int base = Integer.MAX_VALUE;
            for (int i = first; i < last; i++) {
                base = Math.min(base, depth[i]);
            }
            double width = 0;
            double rowY = top;
            for (int i = first; i < last; i++) {
                GraphNode n = rows.get(i);
                double nx = x + (depth[i] - base) * INDENT;
                width = Math.max(width, nx + n.width() - x);
                if (boxes != null) {
                    boxes.put(n.id(), new Rect(nx, rowY, n.width(), n.height()));
                    columnOf[i] = columnRight.size();
                }
                rowY += n.height() + ROW_GAP;
            }
            maxY = Math.max(maxY, rowY - ROW_GAP);
            columnRight.add(x + width);
            x += width + COLUMN_GAP;
            start = end;
        }
        if (boxes != null) {
            for (int i = 0; i < rows.size(); i++) {
                Integer p = rows.get(i).parentId() == null ? null : rowOf.get(rows.get(i).parentId());
                if (p != null && columnOf[p] != columnOf[i]) {
                    lanes.put(rows.get(i).id(),
                            new LayoutResult.Lane(columnRight.get(columnOf[p]) + COLUMN_GAP / 2, MARGIN + LANE / 2));
                }
            }
        }
        return new Rect(MARGIN, MARGIN, x - COLUMN_GAP - MARGIN, maxY - MARGIN);
    }
}

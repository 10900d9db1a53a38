package org.vfioinspector.app.gui.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a tall tree into columns so that a big host has about the shape of a window instead of a
 * sliver: the subtrees below each root bus (a root port with its switches and endpoints, an
 * integrated endpoint) are kept whole and stacked into columns of one height, chosen so that the
 * whole graph's width to height comes near {@link #ASPECT}; a domain's (and root bus's) box heads
 * its columns. Edges to a subtree in a later column run along a lane above the columns
 * ({@link LayoutResult#lanes()}). A tree no taller than {@link #WRAP_ABOVE} times its ideal height
 * is left as laid out.
 */
public final class ColumnWrap {

    /** The width to height the folded graph aims at (a graph pane of a laptop or desktop window). */
    public static final double ASPECT = 1.7;
    /** Fold only when the laid-out tree is at least this many times taller than its folded height would be. */
    static final double WRAP_ABOVE = 1.6;
    /** The space above the columns where the edges to later columns run. */
    static final double LANE = 30;
    private static final double MARGIN = 24;

    private ColumnWrap() {
    }

    /** One block: its header boxes (domain, root bus) in a column, then its subtrees in columns. */
    private record Block(List<GraphNode> header, List<Unit> units) {
    }

    /** A subtree kept whole: its nodes and the box around them as laid out. */
    private record Unit(List<String> ids, Rect box) {
    }

    public static LayoutResult wrap(GraphModel model, LayoutResult laid) {
        if (model.size() == 0 || laid.boxes().isEmpty()) {
            return laid;
        }
        List<Block> blocks = blocks(model, laid);
        double area = 0;
        double tallest = 0;
        for (Block b : blocks) {
            for (Unit u : b.units()) {
                area += (u.box().width() + ElkTreeLayout.LAYER_GAP) * (u.box().height() + ElkTreeLayout.SIBLING_GAP);
                tallest = Math.max(tallest, u.box().height());
            }
            tallest = Math.max(tallest, headerHeight(b));
        }
        double ideal = Math.max(tallest, Math.sqrt(area / ASPECT));
        if (laid.bounds().height() <= WRAP_ABOVE * ideal) {
            return laid;
        }
        // the column height whose folded graph comes nearest the aspect: width falls as height grows
        double lo = tallest;
        double hi = laid.bounds().height();
        for (int i = 0; i < 30; i++) {
            double mid = (lo + hi) / 2;
            Rect r = place(blocks, laid, mid, null, null);
            if (r.width() / r.height() > ASPECT) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Map<String, Rect> boxes = new HashMap<>();
        Map<String, Double> lanes = new HashMap<>();
        Rect all = place(blocks, laid, hi, boxes, lanes);
        return new LayoutResult(boxes, new Rect(0, 0, all.maxX() + MARGIN, all.maxY() + MARGIN), lanes);
    }

    private static double headerHeight(Block b) {
        double h = 0;
        for (GraphNode n : b.header()) {
            h += n.height() + ElkTreeLayout.SIBLING_GAP;
        }
        return h;
    }

    /** Domains and root buses head blocks; every other top node of a block is a unit with what hangs below it. */
    private static List<Block> blocks(GraphModel model, LayoutResult laid) {
        List<Block> out = new ArrayList<>();
        for (GraphNode domain : model.roots()) {
            List<GraphNode> kids = model.children(domain.id());
            boolean buses = !kids.isEmpty() && kids.stream().allMatch(k -> k.kind() == NodeKind.ROOT_BUS);
            if (buses) {
                boolean first = true;
                for (GraphNode bus : kids) {
                    out.add(new Block(first ? List.of(domain, bus) : List.of(bus), units(model, laid, bus)));
                    first = false;
                }
            } else {
                out.add(new Block(List.of(domain), units(model, laid, domain)));
            }
        }
        return out;
    }

    private static List<Unit> units(GraphModel model, LayoutResult laid, GraphNode head) {
        List<Unit> out = new ArrayList<>();
        for (GraphNode top : model.children(head.id())) {
            List<String> ids = new ArrayList<>();
            collect(model, top, ids);
            Rect box = null;
            for (String id : ids) {
                Rect r = laid.boxes().get(id);
                if (r != null) {
                    box = box == null ? r : box.union(r);
                }
            }
            if (box != null) {
                out.add(new Unit(ids, box));
            }
        }
        return out;
    }

    private static void collect(GraphModel model, GraphNode n, List<String> into) {
        into.add(n.id());
        for (GraphNode c : model.children(n.id())) {
            collect(model, c, into);
        }
    }

    /**
     * Places the blocks left to right with their units in columns no taller than {@code height}; fills
     * {@code boxes} and {@code lanes} when given. Returns the box around everything placed.
     */
    private static Rect place(List<Block> blocks, LayoutResult laid, double height, Map<String, Rect> boxes,
                              Map<String, Double> lanes) {
        double top = MARGIN + LANE;
        double x = MARGIN;
        double maxY = top;
        Map<String, Integer> columnOf = new HashMap<>();
        int column = 0;
        for (Block b : blocks) {
            double y = top;
            double headerWidth = 0;
            for (GraphNode n : b.header()) {
                if (boxes != null) {
                    boxes.put(n.id(), new Rect(x, y, n.width(), n.height()));
                    columnOf.put(n.id(), column);
                }
                y += n.height() + ElkTreeLayout.SIBLING_GAP;
                headerWidth = Math.max(headerWidth, n.width());
            }
            maxY = Math.max(maxY, y);
            column++;
            x += headerWidth + ElkTreeLayout.LAYER_GAP;
            double colWidth = 0;
            y = top;
            boolean firstColumn = true;
            for (Unit u : b.units()) {
                if (y > top && y + u.box().height() > top + height) {
                    x += colWidth + ElkTreeLayout.LAYER_GAP;
                    colWidth = 0;
                    y = top;
                    column++;
                    firstColumn = false;
                }
                double dx = x - u.box().x();
                double dy = y - u.box().y();
                if (boxes != null) {
                    for (String id : u.ids()) {
                        Rect r = laid.boxes().get(id);
                        if (r != null) {
                            boxes.put(id, new Rect(r.x() + dx, r.y() + dy, r.width(), r.height()));
                        }
                    }
                    if (!firstColumn) {
                        lanes.put(u.ids().get(0), MARGIN + LANE / 2);
                    }
                }
                y += u.box().height() + ElkTreeLayout.SIBLING_GAP;
                maxY = Math.max(maxY, y);
                colWidth = Math.max(colWidth, u.box().width());
            }
            x += colWidth + ElkTreeLayout.LAYER_GAP;
            column++;
        }
        if (boxes != null) {
            // a header whose parent heads an earlier block (a second root bus) is reached by the lane too
            for (Block b : blocks) {
                GraphNode first = b.header().get(0);
                if (first.kind() == NodeKind.ROOT_BUS) {
                    lanes.put(first.id(), MARGIN + LANE / 2);
                }
            }
        }
        return new Rect(MARGIN, MARGIN, x - ElkTreeLayout.LAYER_GAP - MARGIN, maxY - ElkTreeLayout.SIBLING_GAP - MARGIN);
    }
}

package org.vfioinspector.app.gui.graph;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.vfioinspector.app.gui.graph.DrawingSurface.Baseline;

/**
 * Draws a {@link GraphScene} on a {@link DrawingSurface}: the window's canvas, PNG tiles and the SVG
 * export all come from here. Only what intersects the viewport is drawn, with less detail when
 * zoomed out ({@link Detail}: boxes in their group's colour with the group number and a short name,
 * then coloured boxes under their groups' numbers in type of a fixed screen size), so that thousands of
 * functions stay fluid and Fit is never blank. It
 * allocates nothing per node once each node's short labels are made; the surface keeps the other caches.
 */
public final class GraphPainter {

    /** How much of a node is drawn at a scale. */
    public enum Detail {
        /** Everything: glyph, address, driver, names, group chip, consequence marks. */
        FULL,
        /** A box in its group's colour with the group number and a short name in large type. */
        SIMPLE,
        /** The same in larger type, one line. */
        SIMPLE_BIG,
        /** Boxes in their group's colour with only the group number (else the short address) in very large type. */
        NUMBERS,
        /**
         * Boxes in their group's colour, text of their own being under {@link #MIN_NUMBER_PIXELS}: each group's
         * number on its region and short names where a box has room, in screen-size type, none overlapping.
         */
        BOXES
    }

    /** From this scale the full node is drawn (titles of 7 px and more; the starting view has 11 px). */
    public static final double TEXT_SCALE = 0.6;
    /** Text smaller than this on screen is not drawn. */
    public static final double MIN_TEXT_PIXELS = 9;
    /**
     * The one exception, furthest out: a group number or short address alone, in bold, from 7 px (a Fit of a
     * two-socket server on a 1280×800 screen lands there; boxes without a word said nothing).
     */
    public static final double MIN_NUMBER_PIXELS = 7;
    /** More nodes than this in view at the numbers level are drawn as boxes (see {@link #paint}). */
    static final int NUMBERS_TEXT_BUDGET = 1200;

    private static final double[] REGION_DASH = {6, 4};
    private static final double[] VF_EDGE_DASH = {4, 4};
    private static final double[] VF_NODE_DASH = {5, 3};
    private static final double[] NONE_BADGE_DASH = {3, 2};
    private static final double[] BRIDGE_DASH = {6, 3};
    private static final double[] UNKNOWN_MARK_DASH = {3, 2};
    /** The narrowest driver pill worth drawing; below it the pill is left out, never the address cut. */
    static final double MIN_BADGE_WIDTH = 26;

    private final GraphTheme theme;
    /** The short labels of simplified nodes, made once per node (a frame allocates nothing per node). */
    /** The mark of a downgraded link (the legend's "▼ downgraded link"). */
    static final String DOWNGRADED_MARK = org.vfioinspector.app.report.HealthFacts.DOWNGRADED_MARK;

    private final Map<GraphNode, String[]> shortLabels = new IdentityHashMap<>();
    /** Where the far-out labels of the frame being painted are (made again when the view's size changes). */
    private LabelSpace labelSpace;
    private List<GroupRegion> sortedOf;
    private List<GroupRegion> sorted = List.of();
    /** The scene {@link #placed} and {@link #families} were made for. */
    private GraphScene indexed;
    private List<Placed> placed = List.of();
    private List<Family> families = List.of();

    /** The far-out group number's chip: its height on the screen and the room either side of its number. */
    static final double FAR_CHIP_HEIGHT = 15;
    static final double FAR_PAD = 3;
    /** The screen height a far-out short name needs. */
    static final double FAR_NAME_HEIGHT = 12;

    public GraphPainter(GraphTheme theme) {
        this.theme = theme;
    }

    public GraphTheme theme() {
        return theme;
    }

    /** The level of detail at a scale. */
    public static Detail detail(double scale) {
        if (scale >= TEXT_SCALE) {
            return Detail.FULL;
        }
        if (scale * TextStyle.LOD.size() >= MIN_TEXT_PIXELS) {
            return Detail.SIMPLE;
        }
        if (scale * TextStyle.LOD_BIG.size() >= MIN_TEXT_PIXELS) {
            return Detail.SIMPLE_BIG;
        }
        if (scale * TextStyle.LOD_HUGE.size() >= MIN_NUMBER_PIXELS) {
            return Detail.NUMBERS;
        }
        return Detail.BOXES;
    }

    public void paint(DrawingSurface g, GraphScene scene, Highlight h, Viewport v) {
        if (shortLabels.size() > 4 * scene.model().size() + 64) {
            shortLabels.clear(); // labels of earlier graphs
        }
        g.begin(v, theme.background());
        Rect visible = v.visible().inflate(40);
        Detail d = detail(v.scale());
        if (d == Detail.NUMBERS && visibleNodes(scene, visible) > NUMBERS_TEXT_BUDGET) {
            // thousands of 7-px labels cost the software renderer two thirds of the frame rate, and at that
            // density none of them is read: the boxes and their colours are what the eye takes in
            d = Detail.BOXES;
        }
        boolean text = d == Detail.FULL;

        g.beginLayer("regions");
        for (GroupRegion r : scene.regions()) {
            if (r.bounds().intersects(visible)) {
                region(g, r, scene.colours(), h, text, d == Detail.BOXES || d == Detail.NUMBERS);
            }
        }
        g.endGroup();
        if (d != Detail.BOXES && d != Detail.NUMBERS) {
            // further out an edge is under half a pixel: thousands of them only cost frames
            edges(g, scene, h, visible, text);
        }
        nodes(g, scene, h, visible, d);
        if (d == Detail.BOXES) {
            farLabels(g, scene, h, v, visible);
        }
        markers(g, scene, h, visible);
        g.end();
    }

    /**
     * Furthest out, where boxes are too small for text of their own: each group's number on its region, in
     * type of {@link TextStyle#FAR}'s size on the screen whatever the zoom, on a chip in the group's colour;
     * then a short name (the driver, else the device's) on each box with room for it. Larger groups first; a
     * label that would overlap one already placed is left out, so what is drawn can be read.
     */
    private void farLabels(DrawingSurface g, GraphScene scene, Highlight h, Viewport v, Rect visible) {
        if (labelSpace == null || labelSpace.width != (int) Math.ceil(v.width())
                || labelSpace.height != (int) Math.ceil(v.height())) {
            labelSpace = new LabelSpace(v.width(), v.height());
        }
        LabelSpace space = labelSpace;
        space.clear();
        double s = v.scale();
        int budget = NUMBERS_TEXT_BUDGET;
        g.beginLayer("group-numbers");
        for (GroupRegion r : largestFirst(scene.regions())) {
            Rect b = largestBox(r);
            if (budget == 0 || !b.intersects(visible)) {
                continue;
            }
            String t = GroupPalette.label(r.group());
            double w = g.width(t, TextStyle.FAR) + 2 * FAR_PAD;
            double x = b.centerX() * s + v.translateX() - w / 2;
            double y = b.centerY() * s + v.translateY() - FAR_CHIP_HEIGHT / 2;
            if (!space.take(x, y, w, FAR_CHIP_HEIGHT)) {
                continue;
            }
            budget--;
            boolean strong = h.groups().contains(r.group());
            g.beginRegion(r.group(), h.active() && !strong ? theme.dimAlpha() : 1);
            g.setFill(scene.colours().color(r.group()), 1);
            g.fillRoundRect(v.toGraphX(x), v.toGraphY(y), w / s, FAR_CHIP_HEIGHT / s, 6 / s);
            g.setFill(scene.colours().textOn(r.group()), 1);
            g.screenText(t, b.centerX(), b.centerY(), TextStyle.FAR, true);
            g.endGroup();
        }
        g.endGroup();
        // a name needs a box at least as tall as its type: none has room at a big host's Fit
        if (FAR_NAME_HEIGHT / s > GraphBuilder.FUNCTION_HEIGHT) {
            return;
        }
        g.beginLayer("short-names");
        LayoutResult l = scene.layout();
        for (GraphNode n : scene.model().nodes()) {
            Rect b = l.boxes().get(n.id());
            if (budget == 0 || b == null || !b.intersects(visible) || !n.isFunction() || b.height() * s < FAR_NAME_HEIGHT) {
                continue;
            }
            String name = shortLabels.computeIfAbsent(n, GraphPainter::shortLabels)[4];
            double room = b.width() * s - 2 * FAR_PAD;
            double w = g.width(name, TextStyle.FAR_NAME);
            if (w > room || name.isEmpty()) {
                continue;
            }
            double x = b.x() * s + v.translateX() + FAR_PAD;
            double y = b.centerY() * s + v.translateY() - FAR_NAME_HEIGHT / 2;
            if (!space.take(x, y, w, FAR_NAME_HEIGHT)) {
                continue;
            }
            budget--;
            boolean grouped = n.group().isPresent();
            g.beginNode(n, h.emphasises(n) ? 1 : theme.dimAlpha());
            g.setFill(grouped ? scene.colours().textOn(n.group().getAsInt()) : theme.text(), 1);
            g.screenText(name, v.toGraphX(x), b.centerY(), TextStyle.FAR_NAME, false);
            g.endGroup();
        }
        g.endGroup();
    }

    /** The regions with the most members first (made once per list of regions). */
    private List<GroupRegion> largestFirst(List<GroupRegion> regions) {
        if (regions != sortedOf) {
            sortedOf = regions;
            sorted = regions.stream()
                    .sorted(java.util.Comparator.comparingInt(GroupRegion::members).reversed()
                            .thenComparingInt(GroupRegion::group))
                    .toList();
        }
        return sorted;
    }

    /** The region's largest box: where its label goes. */
    private static Rect largestBox(GroupRegion r) {
        Rect best = r.boxes().get(0);
        for (Rect b : r.boxes()) {
            if (b.width() * b.height() > best.width() * best.height()) {
                best = b;
            }
        }
        return best;
    }

    /**
     * The screen pixels the labels of one frame take, in cells of two pixels: a label is placed only where no
     * earlier one is, so no two overlap. Made once per size of the view, cleared each frame.
     */
    static final class LabelSpace {
        private static final int CELL = 2;
        final int width;
        final int height;
        private final int cols;
        private final int rows;
        private final boolean[] taken;

        LabelSpace(double width, double height) {
            this.width = (int) Math.ceil(width);
            this.height = (int) Math.ceil(height);
            cols = Math.max(1, this.width / CELL + 1);
            rows = Math.max(1, this.height / CELL + 1);
            taken = new boolean[cols * rows];
        }

        void clear() {
            java.util.Arrays.fill(taken, false);
        }

        /** Takes the screen rectangle if none of it is taken yet (what lies off the screen is always free). */
        boolean take(double x, double y, double w, double h) {
            int c0 = Math.max(0, (int) Math.floor(x / CELL));
            int c1 = Math.min(cols - 1, (int) Math.floor((x + w) / CELL));
            int r0 = Math.max(0, (int) Math.floor(y / CELL));
            int r1 = Math.min(rows - 1, (int) Math.floor((y + h) / CELL));
            if (c0 > c1 || r0 > r1) {
                return false; // wholly off the screen
            }
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    if (taken[r * cols + c]) {
                        return false;
                    }
                }
            }
            for (int r = r0; r <= r1; r++) {
                java.util.Arrays.fill(taken, r * cols + c0, r * cols + c1 + 1, true);
            }
            return true;
        }
    }

    /**
     * The edges, parent by parent: the plain edges below one parent are one path (a trunk down the indent
     * with a stub to each child), which the software renderer strokes once instead of once per child; an
     * edge drawn differently (dashed to folded VFs, degraded, emphasised by the selection, or round to a
     * later column) is drawn by itself, so that it can carry its own style and marks.
     */
    private void edges(DrawingSurface g, GraphScene scene, Highlight h, Rect visible, boolean text) {
        LayoutResult l = scene.layout();
        g.beginLayer("edges");
        index(scene);
        for (Family f : families) {
            if (!spans(visible, f.x0(), f.y0(), f.x1(), f.y1())) {
                continue; // none of its edges, its trunk or its link labels is in view
            }
            GraphNode parent = f.parent();
            List<GraphNode> kids = f.kids();
            Rect p = f.box();
            trunk(g, l, p, parent, kids, h, visible);
            for (GraphNode child : kids) {
                Rect c = l.boxes().get(child.id());
                if (c == null) {
                    continue;
                }
                LayoutResult.Lane lane = l.lanes().get(child.id());
                if (lane != null) {
                    if (spans(visible, p.x(), Math.min(lane.y(), c.y()), c.maxX(), Math.max(p.maxY(), c.maxY()))) {
                        laneEdge(g, p, c, lane, child, parent, h, text);
                    }
                } else if (spans(visible, p.x(), p.y(), c.maxX(), c.maxY())) {
                    if (!inTrunk(child, parent, h)) {
                        edge(g, p, c, child, parent, h);
                    }
                    if (text) {
                        linkLabel(g, c, child, parent, h);
                    }
                }
            }
        }
        g.setAlpha(1);
        g.endGroup();
    }

    /** True when the box from (x0, y0) to (x1, y1) shares any area with {@code visible}. */
    private static boolean spans(Rect visible, double x0, double y0, double x1, double y1) {
        return x0 < visible.maxX() && visible.x() < x1 && y0 < visible.maxY() && visible.y() < y1;
    }

    /** A plain edge, drawn as part of its parent's trunk: solid, not degraded, not emphasised by a selection. */
    static boolean inTrunk(GraphNode child, GraphNode parent, Highlight h) {
        return !child.kind().folded() && !child.linkDegraded() && !h.isBottleneck(child)
                && !(h.active() && h.emphasises(child) && h.emphasises(parent));
    }

    /** The plain edges below one parent in its column, as one path. */
    private void trunk(DrawingSurface g, LayoutResult l, Rect p, GraphNode parent, List<GraphNode> kids, Highlight h,
                       Rect visible) {
        double bottom = Double.NaN;
        double right = p.maxX();
        for (GraphNode child : kids) {
            Rect c = l.boxes().get(child.id());
            if (c != null && !l.lanes().containsKey(child.id()) && inTrunk(child, parent, h)) {
                bottom = c.centerY();
                right = Math.max(right, c.maxX());
            }
        }
        if (Double.isNaN(bottom) || !spans(visible, p.x(), p.y(), right, bottom + 1)) {
            return;
        }
        double x = p.x() + TreeLayout.INDENT / 2;
        g.setAlpha(h.active() ? theme.dimAlpha() : 1);
        g.setStroke(theme.edge(), 1.4, null);
        g.beginPath(x, p.maxY());
        g.lineTo(x, bottom);
        for (GraphNode child : kids) {
            Rect c = l.boxes().get(child.id());
            if (c != null && !l.lanes().containsKey(child.id()) && inTrunk(child, parent, h)
                    && c.centerY() >= visible.y() && c.centerY() <= visible.maxY()) {
                g.moveTo(x, c.centerY());
                g.lineTo(c.x(), c.centerY());
            }
        }
        g.strokePath();
    }

    /**
     * The stroke of an edge drawn by itself: degraded links thicker in their colour, the selection's bottleneck
     * thickest and never dimmed, folded VFs dashed.
     */
    private void edgeStroke(DrawingSurface g, GraphNode child, GraphNode parent, Highlight h, boolean dashed) {
        boolean narrowest = h.isBottleneck(child);
        g.setAlpha(narrowest || h.emphasises(child) && h.emphasises(parent) ? 1 : theme.dimAlpha());
        boolean slow = child.linkDegraded();
        g.setStroke(slow ? theme.degraded() : theme.edge(), narrowest ? 3.5 : slow ? 2 : 1.4,
                dashed ? VF_EDGE_DASH : null);
    }

    /** An edge by itself in one column: down the parent's indent and across to the child. */
    private void edge(DrawingSurface g, Rect p, Rect c, GraphNode child, GraphNode parent, Highlight h) {
        edgeStroke(g, child, parent, h, child.kind().folded());
        double x = c.x() - TreeLayout.INDENT / 2;
        g.beginPath(x, p.maxY());
        g.lineTo(x, c.centerY());
        g.lineTo(c.x(), c.centerY());
        g.strokePath();
    }

    /** The link's speed and width above the child's box, right-aligned; a degraded link in its colour with a ▼. */
    private void linkLabel(DrawingSurface g, Rect c, GraphNode child, GraphNode parent, Highlight h) {
        if (child.linkLabel().isEmpty()) {
            return;
        }
        boolean slow = child.linkDegraded();
        boolean narrowest = h.isBottleneck(child);
        g.setAlpha(narrowest || h.emphasises(child) && h.emphasises(parent) ? 1 : theme.dimAlpha());
        g.setFill(slow ? theme.degraded() : theme.edgeLabel(), 1);
        // clear of the group tab at the region's left
        double room = c.width() - GroupRegions.TAB_WIDTH - 16;
        String label = g.fit(linkLabel(child), TextStyle.SMALL, room);
        double w = g.width(label, TextStyle.SMALL);
        double y = c.y() - GroupRegions.PAD - 1;
        g.text(label, c.maxX() - w, y, TextStyle.SMALL, false, Baseline.BOTTOM);
        if (narrowest) { // "bottleneck" left of the speed, on the same line
            String tag = g.fit(Highlight.BOTTLENECK_TAG, TextStyle.SMALL, room - w - 6);
            g.setFill(theme.text(), 1);
            g.text(tag, c.maxX() - w - 6 - g.width(tag, TextStyle.SMALL), y, TextStyle.SMALL, false, Baseline.BOTTOM);
        }
    }

    /** "▼ 8 GT/s x4" on a downgraded link: the mark first, so that a shortened label keeps it. */
    static String linkLabel(GraphNode child) {
        return (child.linkDegraded() ? DOWNGRADED_MARK + " " : "") + child.linkLabel();
    }

    /**
     * An edge to a node in a later column: right from the parent into the gap after its column, up to the
     * lane above the columns, along it, and down the child's indent.
     */
    private void laneEdge(DrawingSurface g, Rect p, Rect c, LayoutResult.Lane lane, GraphNode child, GraphNode parent,
                          Highlight h, boolean text) {
        edgeStroke(g, child, parent, h, false);
        double xd = c.x() - TreeLayout.INDENT / 2;
        g.beginPath(p.maxX(), p.centerY());
        g.lineTo(lane.exitX(), p.centerY());
        g.lineTo(lane.exitX(), lane.y());
        g.lineTo(xd, lane.y());
        g.lineTo(xd, c.centerY());
        g.lineTo(c.x(), c.centerY());
        g.strokePath();
        if (text) {
            linkLabel(g, c, child, parent, h);
        }
    }

    /** A node and its box, in the model's order (the order nodes are drawn in). */
    private record Placed(GraphNode node, Rect box) {
    }

    /**
     * A parent, its box and its children, with the box that holds every edge, trunk and link label drawn below
     * it (the union of the boxes {@link #edges} culls each of them by): a frame skips a parent out of view
     * without looking up any of its children.
     */
    private record Family(GraphNode parent, Rect box, List<GraphNode> kids, double x0, double y0, double x1,
                          double y1) {
    }

    /**
     * Looks every node's box and every parent's children up once per scene rather than in every frame: a frame
     * of the 4,096-function host draws some sixty boxes, and looking up all 3,976 and their edges' boxes in
     * maps was about half of the painter's own samples in a profile of wheel zooming (BENCHMARKS.md, run 9).
     */
    private void index(GraphScene scene) {
        if (indexed == scene) {
            return;
        }
        GraphModel m = scene.model();
        LayoutResult l = scene.layout();
        List<Placed> ps = new ArrayList<>();
        List<Family> fs = new ArrayList<>();
        for (GraphNode n : m.nodes()) {
            Rect p = l.boxes().get(n.id());
            if (p == null) {
                continue;
            }
            ps.add(new Placed(n, p));
            List<GraphNode> kids = m.children(n.id());
            if (kids.isEmpty()) {
                continue;
            }
            double x1 = p.maxX();
            double y0 = p.y();
            double y1 = p.maxY();
            for (GraphNode child : kids) {
                Rect c = l.boxes().get(child.id());
                if (c == null) {
                    continue;
                }
                LayoutResult.Lane lane = l.lanes().get(child.id());
                x1 = Math.max(x1, c.maxX());
                y0 = Math.min(y0, lane != null ? Math.min(lane.y(), c.y()) : c.y());
                y1 = Math.max(y1, Math.max(c.maxY(), c.centerY() + 1)); // the trunk ends a pixel below a centre
            }
            fs.add(new Family(n, p, kids, p.x(), y0, x1, y1));
        }
        placed = List.copyOf(ps);
        families = List.copyOf(fs);
        indexed = scene;
    }

    private static int visibleNodes(GraphScene scene, Rect visible) {
        int count = 0;
        for (Rect b : scene.layout().boxes().values()) {
            if (b.intersects(visible)) {
                count++;
            }
        }
        return count;
    }

    private void nodes(DrawingSurface g, GraphScene scene, Highlight h, Rect visible, Detail d) {
        g.beginLayer("nodes");
        index(scene);
        for (Placed pl : placed) {
            GraphNode n = pl.node();
            Rect b = pl.box();
            if (b.intersects(visible)) {
                g.beginNode(n, h.emphasises(n) ? 1 : theme.dimAlpha());
                if (d == Detail.FULL) {
                    node(g, n, b, h, scene);
                } else {
                    simpleNode(g, n, b, h, scene, d);
                }
                g.endGroup();
            }
        }
        g.endGroup();
    }

    /** The selection's outlines and tags, last, so that neither neighbours nor labels cover them. */
    private void markers(DrawingSurface g, GraphScene scene, Highlight h, Rect visible) {
        if (!h.active()) {
            return;
        }
        g.beginLayer("markers");
        g.setAlpha(1);
        Markers markers = new Markers(g, theme);
        index(scene);
        for (Placed pl : placed) {
            if (pl.box().intersects(visible)) {
                markers.draw(pl.node(), pl.box(), h);
            }
        }
        g.endGroup();
    }

    private void region(DrawingSurface g, GroupRegion r, GroupColours colours, Highlight h, boolean text, boolean far) {
        String col = colours.color(r.group());
        boolean strong = h.groups().contains(r.group());
        g.beginRegion(r.group(), h.active() && !strong ? theme.dimAlpha() : 1);
        for (Rect b : r.boxes()) {
            g.setFill(col, theme.regionAlpha());
            // far out: a square tint without its dashed outline (under a pixel apart from the boxes it holds, and
            // a thousand dashed outlines cost the software renderer most of a frame)
            g.fillRoundRect(b.x(), b.y(), b.width(), b.height(), far ? 0 : 14);
            if (!far || strong) {
                g.setStroke(col, strong ? 3 : 1.5, strong ? null : REGION_DASH);
                g.strokeRoundRect(b.x(), b.y(), b.width(), b.height(), far ? 0 : 14);
            }
        }
        if (text && r.members() > 1) {
            Rect t = r.label();
            g.setFill(col, 1);
            g.fillRoundRect(t.x(), t.y(), t.width(), t.height(), 8);
            g.setFill(colours.textOn(r.group()), 1);
            g.text(GroupPalette.label(r.group()), t.centerX(), t.centerY(), TextStyle.BADGE, true, Baseline.CENTER);
        }
        g.endGroup();
    }

    private void node(DrawingSurface g, GraphNode n, Rect b, Highlight h, GraphScene scene) {
        boolean affected = h.active() && h.isAffected(n);
        boolean domain = n.kind() == NodeKind.DOMAIN || n.kind() == NodeKind.ROOT_BUS;
        g.setFill(domain ? theme.domainFill() : theme.nodeFill(), 1);
        g.fillRoundRect(b.x(), b.y(), b.width(), b.height(), 10);
        g.setStroke(affected ? theme.affected() : theme.nodeStroke(), affected ? 2.5 : 1,
                n.kind().folded() ? VF_NODE_DASH : null);
        g.strokeRoundRect(b.x(), b.y(), b.width(), b.height(), 10);
        if (affected) {
            // a solid bar as well as the colour, for readers who cannot tell the red apart
            g.setFill(theme.affected(), 1);
            g.fillRoundRect(b.x(), b.y(), 6, b.height(), 6);
        }
        if (domain) {
            g.setFill(theme.text(), 1);
            g.text(g.fit(n.title(), TextStyle.TITLE, b.width() - 20), b.x() + 10, b.y() + 20, TextStyle.TITLE, false,
                    Baseline.BASELINE);
            g.setFill(theme.dimText(), 1);
            String sub = n.detail().isEmpty() ? n.subtitle() : n.subtitle() + " · " + n.detail();
            g.text(g.fit(sub, TextStyle.SMALL, b.width() - 20), b.x() + 10, b.y() + 37, TextStyle.SMALL, false,
                    Baseline.BASELINE);
            return;
        }
        g.glyph(n.glyph(), b.x() + 10, b.y() + 9, 26);
        double tx = b.x() + 44;
        double right = b.maxX() - 7;
        // the address first: the driver pill gets what is left of the line, never the other way round
        String title = g.fit(n.title(), TextStyle.TITLE, right - tx);
        double titleRight = tx + g.width(title, TextStyle.TITLE);
        badge(g, n.badge(), titleRight + 6, right, b.y() + 6);
        g.setFill(theme.text(), 1);
        g.text(title, tx, b.y() + 19, TextStyle.TITLE, false, Baseline.BASELINE);
        g.text(g.fit(n.subtitle(), TextStyle.BODY, right - tx), tx, b.y() + 36, TextStyle.BODY, false,
                Baseline.BASELINE);
        double chipLeft = right;
        if (n.group().isPresent()) {
            chipLeft = chip(g, n.group().getAsInt(), scene.colours(), right, b.maxY() - 18);
        }
        double detailLeft = marks(g, scene.marks().of(n), tx, chipLeft - 4, b.maxY() - 18);
        g.setFill(theme.dimText(), 1);
        g.text(g.fit(n.detail(), TextStyle.SMALL, chipLeft - detailLeft - 4), detailLeft, b.y() + 53,
                TextStyle.SMALL, false, Baseline.BASELINE);
    }

    /**
     * The consequence pills from {@code left} on the bottom row, as many as fit before {@code right}
     * (a "+N" says how many more); returns where the detail text may start.
     */
    private double marks(DrawingSurface g, List<ConsequenceMarks.Mark> marks, double left, double right, double top) {
        double x = left;
        for (int i = 0; i < marks.size(); i++) {
            ConsequenceMarks.Mark m = marks.get(i);
            double w = g.width(m.label(), TextStyle.BADGE) + 10;
            boolean last = i == marks.size() - 1;
            double more = last ? 0 : g.width("+9", TextStyle.BADGE) + 12;
            if (x + w + more > right) {
                String rest = "+" + (marks.size() - i);
                double rw = g.width(rest, TextStyle.BADGE) + 10;
                if (x + rw <= right) {
                    pill(g, rest, false, x, top, rw);
                    x += rw + 4;
                }
                break;
            }
            pill(g, m.label(), m.unknown(), x, top, w);
            x += w + 4;
        }
        return x;
    }

    private void pill(DrawingSurface g, String text, boolean unknown, double x, double top, double w) {
        if (unknown) {
            g.setStroke(theme.dimText(), 1, UNKNOWN_MARK_DASH);
            g.strokeRoundRect(x, top, w, 14, 6);
            g.setFill(theme.dimText(), 1);
        } else {
            g.setFill(theme.degraded(), 1);
            g.fillRoundRect(x, top, w, 14, 6);
            g.setFill(theme.dark() ? theme.background() : "#FFFFFF", 1);
        }
        g.text(text, x + 5, top + 7.5, TextStyle.BADGE, false, Baseline.CENTER);
    }

    /**
     * A node when zoomed out: a box in its group's colour with the group number and a short name in
     * large type, and a band along its bottom when the host loses something with it (dashed: unknown).
     */
    private void simpleNode(DrawingSurface g, GraphNode n, Rect b, Highlight h, GraphScene scene, Detail d) {
        boolean affected = h.active() && h.isAffected(n);
        boolean grouped = n.group().isPresent();
        boolean domain = n.kind() == NodeKind.DOMAIN || n.kind() == NodeKind.ROOT_BUS;
        // a function without a group in a neutral tone that stands out from the background, not white on white
        String fill = grouped ? scene.colours().color(n.group().getAsInt()) : domain ? theme.domainFill()
                : theme.nodeStroke();
        // furthest out a corner is under a pixel: square boxes and no dashes, which the software renderer
        // fills several times faster (thousands of them in a Fit of a big host)
        boolean far = d == Detail.BOXES || d == Detail.NUMBERS;
        double arc = far ? 0 : 10;
        g.setFill(fill, 1);
        g.fillRoundRect(b.x(), b.y(), b.width(), b.height(), arc);
        if (!far || affected || !grouped) {
            g.setStroke(affected ? theme.affected() : theme.nodeStroke(), affected ? 5 : 2,
                    n.kind().folded() ? VF_NODE_DASH : null);
            g.strokeRoundRect(b.x(), b.y(), b.width(), b.height(), arc);
        }
        List<ConsequenceMarks.Mark> marks = scene.marks().of(n);
        if (!marks.isEmpty()) {
            boolean known = marks.stream().anyMatch(m -> !m.unknown());
            if (known) {
                g.setFill(theme.degraded(), 1);
                g.fillRoundRect(b.x(), b.maxY() - 12, b.width(), 12, far ? 0 : 8);
            } else if (far) {
                // unknown: a plain band in the text colour (a dashed outline would be a few pixels of noise)
                g.setFill(theme.text(), 1);
                g.fillRoundRect(b.x() + 3, b.maxY() - 10, b.width() - 6, 7, 0);
            } else {
                g.setStroke(theme.text(), 3, UNKNOWN_MARK_DASH);
                g.strokeRoundRect(b.x() + 3, b.maxY() - 10, b.width() - 6, 7, 6);
            }
        }
        if (d == Detail.BOXES) {
            return;
        }
        String[] labels = shortLabels.computeIfAbsent(n, GraphPainter::shortLabels);
        g.setFill(grouped ? scene.colours().textOn(n.group().getAsInt()) : theme.text(), 1);
        if (d == Detail.SIMPLE) {
            g.text(g.fit(labels[0], TextStyle.LOD, b.width() - 16), b.x() + 8, b.y() + 27, TextStyle.LOD, false,
                    Baseline.BASELINE);
            g.text(g.fit(labels[1], TextStyle.LOD, b.width() - 16), b.x() + 8, b.y() + 49, TextStyle.LOD, false,
                    Baseline.BASELINE);
        } else if (d == Detail.NUMBERS) {
            g.text(g.fit(labels[3], TextStyle.LOD_HUGE, b.width() - 8), b.x() + 4, b.centerY(), TextStyle.LOD_HUGE,
                    false, Baseline.CENTER);
        } else {
            g.text(g.fit(labels[2], TextStyle.LOD_BIG, b.width() - 12), b.x() + 6, b.y() + 25, TextStyle.LOD_BIG, false,
                    Baseline.CENTER);
        }
    }

    /**
     * The text of a simplified node: its two lines (group and driver or name, then the address without
     * its domain), the one line further out (group and driver, else the short address), and the group
     * number alone (else the short address) at the numbers level, and the short name alone (the driver, else
     * the device's name; none for other nodes) for the boxes with room for it furthest out.
     */
    static String[] shortLabels(GraphNode n) {
        if (n.kind() == NodeKind.DOMAIN || n.kind() == NodeKind.ROOT_BUS) {
            return new String[] {n.title(), n.subtitle(), n.title(), n.title(), ""};
        }
        boolean driver = n.badge().kind() == DriverBadge.Kind.VFIO || n.badge().kind() == DriverBadge.Kind.HOST;
        String name = driver ? n.badge().text() : n.subtitle();
        if (n.kind() == NodeKind.VF_GROUP) {
            return new String[] {n.title(), name, n.title(), n.title(), ""};
        }
        if (n.kind() == NodeKind.SUBTREE) {
            // "12 functions below", the groups it hides; furthest out the count alone
            return new String[] {n.title(), n.subtitle(), n.title(), "+" + n.members().size(), ""};
        }
        String t = n.title();
        // 0000:02:00.0 → 02:00.0
        String shortAddress = t.length() > 5 && t.charAt(4) == ':' ? t.substring(5) : t;
        // a downgraded link first in the label: zoomed out the edge and its label are not drawn
        String group = (n.linkDegraded() ? DOWNGRADED_MARK + " " : "")
                + (n.group().isPresent() ? GroupPalette.label(n.group().getAsInt()) + " " : "");
        return new String[] {group + name, shortAddress, group + (driver ? name : shortAddress),
            n.group().isPresent() ? GroupPalette.label(n.group().getAsInt()) : shortAddress, name};
    }

    /**
     * Draws the driver pill right-aligned at {@code right}, no further left than {@code left}: its text is
     * shortened to the room the address leaves, and the pill left out when even a short one does not fit.
     */
    private void badge(DrawingSurface g, DriverBadge badge, double left, double right, double top) {
        if (badge.kind() == DriverBadge.Kind.HIDDEN || right - left < MIN_BADGE_WIDTH) {
            return;
        }
        String t = g.fit(badge.text(), TextStyle.BADGE, Math.min(90, right - left - 12));
        if (t.isEmpty()) {
            return;
        }
        double w = g.width(t, TextStyle.BADGE) + 12;
        double x = right - w;
        if (badge.kind() == DriverBadge.Kind.NONE) {
            g.setStroke(theme.noneBadge(), 1, NONE_BADGE_DASH);
            g.strokeRoundRect(x, top, w, 16, 16);
            g.setFill(theme.dimText(), 1);
        } else {
            g.setFill(badge.kind() == DriverBadge.Kind.VFIO ? theme.vfioBadge() : theme.hostBadge(), 1);
            g.fillRoundRect(x, top, w, 16, 16);
            g.setFill(theme.badgeText(), 1);
        }
        g.text(t, x + 6, top + 8.5, TextStyle.BADGE, false, Baseline.CENTER);
    }

    /** The group number chip in the group's colour, right-aligned; returns its left edge. */
    private double chip(DrawingSurface g, int group, GroupColours colours, double right, double top) {
        String t = GroupPalette.label(group);
        double w = g.width(t, TextStyle.BADGE) + 10;
        double x = right - w;
        g.setFill(colours.color(group), 1);
        g.fillRoundRect(x, top, w, 14, 6);
        g.setFill(colours.textOn(group), 1);
        g.text(t, x + 5, top + 7.5, TextStyle.BADGE, false, Baseline.CENTER);
        return x;
    }

    /** The tags and outlines of the selection, the reset bridge and the functions that must leave the host. */
    private record Markers(DrawingSurface g, GraphTheme theme) {

        void draw(GraphNode n, Rect b, Highlight h) {
            if (h.mustLeaveHost(n) && !h.isResetBridge(n) && !h.isSelected(n)) {
                tag(Highlight.MUST_LEAVE_TAG, b.maxX() - 4, b.y() - 4);
            }
            if (h.isResetBridge(n)) {
                g.setStroke(theme.affected(), 2, BRIDGE_DASH);
                g.strokeRoundRect(b.x() - 4, b.y() - 4, b.width() + 8, b.height() + 8, 12);
                tag("⟲ " + h.bridgeTag(), b.maxX() - 4, b.y() - 4);
            }
            if (h.isSelected(n)) {
                g.setStroke(theme.selection(), 3, null);
                g.strokeRoundRect(b.x() - 3, b.y() - 3, b.width() + 6, b.height() + 6, 12);
                if (h.resetBridge().isEmpty() && !h.bridgeTag().isEmpty() && n.isFunction()) {
                    tag(h.bridgeTag(), b.maxX() - 4, b.y() - 4);
                }
            }
        }

        /** A filled label whose bottom-right corner is at (right, bottom). */
        private void tag(String text, double right, double bottom) {
            double w = g.width(text, TextStyle.TAG) + 12;
            g.setFill(theme.affected(), 1);
            g.fillRoundRect(right - w, bottom - 16, w, 16, 6);
            g.setFill("#FFFFFF", 1);
            g.text(text, right - w + 6, bottom - 7.5, TextStyle.TAG, false, Baseline.CENTER);
        }
    }
}

package org.vfioinspector.app.gui.graph;

import org.vfioinspector.app.gui.graph.DrawingSurface.Baseline;

/**
 * Draws a {@link GraphScene} on a {@link DrawingSurface}: the window's canvas, PNG tiles and the SVG
 * export all come from here. Only what intersects the viewport is drawn, with less detail when
 * zoomed out (boxes without text, then group regions only), so that thousands of functions stay
 * fluid. It holds no state and allocates nothing per node; the surface keeps the caches.
 */
public final class GraphPainter {

    /** Below this scale text is unreadable: boxes only. */
    public static final double TEXT_SCALE = 0.42;
    /** Below this on-screen node height, only group regions are drawn (a minimap). */
    static final double MIN_NODE_PIXELS = 4;

    private static final double[] REGION_DASH = {6, 4};
    private static final double[] VF_EDGE_DASH = {4, 4};
    private static final double[] VF_NODE_DASH = {5, 3};
    private static final double[] NONE_BADGE_DASH = {3, 2};
    private static final double[] BRIDGE_DASH = {6, 3};

    private final GraphTheme theme;

    public GraphPainter(GraphTheme theme) {
        this.theme = theme;
    }

    public GraphTheme theme() {
        return theme;
    }

    public void paint(DrawingSurface g, GraphScene scene, Highlight h, Viewport v) {
        g.begin(v, theme.background());
        Rect visible = v.visible().inflate(40);
        boolean minimap = GraphBuilder.FUNCTION_HEIGHT * v.scale() < MIN_NODE_PIXELS;
        boolean text = v.scale() >= TEXT_SCALE;

        g.beginLayer("regions");
        for (GroupRegion r : scene.regions()) {
            if (r.bounds().intersects(visible)) {
                region(g, r, h, minimap, text);
            }
        }
        g.endGroup();
        if (!minimap) {
            edges(g, scene, h, visible, text);
            nodes(g, scene, h, visible, text);
        }
        g.end();
    }

    private void edges(DrawingSurface g, GraphScene scene, Highlight h, Rect visible, boolean text) {
        GraphModel m = scene.model();
        LayoutResult l = scene.layout();
        g.beginLayer("edges");
        for (GraphNode n : m.nodes()) {
            if (n.parentId() != null) {
                Rect child = l.boxes().get(n.id());
                Rect parent = l.boxes().get(n.parentId());
                if (child != null && parent != null && parent.union(child).intersects(visible)) {
                    edge(g, parent, child, n, m.node(n.parentId()).orElseThrow(), h, text);
                }
            }
        }
        g.setAlpha(1);
        g.endGroup();
    }

    private void nodes(DrawingSurface g, GraphScene scene, Highlight h, Rect visible, boolean text) {
        LayoutResult l = scene.layout();
        g.beginLayer("nodes");
        for (GraphNode n : scene.model().nodes()) {
            Rect b = l.boxes().get(n.id());
            if (b != null && b.intersects(visible)) {
                g.beginNode(n, h.emphasises(n) ? 1 : theme.dimAlpha());
                node(g, n, b, h, text);
                g.endGroup();
            }
        }
        g.endGroup();
        if (!h.active()) {
            return;
        }
        // markers last, so neighbours never cover them
        g.beginLayer("markers");
        g.setAlpha(1);
        Markers markers = new Markers(g, theme);
        for (GraphNode n : scene.model().nodes()) {
            Rect b = l.boxes().get(n.id());
            if (b != null && b.intersects(visible)) {
                markers.draw(n, b, h);
            }
        }
        g.endGroup();
    }

    private void region(DrawingSurface g, GroupRegion r, Highlight h, boolean minimap, boolean text) {
        String col = GroupPalette.color(r.group());
        boolean strong = h.groups().contains(r.group());
        g.beginRegion(r.group(), h.active() && !strong ? theme.dimAlpha() : 1);
        for (Rect b : r.boxes()) {
            g.setFill(col, minimap ? 0.75 : theme.regionAlpha());
            g.fillRoundRect(b.x(), b.y(), b.width(), b.height(), 14);
            if (!minimap) {
                g.setStroke(col, strong ? 3 : 1.5, strong ? null : REGION_DASH);
                g.strokeRoundRect(b.x(), b.y(), b.width(), b.height(), 14);
            }
        }
        if (text && r.members() > 1) {
            Rect t = r.label();
            g.setFill(col, 1);
            g.fillRoundRect(t.x(), t.y(), t.width(), t.height(), 8);
            g.setFill(GroupPalette.textOn(r.group()), 1);
            g.text(GroupPalette.label(r.group()), t.centerX(), t.centerY(), TextStyle.BADGE, true, Baseline.CENTER);
        }
        g.endGroup();
    }

    private void edge(DrawingSurface g, Rect p, Rect c, GraphNode child, GraphNode parent, Highlight h, boolean text) {
        boolean strong = h.emphasises(child) && h.emphasises(parent);
        g.setAlpha(strong ? 1 : theme.dimAlpha());
        double xm = p.maxX() + 22;
        double x1 = c.x();
        double y1 = c.centerY();
        boolean slow = child.linkDegraded();
        g.setStroke(slow ? theme.degraded() : theme.edge(), slow ? 2 : 1.4,
                child.kind() == NodeKind.VF_GROUP ? VF_EDGE_DASH : null);
        g.beginPath(p.maxX(), p.centerY());
        g.lineTo(xm, p.centerY());
        g.lineTo(xm, y1);
        g.lineTo(x1, y1);
        g.strokePath();
        if (text && !child.linkLabel().isEmpty()) {
            g.setFill(slow ? theme.degraded() : theme.edgeLabel(), 1);
            String label = slow ? child.linkLabel() + " ▼" : child.linkLabel();
            g.text(g.fit(label, TextStyle.SMALL, x1 - xm - 8), xm + 5, y1 - 2, TextStyle.SMALL, false, Baseline.BOTTOM);
        }
    }

    private void node(DrawingSurface g, GraphNode n, Rect b, Highlight h, boolean text) {
        boolean affected = h.active() && h.isAffected(n);
        boolean domain = n.kind() == NodeKind.DOMAIN || n.kind() == NodeKind.ROOT_BUS;
        g.setFill(domain ? theme.domainFill() : theme.nodeFill(), 1);
        g.fillRoundRect(b.x(), b.y(), b.width(), b.height(), 10);
        g.setStroke(affected ? theme.affected() : theme.nodeStroke(), affected ? 2.5 : 1,
                n.kind() == NodeKind.VF_GROUP ? VF_NODE_DASH : null);
        g.strokeRoundRect(b.x(), b.y(), b.width(), b.height(), 10);
        if (affected) {
            // a solid bar as well as the colour, for readers who cannot tell the red apart
            g.setFill(theme.affected(), 1);
            g.fillRoundRect(b.x(), b.y(), 6, b.height(), 6);
        }
        if (!text) {
            return;
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
        double badgeLeft = badge(g, n.badge(), right, b.y() + 6);
        boolean vf = n.kind() == NodeKind.VF_GROUP;
        g.setFill(theme.text(), 1);
        g.text(g.fit(n.title(), TextStyle.TITLE, badgeLeft - tx - 4), tx, b.y() + 19, TextStyle.TITLE, false,
                Baseline.BASELINE);
        g.text(g.fit(n.subtitle(), TextStyle.BODY, right - tx), tx, vf ? b.y() + 33 : b.y() + 36, TextStyle.BODY, false,
                Baseline.BASELINE);
        double chipLeft = right;
        if (n.group().isPresent()) {
            chipLeft = chip(g, n.group().getAsInt(), right, b.maxY() - 18);
        }
        g.setFill(theme.dimText(), 1);
        g.text(g.fit(n.detail(), TextStyle.SMALL, chipLeft - tx - 4), tx, vf ? b.y() + 44 : b.y() + 53, TextStyle.SMALL,
                false, Baseline.BASELINE);
    }

    /** Draws the driver pill right-aligned at {@code right}; returns its left edge. */
    private double badge(DrawingSurface g, DriverBadge badge, double right, double top) {
        if (badge.kind() == DriverBadge.Kind.HIDDEN) {
            return right;
        }
        String t = g.fit(badge.text(), TextStyle.BADGE, 90);
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
        return x;
    }

    /** The group number chip in the group's colour, right-aligned; returns its left edge. */
    private double chip(DrawingSurface g, int group, double right, double top) {
        String t = GroupPalette.label(group);
        double w = g.width(t, TextStyle.BADGE) + 10;
        double x = right - w;
        g.setFill(GroupPalette.color(group), 1);
        g.fillRoundRect(x, top, w, 14, 6);
        g.setFill(GroupPalette.textOn(group), 1);
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

package org.vfioinspector.app.gui.graph;

import java.util.HashMap;
import java.util.Map;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Draws a {@link GraphScene} on a canvas: only what intersects the viewport, with less detail when
 * zoomed out (boxes without text, then group regions only), so that thousands of functions stay
 * fluid. It holds no state besides caches; the same painter renders the window and PNG exports.
 */
public final class GraphPainter {

    /** Below this scale text is unreadable: boxes only. */
    public static final double TEXT_SCALE = 0.42;
    /** Below this on-screen node height, only group regions are drawn (a minimap). */
    static final double MIN_NODE_PIXELS = 4;

    private static final Font TITLE = Font.font("System", FontWeight.BOLD, 12);
    private static final Font BODY = Font.font("System", 11.5);
    private static final Font SMALL = Font.font("System", 10.5);
    private static final Font BADGE = Font.font("System", FontWeight.BOLD, 10);
    private static final Font TAG = Font.font("System", FontWeight.BOLD, 10.5);

    private final GraphTheme theme;
    private final GlyphImages glyphs;
    private final Map<String, Color> colors = new HashMap<>();
    private final Map<String, String> fitted = new HashMap<>();
    private final Map<String, Double> widths = new HashMap<>();
    private final Text measure = new Text();

    public GraphPainter(GraphTheme theme, GlyphImages glyphs) {
        this.theme = theme;
        this.glyphs = glyphs;
    }

    public GraphTheme theme() {
        return theme;
    }

    public void paint(GraphicsContext g, GraphScene scene, Highlight h, Viewport v) {
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setGlobalAlpha(1);
        g.setFill(c(theme.background()));
        g.fillRect(0, 0, v.width(), v.height());
        g.setTransform(v.scale(), 0, 0, v.scale(), v.translateX(), v.translateY());
        Rect visible = v.visible().inflate(40);
        boolean minimap = GraphBuilder.FUNCTION_HEIGHT * v.scale() < MIN_NODE_PIXELS;
        boolean text = v.scale() >= TEXT_SCALE;

        for (GroupRegion r : scene.regions()) {
            if (r.bounds().intersects(visible)) {
                region(g, r, h, minimap, text);
            }
        }
        if (minimap) {
            g.setGlobalAlpha(1);
            return;
        }
        GraphModel m = scene.model();
        LayoutResult l = scene.layout();
        for (GraphNode n : m.nodes()) {
            if (n.parentId() != null) {
                Rect child = l.boxes().get(n.id());
                Rect parent = l.boxes().get(n.parentId());
                if (child != null && parent != null && parent.union(child).intersects(visible)) {
                    edge(g, parent, child, n, m.node(n.parentId()).orElseThrow(), h, text);
                }
            }
        }
        for (GraphNode n : m.nodes()) {
            Rect b = l.boxes().get(n.id());
            if (b != null && b.intersects(visible)) {
                node(g, n, b, h, text);
            }
        }
        // markers last, so neighbours never cover them
        for (GraphNode n : m.nodes()) {
            Rect b = l.boxes().get(n.id());
            if (b != null && b.intersects(visible) && h.active()) {
                markers(g, n, b, h);
            }
        }
        g.setGlobalAlpha(1);
    }

    private void region(GraphicsContext g, GroupRegion r, Highlight h, boolean minimap, boolean text) {
        Color col = c(GroupPalette.color(r.group()));
        boolean strong = h.groups().contains(r.group());
        g.setGlobalAlpha(h.active() && !strong ? theme.dimAlpha() : 1);
        for (Rect b : r.boxes()) {
            g.setFill(col.deriveColor(0, 1, 1, minimap ? 0.75 : theme.regionAlpha()));
            g.fillRoundRect(b.x(), b.y(), b.width(), b.height(), 14, 14);
            if (!minimap) {
                g.setStroke(col);
                g.setLineWidth(strong ? 3 : 1.5);
                g.setLineDashes(strong ? null : new double[] {6, 4});
                g.strokeRoundRect(b.x(), b.y(), b.width(), b.height(), 14, 14);
                g.setLineDashes(null);
            }
        }
        if (text && r.members() > 1) {
            Rect t = r.label();
            g.setFill(col);
            g.fillRoundRect(t.x(), t.y(), t.width(), t.height(), 8, 8);
            g.setFill(c(GroupPalette.textOn(r.group())));
            g.setFont(BADGE);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("G" + r.group(), t.centerX(), t.centerY());
            g.setTextAlign(TextAlignment.LEFT);
        }
    }

    private void edge(GraphicsContext g, Rect p, Rect c, GraphNode child, GraphNode parent, Highlight h, boolean text) {
        boolean strong = h.emphasises(child) && h.emphasises(parent);
        g.setGlobalAlpha(strong ? 1 : theme.dimAlpha());
        double x0 = p.maxX();
        double y0 = p.centerY();
        double xm = p.maxX() + 22;
        double x1 = c.x();
        double y1 = c.centerY();
        boolean slow = child.linkDegraded();
        g.setStroke(c(slow ? theme.degraded() : theme.edge()));
        g.setLineWidth(slow ? 2 : 1.4);
        g.setLineCap(StrokeLineCap.ROUND);
        if (child.kind() == NodeKind.VF_GROUP) {
            g.setLineDashes(4, 4);
        }
        g.beginPath();
        g.moveTo(x0, y0);
        g.lineTo(xm, y0);
        g.lineTo(xm, y1);
        g.lineTo(x1, y1);
        g.stroke();
        g.setLineDashes(null);
        if (text && !child.linkLabel().isEmpty()) {
            g.setFont(SMALL);
            g.setFill(c(slow ? theme.degraded() : theme.edgeLabel()));
            g.setTextBaseline(VPos.BOTTOM);
            String label = child.linkLabel() + (slow ? " ▼" : "");
            g.fillText(fit(label, SMALL, x1 - xm - 8), xm + 5, y1 - 2);
        }
    }

    private void node(GraphicsContext g, GraphNode n, Rect b, Highlight h, boolean text) {
        g.setGlobalAlpha(h.emphasises(n) ? 1 : theme.dimAlpha());
        boolean affected = h.active() && h.isAffected(n);
        boolean domain = n.kind() == NodeKind.DOMAIN || n.kind() == NodeKind.ROOT_BUS;
        g.setFill(c(domain ? theme.domainFill() : theme.nodeFill()));
        g.fillRoundRect(b.x(), b.y(), b.width(), b.height(), 10, 10);
        g.setStroke(c(affected ? theme.affected() : theme.nodeStroke()));
        g.setLineWidth(affected ? 2.5 : 1);
        if (n.kind() == NodeKind.VF_GROUP) {
            g.setLineDashes(5, 3);
        }
        g.strokeRoundRect(b.x(), b.y(), b.width(), b.height(), 10, 10);
        g.setLineDashes(null);
        if (affected) {
            // a solid bar as well as the colour, for readers who cannot tell the red apart
            g.setFill(c(theme.affected()));
            g.fillRoundRect(b.x(), b.y(), 6, b.height(), 6, 6);
        }
        if (!text) {
            return;
        }
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
        if (domain) {
            g.setFill(c(theme.text()));
            g.setFont(TITLE);
            g.fillText(fit(n.title(), TITLE, b.width() - 20), b.x() + 10, b.y() + 20);
            g.setFont(SMALL);
            g.setFill(c(theme.dimText()));
            g.fillText(fit(n.subtitle() + (n.detail().isEmpty() ? "" : " · " + n.detail()), SMALL, b.width() - 20),
                    b.x() + 10, b.y() + 37);
            return;
        }
        double gx = b.x() + 10;
        g.drawImage(glyphs.get(n.glyph()), gx, b.y() + 9, 26, 26);
        double tx = b.x() + 44;
        double right = b.maxX() - 7;
        double badgeLeft = badge(g, n.badge(), right, b.y() + 6);
        g.setFill(c(theme.text()));
        g.setFont(TITLE);
        g.fillText(fit(n.title(), TITLE, badgeLeft - tx - 4), tx, b.y() + 19);
        g.setFont(BODY);
        double line2 = n.kind() == NodeKind.VF_GROUP ? b.y() + 33 : b.y() + 36;
        g.fillText(fit(n.subtitle(), BODY, right - tx), tx, line2);
        double chipLeft = right;
        if (n.group().isPresent()) {
            chipLeft = chip(g, n.group().getAsInt(), right, b.maxY() - 18);
        }
        g.setFont(SMALL);
        g.setFill(c(theme.dimText()));
        double line3 = n.kind() == NodeKind.VF_GROUP ? b.y() + 44 : b.y() + 53;
        g.fillText(fit(n.detail(), SMALL, chipLeft - tx - 4), tx, line3);
    }

    /** Draws the driver pill right-aligned at {@code right}; returns its left edge. */
    private double badge(GraphicsContext g, DriverBadge badge, double right, double top) {
        if (badge.kind() == DriverBadge.Kind.HIDDEN) {
            return right;
        }
        String t = fit(badge.text(), BADGE, 90);
        double w = width(t, BADGE) + 12;
        double x = right - w;
        if (badge.kind() == DriverBadge.Kind.NONE) {
            g.setStroke(c(theme.noneBadge()));
            g.setLineWidth(1);
            g.setLineDashes(3, 2);
            g.strokeRoundRect(x, top, w, 16, 16, 16);
            g.setLineDashes(null);
            g.setFill(c(theme.dimText()));
        } else {
            g.setFill(c(badge.kind() == DriverBadge.Kind.VFIO ? theme.vfioBadge() : theme.hostBadge()));
            g.fillRoundRect(x, top, w, 16, 16, 16);
            g.setFill(c(theme.badgeText()));
        }
        g.setFont(BADGE);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(t, x + 6, top + 8.5);
        g.setTextBaseline(VPos.BASELINE);
        return x;
    }

    /** The group number chip in the group's colour, right-aligned; returns its left edge. */
    private double chip(GraphicsContext g, int group, double right, double top) {
        String t = "G" + group;
        double w = width(t, BADGE) + 10;
        double x = right - w;
        g.setFill(c(GroupPalette.color(group)));
        g.fillRoundRect(x, top, w, 14, 6, 6);
        g.setFill(c(GroupPalette.textOn(group)));
        g.setFont(BADGE);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(t, x + 5, top + 7.5);
        g.setTextBaseline(VPos.BASELINE);
        return x;
    }

    private void markers(GraphicsContext g, GraphNode n, Rect b, Highlight h) {
        g.setGlobalAlpha(1);
        if (h.mustLeaveHost(n) && !h.isResetBridge(n) && !h.isSelected(n)) {
            tag(g, Highlight.MUST_LEAVE_TAG, b.maxX() - 4, b.y() - 4, theme.affected());
        }
        if (h.isResetBridge(n)) {
            g.setStroke(c(theme.affected()));
            g.setLineWidth(2);
            g.setLineDashes(6, 3);
            Rect o = b.inflate(4);
            g.strokeRoundRect(o.x(), o.y(), o.width(), o.height(), 12, 12);
            g.setLineDashes(null);
            tag(g, "⟲ " + h.bridgeTag(), b.maxX() - 4, b.y() - 4, theme.affected());
        }
        if (h.isSelected(n)) {
            g.setStroke(c(theme.selection()));
            g.setLineWidth(3);
            Rect o = b.inflate(3);
            g.strokeRoundRect(o.x(), o.y(), o.width(), o.height(), 12, 12);
            if (h.resetBridge().isEmpty() && !h.bridgeTag().isEmpty() && n.isFunction()) {
                tag(g, h.bridgeTag(), b.maxX() - 4, b.y() - 4, theme.affected());
            }
        }
    }

    /** A filled label whose bottom-right corner is at (right, bottom). */
    private void tag(GraphicsContext g, String text, double right, double bottom, String color) {
        double w = width(text, TAG) + 12;
        g.setFill(c(color));
        g.fillRoundRect(right - w, bottom - 16, w, 16, 6, 6);
        g.setFill(Color.WHITE);
        g.setFont(TAG);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, right - w + 6, bottom - 7.5);
        g.setTextBaseline(VPos.BASELINE);
    }

    private Color c(String web) {
        return colors.computeIfAbsent(web, Color::web);
    }

    private double width(String s, Font f) {
        return widths.computeIfAbsent(f.getName() + f.getSize() + '\u0000' + s, k -> {
            measure.setFont(f);
            measure.setText(s);
            return measure.getLayoutBounds().getWidth();
        });
    }

    /** The text, shortened with an ellipsis to fit {@code max} pixels. */
    String fit(String s, Font f, double max) {
        return fitted.computeIfAbsent(f.getName() + f.getSize() + '\u0000' + (int) max + '\u0000' + s, k -> {
            if (width(s, f) <= max) {
                return s;
            }
            int lo = 0;
            int hi = s.length();
            while (lo < hi) {
                int mid = (lo + hi + 1) / 2;
                if (width(s.substring(0, mid) + "…", f) <= max) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo == 0 ? "" : s.substring(0, lo).stripTrailing() + "…";
        });
    }
}

package org.vfioinspector.app.gui.graph;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * The whole graph as a standalone SVG document: the same regions, edges, boxes, badges and
 * highlight as the window draws, with the glyphs embedded as tinted PNG data. Pure (no JavaFX), so
 * it runs on a worker thread. Text is shortened by an estimate of its width, since there is no
 * font to measure with.
 */
public final class SvgExport {

    private final GraphTheme theme;
    private final StringBuilder s = new StringBuilder(1 << 16);

    private SvgExport(GraphTheme theme) {
        this.theme = theme;
    }

    public static String render(GraphScene scene, Highlight h, GraphTheme theme) {
        return new SvgExport(theme).document(scene, h);
    }

    private String document(GraphScene scene, Highlight h) {
        Rect b = scene.layout().bounds();
        double w = Math.max(1, b.width());
        double ht = Math.max(1, b.height());
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\"")
                .append(" width=\"").append(n(w)).append("\" height=\"").append(n(ht))
                .append("\" viewBox=\"0 0 ").append(n(w)).append(' ').append(n(ht)).append('"')
                .append(" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n");
        s.append("<title>VFIO Inspector: PCI topology and IOMMU groups</title>\n");
        glyphDefs();
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"").append(theme.background()).append("\"/>\n");
        s.append("<g class=\"regions\">\n");
        for (GroupRegion r : scene.regions()) {
            region(r, h);
        }
        s.append("</g>\n<g class=\"edges\" fill=\"none\">\n");
        GraphModel m = scene.model();
        for (GraphNode node : m.nodes()) {
            if (node.parentId() != null) {
                Rect c = scene.layout().boxes().get(node.id());
                Rect p = scene.layout().boxes().get(node.parentId());
                if (c != null && p != null) {
                    edge(p, c, node, m.node(node.parentId()).orElseThrow(), h);
                }
            }
        }
        s.append("</g>\n<g class=\"nodes\">\n");
        for (GraphNode node : m.nodes()) {
            Rect r = scene.layout().boxes().get(node.id());
            if (r != null) {
                node(node, r, h);
            }
        }
        s.append("</g>\n</svg>\n");
        return s.toString();
    }

    private void glyphDefs() {
        s.append("<defs>\n");
        for (Map.Entry<Glyph, String> e : tintedGlyphs(theme.glyphTint()).entrySet()) {
            s.append("<image id=\"glyph-").append(e.getKey().name().toLowerCase(Locale.ROOT))
                    .append("\" width=\"26\" height=\"26\" xlink:href=\"data:image/png;base64,")
                    .append(e.getValue()).append("\"/>\n");
        }
        s.append("</defs>\n");
    }

    private void region(GroupRegion r, Highlight h) {
        String col = GroupPalette.color(r.group());
        boolean strong = h.groups().contains(r.group());
        s.append("<g class=\"group\" data-group=\"").append(r.group()).append('"')
                .append(opacity(h.active() && !strong)).append(">\n");
        for (Rect b : r.boxes()) {
            s.append("<rect x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y())).append("\" width=\"")
                    .append(n(b.width())).append("\" height=\"").append(n(b.height())).append("\" rx=\"7\" fill=\"")
                    .append(col).append("\" fill-opacity=\"").append(theme.regionAlpha()).append("\" stroke=\"").append(col)
                    .append("\" stroke-width=\"").append(strong ? "3" : "1.5").append('"')
                    .append(strong ? "" : " stroke-dasharray=\"6 4\"").append("/>\n");
        }
        if (r.members() > 1) {
            Rect t = r.label();
            rect(t, 4, col, null, 0);
            text(t.centerX(), t.centerY() + 3.5, "G" + r.group(), 10, true, GroupPalette.textOn(r.group()), "middle");
        }
        s.append("</g>\n");
    }

    private void edge(Rect p, Rect c, GraphNode child, GraphNode parent, Highlight h) {
        boolean strong = h.emphasises(child) && h.emphasises(parent);
        double xm = p.maxX() + 22;
        String col = child.linkDegraded() ? theme.degraded() : theme.edge();
        s.append("<path d=\"M").append(n(p.maxX())).append(' ').append(n(p.centerY())).append(" H").append(n(xm))
                .append(" V").append(n(c.centerY())).append(" H").append(n(c.x())).append("\" stroke=\"").append(col)
                .append("\" stroke-width=\"").append(child.linkDegraded() ? "2" : "1.4").append('"')
                .append(child.kind() == NodeKind.VF_GROUP ? " stroke-dasharray=\"4 4\"" : "")
                .append(opacity(!strong)).append("/>\n");
        if (!child.linkLabel().isEmpty()) {
            String label = child.linkLabel() + (child.linkDegraded() ? " ▼" : "");
            s.append("<g").append(opacity(!strong)).append('>');
            text(xm + 5, c.centerY() - 3, shorten(label, 10.5, c.x() - xm - 8), 10.5, false,
                    child.linkDegraded() ? theme.degraded() : theme.edgeLabel(), "start");
            s.append("</g>\n");
        }
    }

    private void node(GraphNode node, Rect b, Highlight h) {
        boolean affected = h.active() && h.isAffected(node);
        boolean domain = node.kind() == NodeKind.DOMAIN || node.kind() == NodeKind.ROOT_BUS;
        s.append("<g class=\"node\" data-id=\"").append(esc(node.id())).append('"')
                .append(opacity(!h.emphasises(node))).append(">\n");
        s.append("<title>").append(esc(node.title() + " — " + node.subtitle())).append("</title>\n");
        rect(b, 5, domain ? theme.domainFill() : theme.nodeFill(), affected ? theme.affected() : theme.nodeStroke(),
                affected ? 2.5 : 1);
        if (affected) {
            rect(new Rect(b.x(), b.y(), 6, b.height()), 3, theme.affected(), null, 0);
        }
        if (domain) {
            text(b.x() + 10, b.y() + 20, shorten(node.title(), 12, b.width() - 20), 12, true, theme.text(), "start");
            text(b.x() + 10, b.y() + 37, shorten(node.subtitle() + (node.detail().isEmpty() ? "" : " · " + node.detail()),
                    10.5, b.width() - 20), 10.5, false, theme.dimText(), "start");
        } else {
            s.append("<use xlink:href=\"#glyph-").append(node.glyph().name().toLowerCase(Locale.ROOT)).append("\" x=\"")
                    .append(n(b.x() + 10)).append("\" y=\"").append(n(b.y() + 9)).append("\"/>\n");
            double tx = b.x() + 44;
            double right = b.maxX() - 7;
            double badgeLeft = badge(node.badge(), right, b.y() + 6);
            text(tx, b.y() + 19, shorten(node.title(), 12, badgeLeft - tx - 4), 12, true, theme.text(), "start");
            boolean vf = node.kind() == NodeKind.VF_GROUP;
            text(tx, b.y() + (vf ? 33 : 36), shorten(node.subtitle(), 11.5, right - tx), 11.5, false, theme.text(), "start");
            double chipLeft = right;
            if (node.group().isPresent()) {
                int g = node.group().getAsInt();
                String t = "G" + g;
                double w = estimate(t, 10) + 10;
                chipLeft = right - w;
                rect(new Rect(chipLeft, b.maxY() - 18, w, 14), 3, GroupPalette.color(g), null, 0);
                text(chipLeft + w / 2, b.maxY() - 7.5, t, 10, true, GroupPalette.textOn(g), "middle");
            }
            text(tx, b.y() + (vf ? 44 : 53), shorten(node.detail(), 10.5, chipLeft - tx - 4), 10.5, false,
                    theme.dimText(), "start");
        }
        if (h.mustLeaveHost(node) && !h.isResetBridge(node) && !h.isSelected(node)) {
            tag(Highlight.MUST_LEAVE_TAG, b.maxX() - 4, b.y() - 4);
        }
        if (h.isResetBridge(node)) {
            s.append("<rect x=\"").append(n(b.x() - 4)).append("\" y=\"").append(n(b.y() - 4)).append("\" width=\"")
                    .append(n(b.width() + 8)).append("\" height=\"").append(n(b.height() + 8))
                    .append("\" rx=\"6\" fill=\"none\" stroke=\"").append(theme.affected())
                    .append("\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>\n");
            tag("⟲ " + h.bridgeTag(), b.maxX() - 4, b.y() - 4);
        }
        if (h.isSelected(node)) {
            s.append("<rect x=\"").append(n(b.x() - 3)).append("\" y=\"").append(n(b.y() - 3)).append("\" width=\"")
                    .append(n(b.width() + 6)).append("\" height=\"").append(n(b.height() + 6))
                    .append("\" rx=\"6\" fill=\"none\" stroke=\"").append(theme.selection()).append("\" stroke-width=\"3\"/>\n");
            if (h.resetBridge().isEmpty() && !h.bridgeTag().isEmpty() && node.isFunction()) {
                tag(h.bridgeTag(), b.maxX() - 4, b.y() - 4);
            }
        }
        s.append("</g>\n");
    }

    private double badge(DriverBadge badge, double right, double top) {
        if (badge.kind() == DriverBadge.Kind.HIDDEN) {
            return right;
        }
        String t = shorten(badge.text(), 10, 90);
        double w = estimate(t, 10) + 12;
        double x = right - w;
        if (badge.kind() == DriverBadge.Kind.NONE) {
            s.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(top)).append("\" width=\"").append(n(w))
                    .append("\" height=\"16\" rx=\"8\" fill=\"none\" stroke=\"").append(theme.noneBadge())
                    .append("\" stroke-dasharray=\"3 2\"/>\n");
            text(x + 6, top + 12, t, 10, true, theme.dimText(), "start");
        } else {
            rect(new Rect(x, top, w, 16), 8, badge.kind() == DriverBadge.Kind.VFIO ? theme.vfioBadge() : theme.hostBadge(),
                    null, 0);
            text(x + 6, top + 12, t, 10, true, theme.badgeText(), "start");
        }
        return x;
    }

    private void tag(String text, double right, double bottom) {
        double w = estimate(text, 10.5) + 12;
        rect(new Rect(right - w, bottom - 16, w, 16), 3, theme.affected(), null, 0);
        text(right - w + 6, bottom - 4, text, 10.5, true, "#FFFFFF", "start");
    }

    private void rect(Rect r, double rx, String fill, String stroke, double strokeWidth) {
        s.append("<rect x=\"").append(n(r.x())).append("\" y=\"").append(n(r.y())).append("\" width=\"")
                .append(n(r.width())).append("\" height=\"").append(n(r.height())).append("\" rx=\"").append(n(rx))
                .append("\" fill=\"").append(fill).append('"');
        if (stroke != null) {
            s.append(" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(strokeWidth)).append('"');
        }
        s.append("/>\n");
    }

    private void text(double x, double y, String t, double size, boolean bold, String fill, String anchor) {
        if (t.isEmpty()) {
            return;
        }
        s.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append('"').append(bold ? " font-weight=\"bold\"" : "").append(" fill=\"").append(fill).append('"')
                .append("middle".equals(anchor) ? " text-anchor=\"middle\"" : "").append('>').append(esc(t)).append("</text>\n");
    }

    private String opacity(boolean dim) {
        return dim ? " opacity=\"" + theme.dimAlpha() + "\"" : "";
    }

    /** Average advance of DejaVu Sans is about 0.6 em; a little more keeps text inside its box. */
    static double estimate(String t, double size) {
        return t.length() * size * 0.62;
    }

    static String shorten(String t, double size, double max) {
        if (estimate(t, size) <= max) {
            return t;
        }
        int keep = (int) Math.floor(max / (size * 0.62)) - 1;
        return keep <= 0 ? "" : t.substring(0, Math.min(keep, t.length())).stripTrailing() + "…";
    }

    static String esc(String t) {
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    // characters XML 1.0 forbids (controls from odd sysfs text) are dropped
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String n(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Each glyph PNG recoloured to {@code tint} (keeping alpha), base64-encoded. */
    static Map<Glyph, String> tintedGlyphs(String tint) {
        int rgb = Integer.parseInt(tint.substring(1), 16);
        Map<Glyph, String> out = new EnumMap<>(Glyph.class);
        for (Glyph g : Glyph.values()) {
            try (InputStream in = SvgExport.class.getResourceAsStream("/org/vfioinspector/app/gui/" + g.resource())) {
                if (in == null) {
                    continue;
                }
                BufferedImage src = ImageIO.read(in);
                if (src == null) {
                    continue;
                }
                BufferedImage dst = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_ARGB);
                for (int y = 0; y < src.getHeight(); y++) {
                    for (int x = 0; x < src.getWidth(); x++) {
                        int a = src.getRGB(x, y) >>> 24;
                        dst.setRGB(x, y, a << 24 | rgb);
                    }
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ImageIO.write(dst, "png", bytes);
                out.put(g, Base64.getEncoder().encodeToString(bytes.toByteArray()));
            } catch (IOException e) {
                // without the picture the node keeps its text; nothing else depends on it
            }
        }
        return out;
    }
}

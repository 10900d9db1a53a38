package org.vfioinspector.app.gui.graph;

import java.util.Locale;
import java.util.Map;

/**
 * The {@link DrawingSurface} of a standalone SVG document: regions and nodes become {@code <g>}
 * elements (a node's carries its id and a title), glyphs are embedded once as tinted PNG data.
 * Pure (no JavaFX), so it runs on a worker thread; text widths are estimated ({@link SvgText}).
 */
public final class SvgSurface implements DrawingSurface {

    private final String glyphTint;
    private final StringBuilder s = new StringBuilder(1 << 16);
    private final StringBuilder path = new StringBuilder(64);
    private double alpha = 1;
    private boolean grouped;
    private String fill = "#000000";
    private double fillOpacity = 1;
    private String stroke = "#000000";
    private double strokeWidth = 1;
    private double[] dashes;
    private double lastX;
    private double lastY;
    private double scale = 1;

    public SvgSurface(String glyphTint) {
        this.glyphTint = glyphTint;
    }

    /** The document drawn so far; complete after {@link #end()}. */
    public String document() {
        return s.toString();
    }

    @Override
    public void begin(Viewport v, String background) {
        double w = Math.max(1, v.width());
        double h = Math.max(1, v.height());
        scale = v.scale();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\"")
                .append(" width=\"").append(n(w)).append("\" height=\"").append(n(h))
                .append("\" viewBox=\"").append(n(-v.translateX() / v.scale())).append(' ')
                .append(n(-v.translateY() / v.scale())).append(' ').append(n(w / v.scale())).append(' ')
                .append(n(h / v.scale())).append('"')
                .append(" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n");
        s.append("<title>VFIO Inspector: PCI topology and IOMMU groups</title>\n");
        s.append("<defs>\n");
        for (Map.Entry<Glyph, String> e : SvgGlyphs.tinted(glyphTint).entrySet()) {
            s.append("<image id=\"glyph-").append(e.getKey().name().toLowerCase(Locale.ROOT))
                    .append("\" width=\"26\" height=\"26\" xlink:href=\"data:image/png;base64,")
                    .append(e.getValue()).append("\"/>\n");
        }
        s.append("</defs>\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"").append(background).append("\"/>\n");
    }

    @Override
    public void end() {
        s.append("</svg>\n");
    }

    @Override
    public void beginLayer(String name) {
        s.append("<g class=\"").append(name).append("\">\n");
    }

    @Override
    public void beginRegion(int group, double a) {
        s.append("<g class=\"group\" data-group=\"").append(group).append('"').append(opacity(a)).append(">\n");
        grouped = true;
    }

    @Override
    public void beginNode(GraphNode node, double a) {
        s.append("<g class=\"node\" data-id=\"").append(SvgText.esc(node.id())).append('"').append(opacity(a)).append(">\n");
        s.append("<title>").append(SvgText.esc(node.title() + " — " + node.subtitle())).append("</title>\n");
        grouped = true;
    }

    @Override
    public void endGroup() {
        s.append("</g>\n");
        grouped = false;
    }

    @Override
    public void setAlpha(double a) {
        alpha = a;
    }

    @Override
    public void setFill(String color, double opacity) {
        fill = color;
        fillOpacity = opacity;
    }

    @Override
    public void setStroke(String color, double width, double[] d) {
        stroke = color;
        strokeWidth = width;
        dashes = d;
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arc) {
        rect(x, y, w, h, arc);
        s.append(" fill=\"").append(fill).append('"');
        if (fillOpacity != 1) {
            s.append(" fill-opacity=\"").append(fillOpacity).append('"');
        }
        s.append(opacity(own())).append("/>\n");
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arc) {
        rect(x, y, w, h, arc);
        s.append(" fill=\"none\"");
        stroke();
        s.append(opacity(own())).append("/>\n");
    }

    @Override
    public void beginPath(double x, double y) {
        path.setLength(0);
        path.append('M').append(n(x)).append(' ').append(n(y));
        lastX = x;
        lastY = y;
    }

    @Override
    public void lineTo(double x, double y) {
        if (x == lastX) {
            path.append(" V").append(n(y));
        } else if (y == lastY) {
            path.append(" H").append(n(x));
        } else {
            path.append(" L").append(n(x)).append(' ').append(n(y));
        }
        lastX = x;
        lastY = y;
    }

    @Override
    public void moveTo(double x, double y) {
        path.append(" M").append(n(x)).append(' ').append(n(y));
        lastX = x;
        lastY = y;
    }

    @Override
    public void strokePath() {
        s.append("<path d=\"").append(path).append("\" fill=\"none\"");
        stroke();
        s.append(" stroke-linecap=\"round\"").append(opacity(own())).append("/>\n");
    }

    @Override
    public void text(String t, double x, double y, TextStyle style, boolean centered, Baseline baseline) {
        text(t, x, y, style, style.size(), centered, baseline);
    }

    @Override
    public void screenText(String t, double x, double y, TextStyle style, boolean centered) {
        text(t, x, y, style, style.size() / scale, centered, Baseline.CENTER);
    }

    private void text(String t, double x, double y, TextStyle style, double size, boolean centered, Baseline baseline) {
        if (t.isEmpty()) {
            return;
        }
        double dy = switch (baseline) {
            case CENTER -> size * 0.35;
            case BOTTOM -> -size * 0.1;
            case BASELINE -> 0;
        };
        s.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y + dy)).append("\" font-size=\"").append(n(size))
                .append('"').append(style.bold() ? " font-weight=\"bold\"" : "").append(" fill=\"").append(fill).append('"')
                .append(centered ? " text-anchor=\"middle\"" : "").append(opacity(own() * fillOpacity)).append('>')
                .append(SvgText.esc(t)).append("</text>\n");
    }

    @Override
    public void glyph(Glyph g, double x, double y, double size) {
        s.append("<use xlink:href=\"#glyph-").append(g.name().toLowerCase(Locale.ROOT)).append("\" x=\"")
                .append(n(x)).append("\" y=\"").append(n(y)).append("\"/>\n");
    }

    @Override
    public double width(String t, TextStyle style) {
        return SvgText.estimate(t, style.size());
    }

    @Override
    public String fit(String t, TextStyle style, double max) {
        return SvgText.shorten(t, style.size(), max);
    }

    private void rect(double x, double y, double w, double h, double arc) {
        s.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" rx=\"").append(n(arc / 2)).append('"');
    }

    private void stroke() {
        s.append(" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(strokeWidth)).append('"');
        if (dashes != null) {
            s.append(" stroke-dasharray=\"");
            for (int i = 0; i < dashes.length; i++) {
                s.append(i == 0 ? "" : " ").append(n(dashes[i]));
            }
            s.append('"');
        }
    }

    /** The alpha an element carries itself: inside a region or node the group's {@code <g>} has it. */
    private double own() {
        return grouped ? 1 : alpha;
    }

    private static String opacity(double a) {
        return a == 1 ? "" : " opacity=\"" + a + "\"";
    }

    static String n(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }
}

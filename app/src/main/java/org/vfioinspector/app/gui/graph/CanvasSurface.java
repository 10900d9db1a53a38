package org.vfioinspector.app.gui.graph;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The {@link DrawingSurface} of a JavaFX canvas. It keeps the colours, fonts and measured or
 * shortened text across frames, so that panning a big host allocates nothing per node. FX thread
 * only; {@link #on} points it at the context of the canvas to paint.
 *
 * <p>Text is drawn in screen pixels, in a font of the size it has on the screen rounded to a quarter
 * pixel ({@link #screenSize}): the software renderer draws text under a scaling transform glyph by glyph
 * as shapes, and from its glyph cache without one; a quarter pixel keeps the fonts of a wheel zoom few
 * and is not a visible difference in where a line ends.
 */
public final class CanvasSurface implements DrawingSurface {

    private final GlyphImages glyphs;
    private final Map<String, Color> colors = new HashMap<>();
    private final Map<TextStyle, Font> fonts = new EnumMap<>(TextStyle.class);
    private final TextFit fit = new TextFit(this::measure);
    private final javafx.scene.text.Text measure = new javafx.scene.text.Text();
    /** The screen fonts by style and size in quarter pixels, made as they are first needed. */
    private final Font[][] screenFonts = new Font[TextStyle.values().length][MAX_QUARTERS + 1];
    private GraphicsContext g;
    private Viewport viewport = new Viewport(1, 0, 0, 0, 0);
    private double alpha = 1;
    private double fillOpacity = 1;

    /** Text larger than this on the screen (quarter pixels) gets a font of its own each time (zoomed far in). */
    static final int MAX_QUARTERS = 4 * 160;

    public CanvasSurface(GlyphImages glyphs) {
        this.glyphs = glyphs;
        for (TextStyle s : TextStyle.values()) {
            fonts.put(s, font(s, s.size()));
        }
    }

    /** This surface drawing on {@code context}. */
    public CanvasSurface on(GraphicsContext context) {
        g = context;
        return this;
    }

    @Override
    public void begin(Viewport v, String background) {
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setGlobalAlpha(1);
        g.setFill(c(background));
        g.fillRect(0, 0, v.width(), v.height());
        g.setTransform(v.scale(), 0, 0, v.scale(), v.translateX(), v.translateY());
        viewport = v;
        g.setLineCap(StrokeLineCap.ROUND);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
        alpha = 1;
    }

    /** Leaves the transform, so that the view can draw its focus ring on top in graph coordinates. */
    @Override
    public void end() {
        setAlpha(1);
    }

    @Override
    public void beginLayer(String name) {
        // layers are only the drawing order on a canvas
    }

    @Override
    public void beginRegion(int group, double a) {
        setAlpha(a);
    }

    @Override
    public void beginNode(GraphNode n, double a) {
        setAlpha(a);
    }

    @Override
    public void endGroup() {
        // alpha is set again by whatever comes next
    }

    @Override
    public void setAlpha(double a) {
        alpha = a;
        g.setGlobalAlpha(a);
    }

    @Override
    public void setFill(String color, double opacity) {
        g.setFill(c(color));
        fillOpacity = opacity;
    }

    @Override
    public void setStroke(String color, double width, double[] dashes) {
        g.setStroke(c(color));
        g.setLineWidth(width);
        g.setLineDashes(dashes);
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arc) {
        g.setGlobalAlpha(alpha * fillOpacity);
        if (arc <= 0) {
            g.fillRect(x, y, w, h);
        } else {
            g.fillRoundRect(x, y, w, h, arc, arc);
        }
        g.setGlobalAlpha(alpha);
    }

    @Override
    public void strokeRoundRect(double x, double y, double w, double h, double arc) {
        g.strokeRoundRect(x, y, w, h, arc, arc);
    }

    @Override
    public void beginPath(double x, double y) {
        g.beginPath();
        g.moveTo(x, y);
    }

    @Override
    public void lineTo(double x, double y) {
        g.lineTo(x, y);
    }

    @Override
    public void moveTo(double x, double y) {
        g.moveTo(x, y);
    }

    @Override
    public void strokePath() {
        g.stroke();
    }

    @Override
    public void text(String s, double x, double y, TextStyle style, boolean centered, Baseline baseline) {
        screen(s, x, y, style, viewport.scale(), centered, baseline);
    }

    @Override
    public void screenText(String s, double x, double y, TextStyle style, boolean centered) {
        screen(s, x, y, style, 1, centered, Baseline.CENTER);
    }

    /** Text at graph point (x, y) in the style's font at {@code scale}, drawn without the zoom's transform. */
    private void screen(String s, double x, double y, TextStyle style, double scale, boolean centered,
                        Baseline baseline) {
        Viewport v = viewport;
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setFont(screenFont(style, scale));
        g.setTextAlign(centered ? TextAlignment.CENTER : TextAlignment.LEFT);
        g.setTextBaseline(switch (baseline) {
            case CENTER -> VPos.CENTER;
            case BOTTOM -> VPos.BOTTOM;
            case BASELINE -> VPos.BASELINE;
        });
        g.setGlobalAlpha(alpha * fillOpacity);
        g.fillText(s, x * v.scale() + v.translateX(), y * v.scale() + v.translateY());
        g.setGlobalAlpha(alpha);
        g.setTransform(v.scale(), 0, 0, v.scale(), v.translateX(), v.translateY());
    }

    /** The size in pixels a style has on the screen at {@code scale}, to a quarter pixel (never under one). */
    static double screenSize(TextStyle style, double scale) {
        return Math.max(4, Math.round(style.size() * scale * 4)) / 4.0;
    }

    /** The font of a style at its size on the screen at {@code scale}. */
    Font screenFont(TextStyle style, double scale) {
        int quarters = (int) Math.round(screenSize(style, scale) * 4);
        if (quarters > MAX_QUARTERS) {
            return font(style, quarters / 4.0);
        }
        Font[] bySize = screenFonts[style.ordinal()];
        Font f = bySize[quarters];
        if (f == null) {
            f = font(style, quarters / 4.0);
            bySize[quarters] = f;
        }
        return f;
    }

    private static Font font(TextStyle s, double size) {
        return s.bold() ? Font.font("System", FontWeight.BOLD, size) : Font.font("System", size);
    }

    @Override
    public void glyph(Glyph glyph, double x, double y, double size) {
        g.drawImage(glyphs.get(glyph), x, y, size, size);
    }

    @Override
    public double width(String s, TextStyle style) {
        return fit.width(s, style);
    }

    @Override
    public String fit(String s, TextStyle style, double max) {
        return fit.fit(s, style, max);
    }

    private double measure(String s, TextStyle style) {
        measure.setFont(fonts.get(style));
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    private Color c(String web) {
        return colors.computeIfAbsent(web, Color::web);
    }
}

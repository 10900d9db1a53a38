package org.vfioinspector.app.gui.graph;

/**
 * The whole graph as a standalone SVG document, drawn by the window's {@link GraphPainter} on an
 * {@link SvgSurface}: the same regions, edges, boxes, badges and highlight. Pure (no JavaFX), so it
 * runs on a worker thread.
 */
public final class SvgExport {

    private SvgExport() {
    }

    public static String render(GraphScene scene, Highlight h, GraphTheme theme) {
        Rect b = scene.layout().bounds();
        SvgSurface svg = new SvgSurface(theme.glyphTint());
        // scale 1 over the whole graph: nothing is culled and every label is written
        new GraphPainter(theme).paint(svg, scene, h,
                new Viewport(1, -b.x(), -b.y(), Math.max(1, b.width()), Math.max(1, b.height())));
        return svg.document();
    }
}

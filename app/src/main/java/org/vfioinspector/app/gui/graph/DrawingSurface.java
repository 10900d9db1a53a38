package org.vfioinspector.app.gui.graph;

/**
 * What {@link GraphPainter} draws on: a canvas ({@link CanvasSurface}) or an SVG document
 * ({@link SvgSurface}). Stateful like a 2D context (fill, stroke, alpha stay until changed), so
 * that painting a frame allocates nothing on the canvas. Colours are {@code #RRGGBB}; rounded
 * corners are given as arc diameters; coordinates are graph coordinates.
 */
public interface DrawingSurface {

    /** Where text sits relative to the y given to {@link #text}. */
    enum Baseline { BASELINE, CENTER, BOTTOM }

    /** Clears to the background and maps graph coordinates through the viewport. */
    void begin(Viewport v, String background);

    /** Ends the drawing (the canvas's transform back to identity, the document closed). */
    void end();

    /** A named layer (regions, edges, nodes, markers): an SVG group, nothing on a canvas. */
    void beginLayer(String name);

    /** The IOMMU group region drawn until {@link #endGroup()}, at {@code alpha}. */
    void beginRegion(int group, double alpha);

    /** The node drawn until {@link #endGroup()}, at {@code alpha}. */
    void beginNode(GraphNode n, double alpha);

    /** Ends a region, a node or a layer. */
    void endGroup();

    /** The opacity of what is drawn outside regions and nodes. */
    void setAlpha(double alpha);

    void setFill(String color, double opacity);

    void setStroke(String color, double width, double[] dashes);

    void fillRoundRect(double x, double y, double w, double h, double arc);

    void strokeRoundRect(double x, double y, double w, double h, double arc);

    /** The path of one edge: a polyline stroked with the current stroke. */
    void beginPath(double x, double y);

    void lineTo(double x, double y);

    /** Starts another piece of the same path at (x, y) (the stubs of a trunk). */
    void moveTo(double x, double y);

    void strokePath();

    /** Text in the current fill; {@code centered} puts x in its middle, else at its left. */
    void text(String s, double x, double y, TextStyle style, boolean centered, Baseline baseline);

    /**
     * Text whose style's size is in screen pixels at any zoom (the labels of the furthest-out view), its
     * middle at graph point (x, y) when {@code centered}, else its left end; centred vertically.
     */
    void screenText(String s, double x, double y, TextStyle style, boolean centered);

    void glyph(Glyph g, double x, double y, double size);

    /** The width of the text in this style (the canvas measures it; SVG estimates). */
    double width(String s, TextStyle style);

    /** The text, shortened with an ellipsis to fit {@code max}. */
    String fit(String s, TextStyle style, double max);
}

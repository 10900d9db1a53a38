package org.vfioinspector.app.gui.graph;

/** The graph's type faces, as size and weight: each surface maps them to its own fonts. */
public enum TextStyle {
    TITLE(12, true), BODY(11.5, false), SMALL(10.5, false), BADGE(10, true), TAG(10.5, true),
    /** The one line of a simplified node when zoomed out ({@link GraphPainter.Detail#SIMPLE}). */
    LOD(26, true),
    /** The same, further out ({@link GraphPainter.Detail#SIMPLE_BIG}), and group numbers on regions. */
    LOD_BIG(34, true),
    /** Only the group number (else the short address), furthest out ({@link GraphPainter.Detail#NUMBERS}). */
    LOD_HUGE(48, true),
    /**
     * Group numbers on their regions furthest out ({@link GraphPainter.Detail#BOXES}): a size in screen pixels,
     * whatever the zoom ({@link DrawingSurface#screenText}).
     */
    FAR(11, true),
    /** Short names on boxes that have room for them furthest out, in screen pixels. */
    FAR_NAME(10, false);

    private final double size;
    private final boolean bold;

    TextStyle(double size, boolean bold) {
        this.size = size;
        this.bold = bold;
    }

    public double size() {
        return size;
    }

    public boolean bold() {
        return bold;
    }
}

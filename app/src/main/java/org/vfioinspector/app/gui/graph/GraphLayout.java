package org.vfioinspector.app.gui.graph;

/**
 * Places the nodes of a {@link GraphModel}: a pure function from model to coordinates, so it runs
 * off the FX thread and is tested without a screen.
 */
public interface GraphLayout {

    /** Boxes for every node of {@code model}, with the top-left of the drawing at (0, 0) or below. */
    LayoutResult layout(GraphModel model);
}

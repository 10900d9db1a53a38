package org.vfioinspector.app.gui.graph;

import java.util.Map;
import java.util.Optional;

/**
 * Where each node of a graph goes; {@code bounds} holds them all. {@code lanes} gives, for a node
 * folded into a later column than its parent ({@link TreeLayout}), the way its edge goes round.
 */
public record LayoutResult(Map<String, Rect> boxes, Rect bounds, Map<String, Lane> lanes) {

    /**
     * The way of an edge to a later column: from its parent right to {@code exitX} (in the gap after the
     * parent's column), up to the lane at {@code y} above the columns, along it, and down into the child's column.
     */
    public record Lane(double exitX, double y) {
    }

    public static final LayoutResult EMPTY = new LayoutResult(Map.of(), new Rect(0, 0, 0, 0));

    public LayoutResult {
        boxes = Map.copyOf(boxes);
        lanes = Map.copyOf(lanes);
    }

    /** A layout whose edges all run straight from parent to child. */
    public LayoutResult(Map<String, Rect> boxes, Rect bounds) {
        this(boxes, bounds, Map.of());
    }

    public Optional<Rect> box(String nodeId) {
        return Optional.ofNullable(boxes.get(nodeId));
    }
}

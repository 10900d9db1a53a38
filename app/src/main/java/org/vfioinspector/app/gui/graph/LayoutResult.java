package org.vfioinspector.app.gui.graph;

import java.util.Map;
import java.util.Optional;

/**
 * Where each node of a graph goes; {@code bounds} holds them all. {@code lanes} gives, for a node
 * folded into a later column ({@link ColumnWrap}), the y of the lane above the columns its edge runs along.
 */
public record LayoutResult(Map<String, Rect> boxes, Rect bounds, Map<String, Double> lanes) {

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

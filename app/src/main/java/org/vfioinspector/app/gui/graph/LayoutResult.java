package org.vfioinspector.app.gui.graph;

import java.util.Map;
import java.util.Optional;

/** Where each node of a graph goes; {@code bounds} holds them all. */
public record LayoutResult(Map<String, Rect> boxes, Rect bounds) {

    public static final LayoutResult EMPTY = new LayoutResult(Map.of(), new Rect(0, 0, 0, 0));

    public LayoutResult {
        boxes = Map.copyOf(boxes);
    }

    public Optional<Rect> box(String nodeId) {
        return Optional.ofNullable(boxes.get(nodeId));
    }
}

package org.vfioinspector.app.gui.graph;

import java.util.List;

/**
 * The coloured area of one IOMMU group: one box around all members when that box holds no other
 * node, else one box per member. {@code label} is where the group number tab goes; {@code members}
 * counts the function nodes in it.
 */
public record GroupRegion(int group, int members, List<Rect> boxes, Rect label) {

    public GroupRegion {
        boxes = List.copyOf(boxes);
        if (boxes.isEmpty()) {
            throw new IllegalArgumentException("group " + group + " region needs a box");
        }
    }

    public Rect bounds() {
        Rect r = boxes.get(0);
        for (Rect b : boxes) {
            r = r.union(b);
        }
        return r;
    }
}

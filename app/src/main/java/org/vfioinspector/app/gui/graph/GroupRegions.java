package org.vfioinspector.app.gui.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Computes the {@link GroupRegion}s of a laid-out graph: pure geometry. */
public final class GroupRegions {

    /** How far a region reaches beyond its members' boxes. */
    public static final double PAD = 6;
    static final double TAB_WIDTH = 40;
    static final double TAB_HEIGHT = 14;

    private GroupRegions() {
    }

    /** One region per IOMMU group that has a function node in the graph, ordered by group number. */
    public static List<GroupRegion> of(GraphModel model, LayoutResult layout) {
        Map<Integer, List<GraphNode>> byGroup = new TreeMap<>();
        for (GraphNode n : model.nodes()) {
            if (n.isFunction() && n.group().isPresent() && layout.box(n.id()).isPresent()) {
                byGroup.computeIfAbsent(n.group().getAsInt(), k -> new ArrayList<>()).add(n);
            }
        }
        List<GroupRegion> out = new ArrayList<>();
        for (Map.Entry<Integer, List<GraphNode>> e : byGroup.entrySet()) {
            out.add(region(e.getKey(), e.getValue(), model, layout));
        }
        return out;
    }

    private static GroupRegion region(int group, List<GraphNode> members, GraphModel model, LayoutResult layout) {
        List<Rect> rects = members.stream().map(n -> layout.box(n.id()).orElseThrow()).toList();
        Rect all = rects.get(0);
        for (Rect r : rects) {
            all = all.union(r);
        }
        all = all.inflate(PAD);
        List<Rect> boxes;
        if (members.size() > 1 && coversOthers(all, members, model, layout)) {
            boxes = rects.stream().map(r -> r.inflate(PAD)).toList();
        } else {
            boxes = List.of(all);
        }
        Rect first = boxes.get(0);
        // the tab straddles the region's top edge: half in the padding, half in the gap above
        Rect tab = new Rect(first.x() + 8, first.y() - TAB_HEIGHT / 2 - 2, TAB_WIDTH, TAB_HEIGHT);
        return new GroupRegion(group, members.size(), boxes, tab);
    }

    private static boolean coversOthers(Rect area, List<GraphNode> members, GraphModel model, LayoutResult layout) {
        Set<String> ids = members.stream().map(GraphNode::id).collect(Collectors.toSet());
        for (GraphNode n : model.nodes()) {
            if (!ids.contains(n.id()) && layout.box(n.id()).map(area::intersects).orElse(false)) {
                return true;
            }
        }
        return false;
    }
}

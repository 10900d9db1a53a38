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
        BoxIndex index = new BoxIndex(model, layout);
        List<GroupRegion> out = new ArrayList<>();
        for (Map.Entry<Integer, List<GraphNode>> e : byGroup.entrySet()) {
            out.add(region(e.getKey(), e.getValue(), index, layout));
        }
        return out;
    }

    private static GroupRegion region(int group, List<GraphNode> members, BoxIndex index, LayoutResult layout) {
        List<Rect> rects = members.stream().map(n -> layout.box(n.id()).orElseThrow()).toList();
        Rect all = rects.get(0);
        for (Rect r : rects) {
            all = all.union(r);
        }
        all = all.inflate(PAD);
        List<Rect> boxes;
        if (members.size() > 1 && coversOthers(all, members, index)) {
            boxes = rects.stream().map(r -> r.inflate(PAD)).toList();
        } else {
            boxes = List.of(all);
        }
        Rect first = boxes.get(0);
        // the tab straddles the region's top edge: half in the padding, half in the gap above
        Rect tab = new Rect(first.x() + 8, first.y() - TAB_HEIGHT / 2 - 2, TAB_WIDTH, TAB_HEIGHT);
        return new GroupRegion(group, members.size(), boxes, tab);
    }

    private static boolean coversOthers(Rect area, List<GraphNode> members, BoxIndex index) {
        Set<String> ids = members.stream().map(GraphNode::id).collect(Collectors.toSet());
        return index.anyIntersecting(area, id -> !ids.contains(id));
    }

    /**
     * Every laid-out node's box, sorted by left edge, so that "does anything else lie in this area" looks
     * only at the boxes that can reach it (a full pass per shared group made the regions of a
     * 4,096-function host cost most of a second).
     */
    private static final class BoxIndex {
        private final String[] ids;
        private final Rect[] boxes;
        private final double[] lefts;
        private final double widest;

        BoxIndex(GraphModel model, LayoutResult layout) {
            List<Map.Entry<String, Rect>> all = new ArrayList<>();
            for (GraphNode n : model.nodes()) {
                layout.box(n.id()).ifPresent(b -> all.add(Map.entry(n.id(), b)));
            }
            all.sort(java.util.Comparator.comparingDouble(e -> e.getValue().x()));
            ids = new String[all.size()];
            boxes = new Rect[all.size()];
            lefts = new double[all.size()];
            double w = 0;
            for (int i = 0; i < all.size(); i++) {
                ids[i] = all.get(i).getKey();
                boxes[i] = all.get(i).getValue();
                lefts[i] = boxes[i].x();
                w = Math.max(w, boxes[i].width());
            }
            widest = w;
        }

        boolean anyIntersecting(Rect area, java.util.function.Predicate<String> counts) {
            // a box that intersects starts left of the area's right edge and no further left than the widest box
            int i = firstAtOrAfter(area.x() - widest);
            for (; i < lefts.length && lefts[i] <= area.maxX(); i++) {
                if (boxes[i].intersects(area) && counts.test(ids[i])) {
                    return true;
                }
            }
            return false;
        }

        private int firstAtOrAfter(double x) {
            int lo = 0;
            int hi = lefts.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (lefts[mid] < x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}

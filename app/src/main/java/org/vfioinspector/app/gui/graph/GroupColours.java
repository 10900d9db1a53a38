package org.vfioinspector.app.gui.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Colours of the IOMMU groups of one laid-out graph, chosen so that groups whose regions lie next to
 * each other never share one: a greedy colouring of the regions' adjacency (regions closer than a
 * sibling gap) over {@link GroupPalette#COLORS}, Paul Tol's colour-blind-safe scheme. With numbers
 * alone nine colours repeat every ninth group, and neighbours of a host with thousands of groups
 * often matched. Each group keeps its number's colour ({@link GroupPalette#color}) when no neighbour
 * has it, so small hosts look as before; the number is always written on the region as well.
 */
public final class GroupColours {

    public static final GroupColours BY_NUMBER = new GroupColours(Map.of());

    /** How near two regions may be and still count as neighbours. */
    static final double NEAR = Math.max(TreeLayout.ROW_GAP, TreeLayout.COLUMN_GAP) + 2 * GroupRegions.PAD;

    private final Map<Integer, Integer> index;

    private GroupColours(Map<Integer, Integer> index) {
        this.index = Map.copyOf(index);
    }

    public static GroupColours of(List<GroupRegion> regions) {
        Map<Integer, Set<Integer>> near = adjacency(regions);
        int k = GroupPalette.COLORS.size();
        Map<Integer, Integer> out = new HashMap<>();
        // most neighbours first, so the crowded groups pick while colours are free
        List<Integer> order = new ArrayList<>(near.keySet());
        order.sort(Comparator.comparingInt((Integer g) -> -near.get(g).size()).thenComparing(g -> g));
        for (int g : order) {
            int[] used = new int[k];
            for (int n : near.get(g)) {
                Integer c = out.get(n);
                if (c != null) {
                    used[c]++;
                }
            }
            int own = Math.floorMod(g, k);
            int pick = own;
            if (used[own] > 0) {
                // the free colour nearest after its own; if none is free, the least used
                pick = -1;
                for (int i = 1; i < k && pick < 0; i++) {
                    if (used[(own + i) % k] == 0) {
                        pick = (own + i) % k;
                    }
                }
                if (pick < 0) {
                    pick = own;
                    for (int i = 0; i < k; i++) {
                        if (used[i] < used[pick]) {
                            pick = i;
                        }
                    }
                }
            }
            out.put(g, pick);
        }
        return new GroupColours(out);
    }

    /** Groups whose region boxes come within {@link #NEAR} of each other; every group is a key. */
    static Map<Integer, Set<Integer>> adjacency(List<GroupRegion> regions) {
        List<Rect> boxes = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        Map<Integer, Set<Integer>> near = new HashMap<>();
        for (GroupRegion r : regions) {
            near.computeIfAbsent(r.group(), g -> new HashSet<>());
            for (Rect b : r.boxes()) {
                boxes.add(b.inflate(NEAR / 2));
                owner.add(r.group());
            }
        }
        Integer[] byX = new Integer[boxes.size()];
        for (int i = 0; i < byX.length; i++) {
            byX[i] = i;
        }
        java.util.Arrays.sort(byX, Comparator.comparingDouble(i -> boxes.get(i).x()));
        // sweep left to right: only boxes that start before this one ends can touch it
        for (int a = 0; a < byX.length; a++) {
            Rect ra = boxes.get(byX[a]);
            for (int b = a + 1; b < byX.length && boxes.get(byX[b]).x() <= ra.maxX(); b++) {
                int ga = owner.get(byX[a]);
                int gb = owner.get(byX[b]);
                if (ga != gb && ra.intersects(boxes.get(byX[b]))) {
                    near.get(ga).add(gb);
                    near.get(gb).add(ga);
                }
            }
        }
        return near;
    }

    /** {@code #RRGGBB} of the group. */
    public String color(int group) {
        Integer i = index.get(group);
        return i == null ? GroupPalette.color(group) : GroupPalette.COLORS.get(i);
    }

    /** Black or white, whichever reads better on the group's colour. */
    public String textOn(int group) {
        Integer i = index.get(group);
        return GroupPalette.textOn(i == null ? group : i);
    }
}

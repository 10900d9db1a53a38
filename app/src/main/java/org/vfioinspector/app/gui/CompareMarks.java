package org.vfioinspector.app.gui;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vfioinspector.app.gui.graph.ConsequenceMarks.Mark;
import org.vfioinspector.core.compare.Change;
import org.vfioinspector.core.compare.Comparison;
import org.vfioinspector.core.model.PciAddress;

/**
 * The graph's marks for a comparison, on the functions of the open host (the second side): worse, group
 * changed (every member of a group that merged, was joined or split), moved, new, changed, unknown.
 */
public final class CompareMarks {

    private CompareMarks() {
    }

    public static Map<PciAddress, List<Mark>> of(Comparison c) {
        Map<PciAddress, Set<Mark>> out = new HashMap<>();
        for (Change x : c.changes()) {
            if (x.after().isEmpty()) {
                continue;
            }
            PciAddress a = x.after().get();
            Mark m = switch (x.impact()) {
                case WORSE -> Mark.COMPARE_WORSE;
                case UNKNOWN -> Mark.COMPARE_UNKNOWN;
                default -> switch (x.aspect()) {
                    case POSITION -> Mark.COMPARE_MOVED;
                    case PRESENCE -> Mark.COMPARE_NEW;
                    case IOMMU_GROUP -> Mark.COMPARE_GROUP;
                    default -> Mark.COMPARE_CHANGED;
                };
            };
            out.computeIfAbsent(a, k -> EnumSet.noneOf(Mark.class)).add(m);
            if (x.aspect() == Change.Aspect.IOMMU_GROUP) {
                out.get(a).add(Mark.COMPARE_GROUP);
            }
        }
        Map<PciAddress, List<Mark>> lists = new HashMap<>();
        out.forEach((a, m) -> lists.put(a, List.copyOf(m)));
        return lists;
    }
}

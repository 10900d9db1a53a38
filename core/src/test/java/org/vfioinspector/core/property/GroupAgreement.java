package org.vfioinspector.core.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/**
 * The group a function's {@code iommu_group} link names and the group folders that list it must
 * agree; where the host does not (a capture with dangling links, a group renumbered during the
 * scan), a topology note must name the group or the function.
 */
public final class GroupAgreement {

    private GroupAgreement() {
    }

    /** Asserts agreement, or an explaining note, for every function of {@code t}. */
    public static void check(Topology t) {
        for (PciDevice d : t.devices()) {
            Set<Integer> listedIn = new TreeSet<>();
            for (IommuGroup g : t.groups()) {
                if (g.devices().contains(d.address())) {
                    listedIn.add(g.id());
                }
            }
            Set<Integer> linked = new TreeSet<>();
            d.iommuGroup().ifPresent(linked::add);
            if (!listedIn.equals(linked)) {
                Set<Integer> involved = new TreeSet<>(listedIn);
                involved.addAll(linked);
                assertThat(explained(t.notes(), d, involved))
                        .as("%s links to group %s but is listed in %s, and no note says why; notes: %s",
                                d.address(), linked, listedIn, t.notes())
                        .isTrue();
            }
        }
    }

    private static boolean explained(List<String> notes, PciDevice d, Set<Integer> groups) {
        for (String n : notes) {
            if (n.contains(d.address().toString())) {
                return true;
            }
            for (int g : groups) {
                if (Pattern.compile("(?:group |iommu_groups/)" + g + "\\b").matcher(n).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}

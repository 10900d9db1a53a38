package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.core.pciids.PciIds;

class GroupColoursTest {

    /** A column of one-member regions whose numbers step by nine: by number they would all share one colour. */
    @Test
    void neighbouringGroupsNeverShareAColourEvenWhenTheirNumbersWould() {
        List<GroupRegion> regions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Rect b = new Rect(0, i * 86, 242, 74);
            regions.add(new GroupRegion(i * 9, 1, List.of(b), new Rect(8, i * 86 - 9, 40, 14)));
        }
        GroupColours c = GroupColours.of(regions);

        for (int i = 1; i < regions.size(); i++) {
            assertThat(c.color(i * 9)).as("group %d next to %d", i * 9, (i - 1) * 9)
                    .isNotEqualTo(c.color((i - 1) * 9));
        }
        assertThat(GroupPalette.COLORS).contains(c.color(0));
    }

    @Test
    void everyPairOfAdjacentGroupsDiffersOnAGeneratedHost() {
        GraphScene s = GraphScene.compute(Hosts.read(Hosts.big(Hosts.tempDir("vfio-colours-"), 512)), PciIds.empty(),
                Set.of(), new TreeLayout());
        Map<Integer, Set<Integer>> near = GroupColours.adjacency(s.regions());
        assertThat(near.values().stream().mapToInt(Set::size).sum()).as("adjacent pairs").isGreaterThan(100);
        near.forEach((g, ns) -> ns.forEach(n -> assertThat(s.colours().color(g)).as("G%d next to G%d", g, n)
                .isNotEqualTo(s.colours().color(n))));
    }
}

package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;

class GroupRegionsTest {

    static Topology demo;
    static GraphScene scene;

    @BeforeAll
    static void layOut() {
        demo = Hosts.read(Hosts.sharedDemo());
        scene = GraphScene.compute(demo, PciIds.empty(), Set.of(PciAddress.parse("0001:01:00.0")), new ElkTreeLayout());
    }

    @Test
    void everyGroupShownGetsOneRegionAroundAllItsMembers() {
        // the collapsed VFs of the second PF have groups of their own but no box to draw around
        List<Integer> shown = scene.model().nodes().stream().filter(GraphNode::isFunction)
                .flatMap(n -> n.group().stream().boxed()).distinct().sorted().toList();
        assertThat(shown).hasSize(demo.groups().size() - 4);
        assertThat(scene.regions()).extracting(GroupRegion::group).containsExactlyElementsOf(shown);
        for (GroupRegion r : scene.regions()) {
            IommuGroup g = demo.group(r.group()).orElseThrow();
            assertThat(r.members()).isEqualTo(g.devices().size());
            for (PciAddress a : g.devices()) {
                Rect box = scene.layout().box(GraphBuilder.functionId(a)).orElseThrow();
                assertThat(r.boxes()).as("group %d member %s", r.group(), a)
                        .anyMatch(b -> b.contains(box.x(), box.y()) && b.contains(box.maxX(), box.maxY()));
            }
        }
    }

    @Test
    void aRegionNeverCoversAFunctionOfAnotherGroup() {
        for (GroupRegion r : scene.regions()) {
            for (GraphNode n : scene.model().nodes()) {
                boolean member = n.group().isPresent() && n.group().getAsInt() == r.group();
                if (!member) {
                    Rect box = scene.layout().box(n.id()).orElseThrow();
                    assertThat(r.boxes()).as("group %d over %s", r.group(), n.id()).noneMatch(b -> b.intersects(box));
                }
            }
        }
    }

    @Test
    void aDownstreamPortWithoutAcsAndItsEndpointAreOneRegion() {
        // the demo's switch without ACS: each endpoint shares its downstream port's group
        GroupRegion g31 = scene.regions().stream().filter(r -> r.group() == 31).findFirst().orElseThrow();
        assertThat(g31.members()).isEqualTo(2);
        assertThat(g31.boxes()).hasSize(1);
    }
}

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
        scene = GraphScene.compute(demo, PciIds.empty(), Set.of(PciAddress.parse("0001:01:00.0")), new TreeLayout());
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

    @Test
    void aSharedGroupIsDrawnMemberByMemberExactlyWhenItsOutlineWouldCoverAnotherNode(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        // a generated host with many shared groups: the indexed search must decide as a full pass does
        Topology big = Hosts.read(Hosts.big(dir, 1024));
        int split = 0;
        int whole = 0;
        for (GraphScene s : List.of(scene, GraphScene.compute(big, PciIds.empty(), Set.of(), new TreeLayout()))) {
          for (GroupRegion r : s.regions()) {
            if (r.members() < 2) {
                continue;
            }
            List<GraphNode> members = s.model().nodes().stream()
                    .filter(n -> n.isFunction() && n.group().isPresent() && n.group().getAsInt() == r.group()).toList();
            Rect all = null;
            for (GraphNode m : members) {
                Rect b = s.layout().box(m.id()).orElseThrow();
                all = all == null ? b : all.union(b);
            }
            Rect area = all.inflate(GroupRegions.PAD);
            boolean coversOther = s.model().nodes().stream().filter(n -> !members.contains(n))
                    .anyMatch(n -> s.layout().box(n.id()).map(area::intersects).orElse(false));
            assertThat(r.boxes().size() > 1).as("group %d", r.group()).isEqualTo(coversOther);
            if (coversOther) {
                split++;
            } else {
                whole++;
            }
          }
        }
        // the tree layout keeps a group's members side by side, so real hosts rarely split one; the
        // synthetic case below covers splitting
        assertThat(split + whole).as("shared groups compared").isGreaterThan(20);
    }

    private static GraphNode fn(String id, int group) {
        return new GraphNode(id, NodeKind.FUNCTION, null, java.util.Optional.empty(), id, "", "", Glyph.BRIDGE,
                java.util.OptionalInt.of(group), DriverBadge.HIDDEN_BADGE, "", false, List.of(), 100, 40);
    }

    @Test
    void anOutlineThatWouldCoverAStrangerIsSplitIntoOneBoxPerMember() {
        // group 1 at both ends of a row, group 2 in between: one outline around group 1 would take in b
        GraphModel m = new GraphModel(List.of(fn("a", 1), fn("b", 2), fn("c", 1), fn("d", 3), fn("e", 3)));
        LayoutResult l = new LayoutResult(java.util.Map.of("a", new Rect(0, 0, 100, 40), "b", new Rect(150, 0, 100, 40),
                "c", new Rect(300, 0, 100, 40), "d", new Rect(0, 200, 100, 40), "e", new Rect(150, 200, 100, 40)),
                new Rect(0, 0, 400, 240));

        List<GroupRegion> r = GroupRegions.of(m, l);

        assertThat(r).extracting(GroupRegion::group).containsExactly(1, 2, 3);
        assertThat(r.get(0).boxes()).as("split around a and c").hasSize(2);
        assertThat(r.get(1).boxes()).hasSize(1);
        assertThat(r.get(2).boxes()).as("d and e have nobody between them").hasSize(1);
        // a wide stranger far to the left of the group still counts when it reaches into the outline
        GraphModel wide = new GraphModel(List.of(fn("a", 1), fn("c", 1), fn("w", 2)));
        LayoutResult wl = new LayoutResult(java.util.Map.of("a", new Rect(1000, 0, 100, 40),
                "c", new Rect(1300, 0, 100, 40), "w", new Rect(0, 50, 1200, 40)), new Rect(0, 0, 1400, 90));
        assertThat(GroupRegions.of(wide, wl).get(0).boxes()).as("no stranger inside: one outline").hasSize(1);
        LayoutResult wl2 = new LayoutResult(java.util.Map.of("a", new Rect(1000, 0, 100, 40),
                "c", new Rect(1000, 100, 100, 40), "w", new Rect(0, 60, 1050, 20)), new Rect(0, 0, 1100, 140));
        assertThat(GroupRegions.of(wide, wl2).get(0).boxes()).as("the wide box reaches in from the left").hasSize(2);
    }
}

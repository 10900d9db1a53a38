package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;

class GraphBuilderTest {

    static Topology demo;
    static final PciAddress PF = PciAddress.parse("0001:01:00.0");

    @BeforeAll
    static void read() {
        demo = Hosts.read(Hosts.sharedDemo());
    }

    private static GraphNode fn(GraphModel m, String bdf) {
        return m.node(GraphBuilder.functionId(PciAddress.parse(bdf))).orElseThrow();
    }

    @Test
    void everyFunctionIsShownExactlyOnceBelowItsDomain() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());

        assertThat(m.roots()).extracting(GraphNode::title)
                .containsExactly("Domain 0000", "Domain 0001", "Domain 10000");
        List<PciAddress> shown = m.nodes().stream().flatMap(n -> n.members().stream()).toList();
        assertThat(shown).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(demo.devices().stream().map(PciDevice::address).toList());
        for (PciDevice d : demo.devices()) {
            assertThat(m.nodeOf(d.address())).as(d.address().toString()).isPresent();
        }
    }

    @Test
    void functionsHangBelowTheBridgeAboveThem() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());

        assertThat(fn(m, "0000:04:00.0").parentId()).isEqualTo(GraphBuilder.functionId(PciAddress.parse("0000:03:08.0")));
        assertThat(fn(m, "0000:00:01.0").parentId()).isEqualTo("dom:0000");
        assertThat(m.children("dom:0000")).extracting(GraphNode::title).isSorted();
    }

    @Test
    void vfsAreCollapsedBelowTheirPfIntoOneNode() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());
        List<PciAddress> vfs = demo.virtualFunctions(PF);

        GraphNode group = m.node(GraphBuilder.vfGroupId(PF)).orElseThrow();
        assertThat(group.kind()).isEqualTo(NodeKind.VF_GROUP);
        assertThat(group.parentId()).isEqualTo(GraphBuilder.functionId(PF));
        assertThat(group.title()).isEqualTo(vfs.size() + " VFs");
        assertThat(group.members()).containsExactlyElementsOf(vfs);
        assertThat(m.nodeOf(vfs.get(0))).contains(group);
        // two VFs on vfio-pci, two on iavf in the demo
        assertThat(group.detail()).isEqualTo("2 vfio-pci, 2 host");
    }

    static final PciAddress SWITCH = PciAddress.parse("0000:02:00.0");
    static final PciAddress DOWN1 = PciAddress.parse("0000:03:08.0");

    @Test
    void aCollapsedSwitchIsOneNodeHoldingEverythingBelowIt() {
        GraphModel open = GraphBuilder.build(demo, PciIds.empty(), Set.of());
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of(), Set.of(SWITCH));

        List<PciAddress> below = List.of("0000:03:08.0", "0000:04:00.0", "0000:04:00.1", "0000:03:10.0",
                "0000:05:00.0", "0000:05:00.1").stream().map(PciAddress::parse).toList();
        GraphNode folded = m.node(GraphBuilder.subtreeId(SWITCH)).orElseThrow();
        assertThat(folded.kind()).isEqualTo(NodeKind.SUBTREE);
        assertThat(folded.parentId()).isEqualTo(GraphBuilder.functionId(SWITCH));
        assertThat(folded.address()).contains(SWITCH);
        assertThat(folded.members()).containsExactlyInAnyOrderElementsOf(below);
        assertThat(folded.title()).isEqualTo("6 functions below");
        // the switch itself stays, with the folded node as its only child
        assertThat(m.children(GraphBuilder.functionId(SWITCH))).containsExactly(folded);
        assertThat(m.size()).isEqualTo(open.size() - below.size() + 1);
        for (PciAddress a : below) {
            assertThat(m.nodeOf(a)).as(a.toString()).contains(folded);
            assertThat(m.node(GraphBuilder.functionId(a))).as(a.toString()).isEmpty();
        }
        // every function still shown exactly once
        assertThat(m.nodes().stream().flatMap(n -> n.members().stream()).toList()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(demo.devices().stream().map(PciDevice::address).toList());
    }

    @Test
    void aCollapsedSubtreeListsItsGroupsAndTheDriversOfItsEndpoints() {
        GraphNode folded = GraphBuilder.build(demo, PciIds.empty(), Set.of(), Set.of(SWITCH))
                .node(GraphBuilder.subtreeId(SWITCH)).orElseThrow();

        assertThat(folded.subtitle()).isEqualTo("groups 10, 11, 12, 13");
        // the two ports' pcieport left out; endpoints by driver
        assertThat(folded.detail()).isEqualTo("1 nvidia, 1 snd_hda_intel, 2 vfio-pci");
        assertThat(folded.badge()).isEqualTo(new DriverBadge(DriverBadge.Kind.HOST, "mixed"));
    }

    @Test
    void aCollapsedBridgeInsideACollapsedOneStaysFoldedWhenTheOuterOneOpens() {
        GraphModel both = GraphBuilder.build(demo, PciIds.empty(), Set.of(), Set.of(SWITCH, DOWN1));
        assertThat(both.node(GraphBuilder.subtreeId(DOWN1))).as("hidden in the outer fold").isEmpty();
        assertThat(both.node(GraphBuilder.subtreeId(SWITCH)).orElseThrow().members()).hasSize(6);

        GraphModel inner = GraphBuilder.build(demo, PciIds.empty(), Set.of(), Set.of(DOWN1));
        GraphNode folded = inner.node(GraphBuilder.subtreeId(DOWN1)).orElseThrow();
        assertThat(folded.members()).containsExactly(PciAddress.parse("0000:04:00.0"), PciAddress.parse("0000:04:00.1"));
        assertThat(folded.subtitle()).isEqualTo("group 12");
        assertThat(inner.nodeOf(DOWN1)).contains(fn(inner, "0000:03:08.0"));
        assertThat(inner.nodeOf(PciAddress.parse("0000:03:10.0"))).contains(fn(inner, "0000:03:10.0"));
    }

    @Test
    void aCollapsedRootPortFoldsItsPfsAndTheirVfs() {
        PciAddress rp = PciAddress.parse("0001:00:02.0");
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of(PF), Set.of(rp));

        GraphNode folded = m.node(GraphBuilder.subtreeId(rp)).orElseThrow();
        assertThat(folded.members()).contains(PF).containsAll(demo.virtualFunctions(PF));
        assertThat(m.nodeOf(demo.virtualFunctions(PF).get(0))).contains(folded);
        assertThat(m.node(GraphBuilder.vfGroupId(PF))).isEmpty();
    }

    @Test
    void anEndpointOrAnEmptyBridgeIsNeverFolded() {
        PciAddress nvme = PciAddress.parse("0000:01:00.0");
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of(), Set.of(nvme));

        assertThat(m.node(GraphBuilder.subtreeId(nvme))).isEmpty();
        assertThat(m.nodes()).extracting(GraphNode::id)
                .isEqualTo(GraphBuilder.build(demo, PciIds.empty(), Set.of()).nodes().stream().map(GraphNode::id).toList());
    }

    @Test
    void collapseAllFoldsTheBridgesOneLevelBelowTheRootPorts() {
        assertThat(GraphBuilder.switchesBelowRootPorts(demo)).containsExactly(SWITCH,
                PciAddress.parse("0000:06:00.0"), PciAddress.parse("0000:0a:00.0"));
    }

    @Test
    void aFunctionsDrawnAncestorsGoThroughItsPfNotItsBridge() {
        PciAddress vf = demo.virtualFunctions(PF).get(0);
        assertThat(GraphBuilder.drawnAncestors(demo, vf)).containsExactly(PF, PciAddress.parse("0001:00:02.0"));
        assertThat(GraphBuilder.drawnAncestors(demo, PciAddress.parse("0000:04:00.1")))
                .containsExactly(DOWN1, SWITCH, PciAddress.parse("0000:00:02.0"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"demo", "thinkpad", "hwloc"})
    void onRealCapturesFoldingEverySwitchHidesNothingAndOpeningTheAncestorsShowsAnyFunction(String host,
            @TempDir Path dir) throws Exception {
        Topology t = switch (host) {
            case "thinkpad" -> Hosts.read(org.vfioinspector.core.real.RealFixtures.thinkpad(dir));
            case "hwloc" -> Hosts.read(org.vfioinspector.core.real.RealFixtures.hwlocServer(dir));
            default -> demo;
        };
        Set<PciAddress> all = GraphBuilder.switchesBelowRootPorts(t);
        GraphModel folded = GraphBuilder.build(t, PciIds.empty(), Set.of(), all);

        assertThat(folded.nodes().stream().flatMap(n -> n.members().stream()).toList()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(t.devices().stream().map(PciDevice::address).toList());
        for (PciAddress b : all) {
            assertThat(folded.node(GraphBuilder.subtreeId(b))).as(host + " " + b).isPresent();
        }
        // every bridge folded, nested ones too: still each function once
        Set<PciAddress> bridges = new HashSet<>(t.devices().stream().filter(d -> d.isBridge() || d.isHostBridge())
                .map(PciDevice::address).toList());
        assertThat(bridges).isNotEmpty();
        assertThat(GraphBuilder.build(t, PciIds.empty(), Set.of(), bridges).nodes().stream()
                .flatMap(n -> n.members().stream()).toList()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(t.devices().stream().map(PciDevice::address).toList());
        // what selecting a hidden function does: open every fold above it (VFs expanded too); then it is shown
        for (PciDevice d : t.devices()) {
            List<PciAddress> up = GraphBuilder.drawnAncestors(t, d.address());
            Set<PciAddress> still = new HashSet<>(bridges);
            up.forEach(still::remove);
            GraphModel m = GraphBuilder.build(t, PciIds.empty(), Set.copyOf(up), still);
            assertThat(m.nodeOf(d.address()).orElseThrow().kind()).as(host + " " + d.address())
                    .isEqualTo(NodeKind.FUNCTION);
        }
    }

    @Test
    void anExpandedPfShowsEachVfInAddressOrder() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of(PF));

        assertThat(m.node(GraphBuilder.vfGroupId(PF))).isEmpty();
        assertThat(m.children(GraphBuilder.functionId(PF))).extracting(n -> n.address().orElseThrow())
                .containsExactlyElementsOf(demo.virtualFunctions(PF));
    }

    @Test
    void badgesTellVfioFromHostDriversAndUnbound() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());

        assertThat(fn(m, "0000:04:00.0").badge()).isEqualTo(new DriverBadge(DriverBadge.Kind.VFIO, "vfio-pci"));
        assertThat(fn(m, "0000:05:00.0").badge()).isEqualTo(new DriverBadge(DriverBadge.Kind.HOST, "nvidia"));
        assertThat(fn(m, "0000:00:1f.2").badge().kind()).isEqualTo(DriverBadge.Kind.NONE);
        assertThat(fn(m, "0000:00:01.0").badge().kind()).as("a root port on pcieport").isEqualTo(DriverBadge.Kind.HIDDEN);
    }

    @Test
    void edgesCarryTheLinkAndFlagOnlyLinksBelowWhatBothEndsSupport() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());

        assertThat(fn(m, "0000:04:00.0").linkLabel()).isEqualTo("16 GT/s x16");
        assertThat(fn(m, "0000:04:00.0").linkDegraded()).isFalse();
        assertThat(fn(m, "0000:08:00.0").linkLabel()).isEqualTo("8 GT/s x2");
        // x2 of the NVMe's x4, but its port can only do x2: not downgraded (lspci would say it is)
        assertThat(fn(m, "0000:08:00.0").linkDegraded()).as("x2 of x4 below a x2 port").isFalse();
        // a root port's own attributes (x4 of x8) are its link below, not the edge into it
        assertThat(fn(m, "0000:00:03.0").linkDegraded()).isFalse();
        assertThat(fn(m, "0000:00:14.0").linkLabel()).as("no link attributes").isEmpty();
    }

    @Test
    void bridgesSayTheirRoleAndBuses() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of());

        assertThat(fn(m, "0000:00:02.0").subtitle()).isEqualTo("Root Port · buses 02–05");
        assertThat(fn(m, "0000:03:08.0").subtitle()).isEqualTo("Switch Downstream Port · bus 04");
        assertThat(fn(m, "0000:00:00.0").subtitle()).isEqualTo("Host bridge");
    }

    @Test
    void aDomainWithSeveralRootBusesShowsEachBus(@TempDir Path dir) {
        SysfsFixture fx = new SysfsFixture(dir);
        fx.add("0000:00:00.0").hostBridge().group(0);
        fx.add("0000:40:00.0").hostBridge().group(1);
        FixtureDevice rp = fx.add("0000:40:01.0").rootPort(0x41, 0x41).group(2);
        fx.add("0000:41:00.0").under(rp).nvme(0x144d, 0xa808).driver("nvme").group(3);
        fx.write();

        GraphModel m = GraphBuilder.build(Hosts.read(dir), PciIds.empty(), Set.of());

        assertThat(m.children("dom:0000")).extracting(GraphNode::kind).containsOnly(NodeKind.ROOT_BUS);
        assertThat(m.children("dom:0000")).extracting(GraphNode::title)
                .containsExactly("Root bus 0000:00", "Root bus 0000:40");
        assertThat(fn(m, "0000:40:01.0").parentId()).isEqualTo("bus:0000:40");
    }

    @Test
    void nodeIdsAreUnique() {
        GraphModel m = GraphBuilder.build(demo, PciIds.empty(), Set.of(PF));
        Set<String> ids = new HashSet<>();
        m.nodes().forEach(n -> assertThat(ids.add(n.id())).isTrue());
    }
}

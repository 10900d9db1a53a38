package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.app.gui.graph.ConsequenceMarks.Mark;
import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.host.HostImpact;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.Mount;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

class ConsequenceMarksTest {

    static Topology demo;
    static PciDevice storage;
    static PciDevice network;
    static PciDevice gpu;

    @BeforeAll
    static void read() {
        demo = Hosts.read(Hosts.sharedDemo());
        storage = first(0x01);
        network = first(0x02);
        gpu = demo.device(PciAddress.parse("0000:04:00.0")).orElseThrow();
    }

    private static PciDevice first(int baseClass) {
        return demo.devices().stream().filter(d -> d.classCode().isPresent() && d.classCode().getAsInt() >> 16 == baseClass)
                .findFirst().orElseThrow();
    }

    private static BlockDevice disk(PciAddress a, String mountPoint) {
        return new BlockDevice("nvme0n1", a, List.of("nvme0n1p1"), List.of(new Mount("/dev/nvme0n1p1", mountPoint, "xfs")),
                List.of());
    }

    private static NetInterface nic(PciAddress a, boolean route) {
        return new NetInterface("eno1", a, Optional.of("up"), Optional.empty(), List.of("10.0.0.2/24"), route);
    }

    @Test
    void whatTheHostLosesIsMarkedOnItsFunction() {
        int group = gpu.iommuGroup().orElseThrow();
        Holder qemu = new Holder(4242, "qemu-system-x86", "qemu -name win11", List.of("/dev/vfio/" + group), true, true);
        HostState host = new HostState(new HolderScan(Map.of(group, List.of(qemu)), Map.of(), List.of(), true, List.of()),
                new HostImpact(Map.of(storage.address(), List.of(disk(storage.address(), "/"))),
                        Map.of(network.address(), List.of(nic(network.address(), true))),
                        Map.of(gpu.address(), List.of("card0")), List.of()));

        ConsequenceMarks m = ConsequenceMarks.of(demo, host);

        assertThat(m.of(storage.address())).containsExactly(Mark.ROOT_DISK);
        assertThat(m.of(network.address())).containsExactly(Mark.DEFAULT_ROUTE);
        assertThat(m.of(gpu.address())).contains(Mark.DISPLAY, Mark.VM_HOLDER);
    }

    @Test
    void aMountedDataDiskAndAnUpInterfaceWithoutTheRouteAreTold() {
        HostState host = new HostState(HolderScan.NONE, new HostImpact(
                Map.of(storage.address(), List.of(disk(storage.address(), "/srv/data"))),
                Map.of(network.address(), List.of(nic(network.address(), false))), Map.of(), List.of()));

        ConsequenceMarks m = ConsequenceMarks.of(demo, host);

        assertThat(m.of(storage.address())).containsExactly(Mark.MOUNTED);
        // an interface without the default route is no "probably your ssh" mark
        assertThat(m.of(network.address())).isEmpty();
    }

    @Test
    void whatCannotBeSeenIsMarkedUnknownNeverLeftBlank() {
        // a snapshot: no mounts, no routes; holders unreadable without root
        HolderScan partial = new HolderScan(Map.of(), Map.of(), List.of(), false, List.of("not root"));
        HostState host = new HostState(partial, new HostImpact(Map.of(), Map.of(), Map.of(), List.of(), false, false));

        ConsequenceMarks m = ConsequenceMarks.of(demo, host);

        assertThat(m.of(storage.address())).contains(Mark.MOUNTS_UNKNOWN).allMatch(Mark::unknown);
        assertThat(m.of(network.address())).contains(Mark.ROUTE_UNKNOWN).allMatch(Mark::unknown);
        PciDevice onVfio = demo.devices().stream().filter(d -> d.driver().map("vfio-pci"::equals).orElse(false))
                .findFirst().orElseThrow();
        assertThat(m.of(onVfio.address())).contains(Mark.HOLDER_UNKNOWN);
        // a display controller can have neither disks nor interfaces
        assertThat(m.of(gpu.address())).doesNotContain(Mark.MOUNTS_UNKNOWN, Mark.ROUTE_UNKNOWN);
    }

    @Test
    void aCompleteReadingWithNothingInUseMarksNothing() {
        HostState host = new HostState(HolderScan.NONE, new HostImpact(Map.of(), Map.of(), Map.of(), List.of()));
        ConsequenceMarks m = ConsequenceMarks.of(demo, host);
        assertThat(demo.devices()).allSatisfy(d -> assertThat(m.of(d.address()))
                .as(d.address().toString()).doesNotContain(Mark.ROOT_DISK, Mark.MOUNTED, Mark.DEFAULT_ROUTE,
                        Mark.VM_HOLDER, Mark.MOUNTS_UNKNOWN, Mark.ROUTE_UNKNOWN, Mark.HOLDER_UNKNOWN));
    }

    @Test
    void aFoldedSubtreeCarriesTheMarksOfEverythingItHidesUnknownsIncluded() {
        int group = gpu.iommuGroup().orElseThrow();
        Holder qemu = new Holder(4242, "qemu-system-x86", "qemu -name win11", List.of("/dev/vfio/" + group), true, true);
        PciAddress dataNvme = PciAddress.parse("0000:08:00.0");
        HostState host = new HostState(new HolderScan(Map.of(group, List.of(qemu)), Map.of(), List.of(), true, List.of()),
                new HostImpact(Map.of(dataNvme, List.of(disk(dataNvme, "/srv/data"))), Map.of(),
                        Map.of(gpu.address(), List.of("card0")), List.of()));
        PciAddress gpuSwitch = PciAddress.parse("0000:02:00.0");
        PciAddress diskSwitch = PciAddress.parse("0000:06:00.0");
        GraphModel g = GraphBuilder.build(demo, org.vfioinspector.core.pciids.PciIds.empty(), java.util.Set.of(),
                java.util.Set.of(gpuSwitch, diskSwitch));
        ConsequenceMarks m = ConsequenceMarks.of(demo, host);

        assertThat(m.of(g.node(GraphBuilder.subtreeId(gpuSwitch)).orElseThrow())).contains(Mark.DISPLAY, Mark.VM_HOLDER);
        assertThat(m.of(g.node(GraphBuilder.subtreeId(diskSwitch)).orElseThrow())).containsExactly(Mark.MOUNTED);
        // the switches themselves lose nothing
        assertThat(m.of(g.node(GraphBuilder.functionId(gpuSwitch)).orElseThrow())).isEmpty();

        // a snapshot without mounts or routes: the fold says "unknown", never nothing
        HostState blind = new HostState(HolderScan.NONE, new HostImpact(Map.of(), Map.of(), Map.of(), List.of(), false,
                false));
        assertThat(ConsequenceMarks.of(demo, blind).of(g.node(GraphBuilder.subtreeId(diskSwitch)).orElseThrow()))
                .contains(Mark.MOUNTS_UNKNOWN, Mark.ROUTE_UNKNOWN).allMatch(Mark::unknown);
    }
}

package org.vfioinspector.core.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.demo.DemoHost;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.real.RealFixtures;

/**
 * The host read in two steps: the outline has exactly what the graph shows, the completed read is what
 * one scan reads, and the second step reads only what the first left out.
 */
class StagedScanTest {

    private static final PciAddress PORT = PciAddress.parse("0000:00:1c.0");
    private static final PciAddress NIC = PciAddress.parse("0000:01:00.0");
    private static final PciAddress VF = PciAddress.parse("0000:01:00.4");

    @TempDir
    Path dir;

    @Test
    void theCompletedReadIsWhatOneScanReadsOnTheDemoAndRealCaptures() throws Exception {
        try (HostRoot demo = DemoHost.open()) {
            StagedScans.assertSameAsScan(demo);
        }
        for (Path root : List.of(RealFixtures.qemuQ35(dir, false), RealFixtures.qemuQ35(dir, true),
                RealFixtures.hwlocServer(dir), RealFixtures.thinkpad(dir))) {
            StagedScans.assertSameAsScan(HostRoot.of(root));
            StagedScans.assertSameAsScan(HostRoot.sysfsLike(root));
        }
    }

    @Test
    void theOutlineLeavesOutWhatTheGraphDoesNotShowAndTheRestComesLater() throws Exception {
        host().write();

        StagedScan staged = new SysfsReader(HostRoot.of(dir)).scanInStages(ScanProgress.NONE);
        PciDevice nic = staged.outline().device(NIC).orElseThrow();
        PciDevice vf = staged.outline().device(VF).orElseThrow();
        PciDevice port = staged.outline().device(PORT).orElseThrow();

        assertThat(nic.config()).as("an endpoint's config space").isEmpty();
        assertThat(nic.revision()).isEmpty();
        assertThat(nic.resetMethods()).isEmpty();
        assertThat(nic.numaNode()).isEmpty();
        assertThat(nic.driverOverride()).isEmpty();
        assertThat(nic.sriov().virtfns()).isEmpty();
        assertThat(nic.sriov().totalVfs()).isEmpty();
        assertThat(nic.link().currentSpeed()).contains("8.0 GT/s PCIe");
        assertThat(nic.notes()).as("nothing left out is a finding").isEmpty();
        assertThat(vf.link()).as("a VF's link, shown only in its PF's node").isEqualTo(LinkStatus.UNKNOWN);
        assertThat(vf.sriov().physfn()).contains(NIC);
        assertThat(port.config()).as("a bridge's config space: its port type").isPresent();
        assertThat(port.portType()).isPresent();

        Topology complete = staged.complete(ScanProgress.NONE);
        PciDevice full = complete.device(NIC).orElseThrow();
        assertThat(full.config()).isPresent();
        assertThat(full.revision()).hasValue(0x02);
        assertThat(full.resetMethods()).contains(List.of("flr", "bus"));
        assertThat(full.numaNode()).hasValue(1);
        assertThat(full.driverOverride()).contains("vfio-pci");
        assertThat(full.sriov().virtfns()).containsExactly(VF);
        assertThat(complete.device(VF).orElseThrow().link().currentSpeed()).contains("8.0 GT/s PCIe");
    }

    @Test
    void theSecondStepReadsOnlyWhatTheFirstLeftOut() throws Exception {
        host().write();
        StagedScan staged = new SysfsReader(HostRoot.of(dir)).scanInStages(ScanProgress.NONE);
        Path nicDir = dir.resolve("sys/bus/pci/devices/" + NIC).toRealPath();

        // between the steps: what the outline read changes, and so does what it left out
        Files.writeString(nicDir.resolve("current_link_speed"), "2.5 GT/s PCIe\n");
        Files.writeString(nicDir.resolve("uevent"), Files.readString(nicDir.resolve("uevent")).replace("DRIVER=ixgbe", "DRIVER=igb"));
        Files.writeString(nicDir.resolve("reset_method"), "flr\n");
        Files.writeString(nicDir.resolve("numa_node"), "0\n");

        PciDevice full = staged.complete(ScanProgress.NONE).device(NIC).orElseThrow();

        assertThat(full.link().currentSpeed()).as("read once, by the outline").contains("8.0 GT/s PCIe");
        assertThat(full.driver()).contains("ixgbe");
        assertThat(full.resetMethods()).as("read by the second step").contains(List.of("flr"));
        assertThat(full.numaNode()).hasValue(0);
    }

    @Test
    void bothStepsTellTheirProgress() throws Exception {
        host().write();
        AtomicInteger outline = new AtomicInteger();
        AtomicInteger details = new AtomicInteger();

        StagedScan staged = new SysfsReader(HostRoot.of(dir)).scanInStages((done, total) -> outline.accumulateAndGet(done, Math::max));
        staged.complete((done, total) -> details.accumulateAndGet(done, Math::max));

        assertThat(outline.get()).isEqualTo(staged.outline().size());
        assertThat(details.get()).isEqualTo(staged.outline().size());
    }

    @Test
    void aVfWhosePfWasNotReadKeepsItsLinkInTheOutline() throws Exception {
        host().write();
        // the PF vanishes from the listing and its directory cannot be entered (a partial capture)
        Files.delete(dir.resolve("sys/bus/pci/devices/" + NIC));
        org.vfioinspector.core.fixture.Damage.hideBehindALink(dir, NIC);

        StagedScan staged = new SysfsReader(HostRoot.of(dir)).scanInStages(ScanProgress.NONE);

        assertThat(staged.outline().contains(NIC)).isFalse();
        assertThat(staged.outline().device(VF).orElseThrow().link().currentSpeed()).contains("8.0 GT/s PCIe");
        StagedScans.assertSameAsScan(HostRoot.of(dir));
    }

    @Test
    void aFunctionWhoseClassIsUnknownHasItsConfigSpaceReadInTheOutline() throws Exception {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice port = fx.add(PORT.toString()).rootPort(1, 1).group(3);
        fx.add(NIC.toString()).under(port).nic(0x8086, 0x10fb).group(7).raw("class", "garbage");
        fx.write();

        PciDevice nic = new SysfsReader(HostRoot.of(dir)).scanInStages(ScanProgress.NONE).outline().device(NIC).orElseThrow();

        assertThat(nic.config()).isPresent();
        assertThat(nic.classCode()).as("from the config header").hasValue(0x020000);
    }

    private SysfsFixture host() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice port = fx.add(PORT.toString()).rootPort(1, 1).driver("pcieport").group(3);
        FixtureDevice vf = fx.add(VF.toString()).under(port).nic(0x8086, 0x10ed).driver("ixgbevf").group(8)
                .link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
        FixtureDevice nic = fx.add(NIC.toString()).under(port).nic(0x8086, 0x10fb).revision(0x02).driver("ixgbe")
                .group(7).resetMethods("flr", "bus").numa(1).driverOverride("vfio-pci")
                .link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4).sriov(8, vf);
        nic.raw("uevent", nic.uevent());
        vf.raw("uevent", vf.uevent());
        return fx;
    }
}

package org.vfioinspector.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.health.LinkHop.State;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.real.RealFixtures;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

class HostHealthTest {

    @TempDir
    Path dir;

    private static PciAddress a(String s) {
        return PciAddress.parse(s);
    }

    private static HostHealth read(Path root) {
        HostRoot r = HostRoot.of(root);
        return HostHealth.read(r, new SysfsReader(r).scan());
    }

    @Test
    void aLinkIsDowngradedOnlyBelowWhatBothEndsSupportAndUnknownWhenAnEndThatDecidesIsUnknown() {
        SysfsFixture f = new SysfsFixture(dir);
        FixtureDevice rp = f.add("0000:00:01.0").rootPort(1, 1).link("8.0 GT/s PCIe", 8, "8.0 GT/s PCIe", 16);
        f.add("0000:01:00.0").gpu(0x10de, 0x24b0).under(rp).link("8.0 GT/s PCIe", 8, "16.0 GT/s PCIe", 16);
        // the slot cannot go faster than 8 GT/s: a 16 GT/s card at 8 is not downgraded, only narrower is
        FixtureDevice rp2 = f.add("0000:00:02.0").rootPort(2, 2).link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16);
        f.add("0000:02:00.0").gpu(0x10de, 0x24b0).under(rp2).link("8.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16);
        // the port's maximum is missing: below the card's own maximum proves nothing
        FixtureDevice rp3 = f.add("0000:00:03.0").rootPort(3, 3);
        f.add("0000:03:00.0").nvme(0x144d, 0xa808).under(rp3).link("8.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 4);
        // ... but at the card's own maximum it is at what both can do whatever the port supports
        FixtureDevice rp4 = f.add("0000:00:04.0").rootPort(4, 4);
        f.add("0000:04:00.0").nvme(0x144d, 0xa808).under(rp4).link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
        // a PCIe endpoint whose link files are missing on both ends: unknown, not fine
        FixtureDevice rp5 = f.add("0000:00:05.0").rootPort(5, 5);
        f.add("0000:05:00.0").nvme(0x144d, 0xa808).under(rp5);
        f.write();
        HostHealth h = read(dir);

        assertThat(h.linkState(a("0000:01:00.0"))).contains(State.DOWNGRADED);
        assertThat(h.linkInto(a("0000:01:00.0")).orElseThrow().belowDeviceMaximum()).isTrue();
        assertThat(h.linkState(a("0000:02:00.0"))).contains(State.FULL);
        assertThat(h.linkInto(a("0000:02:00.0")).orElseThrow().belowDeviceMaximum()).isTrue();
        assertThat(h.linkState(a("0000:03:00.0"))).contains(State.UNKNOWN);
        assertThat(h.linkInto(a("0000:03:00.0")).orElseThrow().capable().maxSpeed()).isEmpty();
        assertThat(h.linkState(a("0000:04:00.0"))).contains(State.FULL);
        assertThat(h.linkState(a("0000:05:00.0"))).contains(State.UNKNOWN);
        assertThat(h.linkInto(a("0000:05:00.0")).orElseThrow().downgraded()).isFalse();
        // a root port has no link above it
        assertThat(h.linkState(a("0000:00:01.0"))).isEmpty();
    }

    @Test
    void theBottleneckIsTheNarrowestKnownLinkOfAPathAndMarksTheDeviceBelowIt() {
        SysfsFixture f = new SysfsFixture(dir);
        FixtureDevice rp = f.add("0000:00:01.0").rootPort(1, 4).link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16);
        FixtureDevice up = f.add("0000:01:00.0").upstreamPort(2, 4).under(rp).link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16);
        FixtureDevice dn = f.add("0000:02:00.0").downstreamPort(3, 3).under(up).link("8.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 4);
        FixtureDevice dn2 = f.add("0000:02:01.0").downstreamPort(4, 4).under(up).link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16);
        f.add("0000:03:00.0").nvme(0x144d, 0xa808).under(dn).link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
        f.add("0000:04:00.0").gpu(0x10de, 0x24b0).under(dn2).link("16.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16);
        f.write();
        HostHealth h = read(dir);

        PathHealth nvme = h.path(a("0000:03:00.0"));
        assertThat(nvme.hops()).extracting(x -> x.upstream() + ">" + x.downstream())
                .containsExactly("0000:00:01.0>0000:01:00.0", "0000:02:00.0>0000:03:00.0");
        assertThat(nvme.bottleneckHop()).map(LinkHop::downstream).contains(a("0000:03:00.0"));
        assertThat(nvme.downgraded()).isEmpty(); // the NVMe's own maximum is 8 GT/s x4
        assertThat(h.bottleneck(a("0000:03:00.0"))).isTrue();
        // links all alike: nothing narrows the GPU's path
        assertThat(h.path(a("0000:04:00.0")).bottleneck()).isEmpty();
        assertThat(h.bottleneck(a("0000:04:00.0"))).isFalse();
        assertThat(h.bottleneck(a("0000:01:00.0"))).isFalse();
        assertThat(h.rootPort(a("0000:03:00.0"))).contains(a("0000:00:01.0"));
        assertThat(h.rootPort(a("0000:00:01.0"))).contains(a("0000:00:01.0"));
    }

    @Test
    void anUnknownLinkOnThePathLeavesTheBottleneckUnknown() {
        SysfsFixture f = new SysfsFixture(dir);
        FixtureDevice rp = f.add("0000:00:01.0").rootPort(1, 3);
        FixtureDevice up = f.add("0000:01:00.0").upstreamPort(2, 3).under(rp);
        FixtureDevice dn = f.add("0000:02:00.0").downstreamPort(3, 3).under(up).link("2.5 GT/s PCIe", 1, "16.0 GT/s PCIe", 4);
        f.add("0000:03:00.0").nvme(0x144d, 0xa808).under(dn).link("2.5 GT/s PCIe", 1, "8.0 GT/s PCIe", 4);
        f.write();
        PathHealth p = read(dir).path(a("0000:03:00.0"));
        assertThat(p.hops()).hasSize(2);
        assertThat(p.bandwidthKnown()).isFalse();
        assertThat(p.bottleneck()).isEmpty();
        assertThat(p.unknown()).extracting(LinkHop::downstream).containsExactly(a("0000:01:00.0"));
        assertThat(p.downgraded()).extracting(LinkHop::downstream).containsExactly(a("0000:03:00.0"));
    }

    @Test
    void conventionalPciBelowABridgeHasNoLink() {
        SysfsFixture f = new SysfsFixture(dir);
        FixtureDevice rp = f.add("0000:00:01.0").rootPort(1, 2).link("2.5 GT/s PCIe", 1, "2.5 GT/s PCIe", 1);
        FixtureDevice br = f.add("0000:01:00.0").pciBridge(2, 2).under(rp).link("2.5 GT/s PCIe", 1, "2.5 GT/s PCIe", 1);
        f.add("0000:02:01.0").conventional(0x8086, 0x100e, 0x020000).under(br);
        f.write();
        HostHealth h = read(dir);
        assertThat(h.path(a("0000:02:01.0")).hops()).extracting(LinkHop::downstream).containsExactly(a("0000:01:00.0"));
        assertThat(h.linkState(a("0000:02:01.0"))).isEmpty();
        assertThat(h.linkState(a("0000:01:00.0"))).contains(State.FULL);
    }

    @Test
    void powerStateAerAndRootPortTotalsAreReadAndMissingFilesAreUnknownNotZero() {
        SysfsFixture f = new SysfsFixture(dir);
        FixtureDevice rp = f.add("0000:00:01.0").rootPort(1, 1).link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4)
                .raw("aer_rootport_total_err_cor", "4\n").raw("aer_rootport_total_err_nonfatal", "0\n")
                .raw("aer_rootport_total_err_fatal", "0\n");
        f.add("0000:01:00.0").nvme(0x144d, 0xa808).under(rp).link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4)
                .raw("power_state", "D0\n").raw("aer_dev_correctable", HealthReaderTest.CORRECTABLE);
        f.write();
        HostHealth h = read(dir);
        HostHealth.Sample s = h.sample(a("0000:01:00.0"));
        assertThat(s.powerState()).contains("D0");
        assertThat(s.aer()).isEqualTo(new AerCounters(OptionalLong.of(3), OptionalLong.empty(), OptionalLong.empty()));
        assertThat(h.rootPortTotals(a("0000:01:00.0")))
                .isEqualTo(new AerCounters(OptionalLong.of(4), OptionalLong.of(0), OptionalLong.of(0)));
        assertThat(h.sample(a("0000:00:01.0")).powerState()).isEmpty();
        // the links alone (no file read): power and errors unknown
        assertThat(HostHealth.of(new SysfsReader(HostRoot.of(dir)).scan()).sample(a("0000:01:00.0")))
                .isEqualTo(HostHealth.Sample.UNKNOWN);
    }

    @Test
    void theLabCaptureHasEveryLinkAtWhatBothEndsSupportAndNoAerFiles() throws IOException {
        HostHealth h = read(RealFixtures.qemuQ35(dir, false));
        // QEMU's switch downstream port reports no maximum ("Unknown", x0); the NVMe below it runs at its own
        assertThat(h.linkState(a("0000:05:00.0"))).contains(State.FULL);
        assertThat(h.path(a("0000:05:00.0")).portTypesKnown()).isTrue();
        assertThat(h.path(a("0000:05:00.0")).hops()).extracting(LinkHop::downstream)
                .containsExactly(a("0000:03:00.0"), a("0000:05:00.0"));
        assertThat(h.path(a("0000:05:00.0")).bottleneck()).isEmpty(); // every link 2.5 GT/s x1
        assertThat(h.sample(a("0000:05:00.0")).powerState()).contains("D3hot");
        assertThat(h.sample(a("0000:05:00.0")).aer().known()).isFalse();
        assertThat(h.rootPortTotals(a("0000:05:00.0")).known()).isFalse();
    }

    @Test
    void theLabCaptureWithOneLinkRetrainedNarrowerShowsItDowngradedAndTheBottleneck() throws IOException {
        Path root = RealFixtures.qemuQ35(dir, false);
        Path port = root.resolve("sys/devices/pci0000:00/0000:00:02.0");
        Path nic = port.resolve("0000:01:00.0");
        for (Path p : new Path[] {port, nic}) {
            Files.writeString(p.resolve("max_link_speed"), "8.0 GT/s PCIe\n");
            Files.writeString(p.resolve("max_link_width"), "4\n");
        }
        // the switch's upstream link retrained at what both ends support, wider than the link below it
        Path rp = root.resolve("sys/devices/pci0000:00/0000:00:02.2");
        Path up = rp.resolve("0000:03:00.0");
        for (Path p : new Path[] {rp, up}) {
            Files.writeString(p.resolve("max_link_speed"), "8.0 GT/s PCIe\n");
            Files.writeString(p.resolve("current_link_speed"), "8.0 GT/s PCIe\n");
            Files.writeString(p.resolve("max_link_width"), "4\n");
            Files.writeString(p.resolve("current_link_width"), "4\n");
        }
        HostHealth h = read(root);
        assertThat(h.linkState(a("0000:01:00.0"))).contains(State.DOWNGRADED);
        assertThat(h.linkInto(a("0000:01:00.0")).orElseThrow().capable().maxWidth()).hasValue(4);
        assertThat(h.linkState(a("0000:03:00.0"))).contains(State.FULL);
        assertThat(h.path(a("0000:05:00.0")).bottleneckHop()).map(LinkHop::downstream).contains(a("0000:05:00.0"));
        assertThat(h.bottleneck(a("0000:05:00.0"))).isTrue();
        assertThat(h.bottleneck(a("0000:03:00.0"))).isFalse();
    }

    @Test
    void aCaptureWithoutLinkFilesOrConfigHasUnknownLinksNotFineOnes() throws IOException {
        HostHealth h = read(RealFixtures.thinkpad(dir));
        PathHealth nvme = h.path(a("0000:04:00.0"));
        assertThat(nvme.portTypesKnown()).isFalse();
        assertThat(nvme.hops()).extracting(LinkHop::upstream).containsExactly(a("0000:00:06.0"));
        assertThat(h.linkState(a("0000:04:00.0"))).contains(State.UNKNOWN);
        assertThat(nvme.downgraded()).isEmpty();
        assertThat(nvme.bottleneck()).isEmpty();
        assertThat(h.sample(a("0000:04:00.0")).aer().known()).isFalse();
    }
}

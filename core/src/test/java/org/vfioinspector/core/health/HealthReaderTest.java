package org.vfioinspector.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

class HealthReaderTest {

    @TempDir
    Path dir;

    /** What drivers/pci/pcie/aer.c writes into aer_dev_correctable (6.1). */
    static final String CORRECTABLE = """
            RxErr 0
            BadTLP 2
            BadDLLP 1
            Rollover 0
            Timeout 0
            NonFatalErr 0
            CorrIntErr 0
            HeaderOF 0
            TOTAL_ERR_COR 3
            """;

    @Test
    void readsIdsPowerLinkAerAndDriver() {
        SysfsFixture f = new SysfsFixture(dir);
        FixtureDevice port = f.add("0000:00:01.0").rootPort(1, 1).link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16)
                .raw("aer_rootport_total_err_cor", "7\n").raw("aer_rootport_total_err_fatal", "0\n")
                .raw("aer_rootport_total_err_nonfatal", "1\n");
        f.add("0000:01:00.0").nvme(0x144d, 0xa808).under(port).driver("nvme")
                .link("2.5 GT/s PCIe", 4, "8.0 GT/s PCIe", 4).raw("power_state", "D0\n")
                .raw("aer_dev_correctable", CORRECTABLE).raw("aer_dev_fatal", "Undefined 0\nTOTAL_ERR_FATAL 0\n")
                .raw("aer_dev_nonfatal", "TOTAL_ERR_NONFATAL 12\n");
        f.write();
        HostRoot root = HostRoot.of(dir);

        FunctionHealth h = HealthReader.read(root, PciAddress.parse("0000:01:00.0"));
        assertThat(h.present()).isTrue();
        assertThat(h.ids()).contains("144d:a808");
        assertThat(h.idsLive()).isTrue();
        assertThat(h.answers()).isTrue();
        assertThat(h.powerState()).contains("D0");
        assertThat(h.inD0()).isTrue();
        assertThat(h.link().currentWidth()).hasValue(4);
        assertThat(h.aer()).isEqualTo(new AerCounters(OptionalLong.of(3), OptionalLong.of(12), OptionalLong.of(0)));
        assertThat(h.driver()).contains("nvme");
        assertThat(h.rootPortTotals().known()).isFalse();

        FunctionHealth p = HealthReader.read(root, PciAddress.parse("0000:00:01.0"));
        assertThat(p.rootPortTotals()).isEqualTo(new AerCounters(OptionalLong.of(7), OptionalLong.of(1), OptionalLong.of(0)));
        assertThat(p.aer().known()).isFalse();
        assertThat(p.powerState()).isEmpty();
    }

    @Test
    void aSnapshotKeepsThePowerStateAndAerCounters() throws Exception {
        SysfsFixture f = new SysfsFixture(dir.resolve("host"));
        FixtureDevice port = f.add("0000:00:01.0").rootPort(1, 1).raw("aer_rootport_total_err_cor", "7\n");
        f.add("0000:01:00.0").nvme(0x144d, 0xa808).under(port).raw("power_state", "D3hot\n")
                .raw("aer_dev_correctable", CORRECTABLE);
        f.write();
        Path archive = dir.resolve("s.tar.gz");
        new org.vfioinspector.core.snapshot.SnapshotWriter("test").write(HostRoot.of(dir.resolve("host")), archive);
        try (HostRoot back = org.vfioinspector.core.snapshot.SnapshotReader.open(archive)) {
            FunctionHealth h = HealthReader.read(back, PciAddress.parse("0000:01:00.0"));
            assertThat(h.powerState()).contains("D3hot");
            assertThat(h.aer().correctable()).hasValue(3);
            assertThat(HealthReader.read(back, PciAddress.parse("0000:00:01.0")).rootPortTotals().correctable()).hasValue(7);
        }
    }

    @Test
    void aMissingFunctionAndAllOnesConfigAreNotAnAnswer() {
        SysfsFixture f = new SysfsFixture(dir);
        f.add("0000:00:02.0").nvme(0x144d, 0xa808).raw("power_state", "D3cold\n");
        f.write();
        HostRoot root = HostRoot.of(dir);

        FunctionHealth gone = HealthReader.read(root, PciAddress.parse("0000:00:09.0"));
        assertThat(gone.present()).isFalse();
        assertThat(gone.answers()).isFalse();
        assertThat(gone.idsKnown()).isFalse();

        FunctionHealth d3 = HealthReader.read(root, PciAddress.parse("0000:00:02.0"));
        assertThat(d3.inD0()).isFalse();
        assertThat(d3.powerState()).contains("D3cold");
    }

    @Test
    void malformedAerAndPowerFilesAreUnknownNotZero() {
        assertThat(AerCounters.parseTotal(java.util.Optional.of("TOTAL_ERR_COR -1\n"), AerCounters.TOTAL_COR)).isEmpty();
        assertThat(AerCounters.parseTotal(java.util.Optional.of("TOTAL_ERR_CORX 4\n"), AerCounters.TOTAL_COR)).isEmpty();
        assertThat(AerCounters.parseTotal(java.util.Optional.of("RxErr 0\n"), AerCounters.TOTAL_COR)).isEmpty();
        assertThat(AerCounters.parseCount("99999999999999999999")).isEmpty();
        assertThat(AerCounters.parseCount(" 5 ")).hasValue(5);
        assertThat(HealthReader.isPowerState("D0\u0000")).isFalse();
        AerCounters before = new AerCounters(OptionalLong.of(3), OptionalLong.empty(), OptionalLong.of(0));
        AerCounters after = new AerCounters(OptionalLong.of(5), OptionalLong.of(1), OptionalLong.of(0));
        AerCounters inc = after.increaseSince(before);
        assertThat(inc).isEqualTo(new AerCounters(OptionalLong.of(2), OptionalLong.empty(), OptionalLong.of(0)));
        assertThat(inc.anyAboveZero()).isTrue();
        assertThat(inc.describe()).isEqualTo("correctable 2, non-fatal ?, fatal 0");
    }

    @Test
    void aPathThroughASwitchHasTwoLinksTheBottleneckAndTheDowngradedOne() {
        SysfsFixture f = new SysfsFixture(dir);
        FixtureDevice rp = f.add("0000:00:01.0").rootPort(1, 3).link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16);
        FixtureDevice up = f.add("0000:01:00.0").upstreamPort(2, 3).under(rp).link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16);
        FixtureDevice dn = f.add("0000:02:08.0").downstreamPort(3, 3).under(up).link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 16);
        // a Gen4 card in this Gen3 x16 slot trained at x4: narrower than both ends (downgraded), slower only
        // than itself (the slot limits the speed: not a fault)
        f.add("0000:03:00.0").gpu(0x10de, 0x24b0).under(dn).link("8.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 16);
        f.write();
        Topology t = new SysfsReader(HostRoot.of(dir)).scan();

        PathHealth p = PathHealth.of(t, PciAddress.parse("0000:03:00.0"));
        assertThat(p.portTypesKnown()).isTrue();
        assertThat(p.hops()).extracting(h -> h.upstream() + ">" + h.downstream())
                .containsExactly("0000:00:01.0>0000:01:00.0", "0000:02:08.0>0000:03:00.0");
        assertThat(p.bottleneckHop()).map(LinkHop::downstream).contains(PciAddress.parse("0000:03:00.0"));
        assertThat(p.downgraded()).extracting(LinkHop::downstream).containsExactly(PciAddress.parse("0000:03:00.0"));
        LinkHop last = p.hops().get(1);
        assertThat(last.capable().maxSpeed()).contains("8.0 GT/s PCIe");
        assertThat(last.belowDeviceMaximum()).isTrue();
        assertThat(p.hops().get(0).downgraded()).isFalse();
        assertThat(p.hops().get(0).gbps().getAsDouble()).isCloseTo(126.0, org.assertj.core.data.Offset.offset(0.1));

        // the card alone at x16 in that slot: only slower than itself, not downgraded
        SysfsFixture g = new SysfsFixture(dir.resolve("b"));
        FixtureDevice rp2 = g.add("0000:00:01.0").rootPort(1, 1).link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16);
        g.add("0000:01:00.0").gpu(0x10de, 0x24b0).under(rp2).link("8.0 GT/s PCIe", 16, "16.0 GT/s PCIe", 16);
        g.write();
        PathHealth one = PathHealth.of(new SysfsReader(HostRoot.of(dir.resolve("b"))).scan(), PciAddress.parse("0000:01:00.0"));
        assertThat(one.hops()).hasSize(1);
        assertThat(one.downgraded()).isEmpty();
        assertThat(one.hops().get(0).belowDeviceMaximum()).isTrue();
        assertThat(one.bottleneck()).isEmpty();
    }
}

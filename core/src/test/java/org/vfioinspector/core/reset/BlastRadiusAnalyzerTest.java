package org.vfioinspector.core.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.host.HostImpact;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.Mount;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

class BlastRadiusAnalyzerTest {

    @TempDir
    Path dir;

    private static PciAddress a(String s) {
        return PciAddress.parse(s);
    }

    private Topology scan(SysfsFixture fx) {
        fx.write();
        return new SysfsReader(HostRoot.of(dir)).scan();
    }

    private static List<String> codes(List<Finding> f) {
        return f.stream().map(Finding::code).toList();
    }

    /** Root port → endpoint pair (NIC on vfio-pci, second function per test). */
    private SysfsFixture pair(String secondDriver) {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).gpu(0x10de, 0x2204).driver("vfio-pci").group(2).noResetMethod();
        FixtureDevice audio = fx.add("0000:01:00.1").under(rp).audio(0x10de, 0x1aef).group(2).noResetMethod();
        if (secondDriver != null) {
            audio.driver(secondDriver);
        }
        return fx;
    }

    @Test
    void allOnVfioPciHasNoBlockers() {
        Topology t = scan(pair("vfio-pci"));
        BlastRadius b = new BlastRadiusAnalyzer(t, HostState.NONE).analyze(a("01:00.0"));
        assertThat(b.blockers()).isEmpty();
        assertThat(b.hotReset().affected()).containsExactly(a("01:00.0"), a("01:00.1"));
        assertThat(b.recommendation()).contains("A bus hot reset resets all 2 affected functions.");
        assertThat(b.hotResetVerdict()).isEqualTo(Verdict.READY);
        assertThat(b.automaticReset()).contains("vfio-pci performs this same bus reset");
    }

    @Test
    void aHotResetOfOneFunctionSaysSoInTheSingular() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).gpu(0x10de, 0x2204).driver("vfio-pci").group(2).noResetMethod();
        BlastRadius b = new BlastRadiusAnalyzer(scan(fx), HostState.NONE).analyze(a("01:00.0"));
        assertThat(b.hotReset().affected()).containsExactly(a("01:00.0"));
        assertThat(b.recommendation()).contains("hot reset resets the one affected function.")
                .doesNotContain("all 1", "(s)");
    }

    @Test
    void aSiblingOnAHostDriverBlocksAndIsNamed() {
        Topology t = scan(pair("snd_hda_intel"));
        BlastRadius b = new BlastRadiusAnalyzer(t, HostState.NONE).analyze(a("01:00.0"));
        assertThat(codes(b.blockers())).containsExactly("HOST_DRIVER");
        assertThat(b.blockers().get(0).device()).contains(a("01:00.1"));
        assertThat(b.blockers().get(0).message()).contains("snd_hda_intel");
    }

    @Test
    void aSiblingWithoutDriverBlocksWithTheKernelsEinval() {
        Topology t = scan(pair(null));
        BlastRadius b = new BlastRadiusAnalyzer(t, HostState.NONE).analyze(a("01:00.0"));
        assertThat(codes(b.blockers())).containsExactly("NOT_VFIO_BOUND");
        assertThat(b.blockers().get(0).message()).contains("EINVAL");
    }

    @Test
    void aBridgeInTheSetBlocks() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 2).group(1);
        FixtureDevice up = fx.add("0000:01:00.0").under(rp).upstreamPort(2, 2).group(2);
        fx.add("0000:02:00.0").under(up).downstreamPort(3, 3).acs(0x1f, 0x1d).group(3);
        BlastRadius b = new BlastRadiusAnalyzer(scan(fx), HostState.NONE).analyze(a("01:00.0"));
        assertThat(codes(b.blockers())).contains("BRIDGE_IN_SET");
    }

    @Test
    void rootBusQuirkAndMissingGroupBlock() {
        SysfsFixture fx = new SysfsFixture(dir);
        fx.add("0000:00:14.0").endpoint(0x8086, 0xa1af, 0x0c0330).driver("vfio-pci").group(1);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(2);
        fx.add("0000:01:00.0").under(rp).endpoint(0x168c, 0x003e, 0x028000).driver("vfio-pci").group(3);
        FixtureDevice rp2 = fx.add("0000:00:1d.0").rootPort(2, 2).group(4);
        fx.add("0000:02:00.0").under(rp2).nic(0x8086, 0x10d3).driver("vfio-pci");
        Topology t = scan(fx);
        BlastRadiusAnalyzer an = new BlastRadiusAnalyzer(t, HostState.NONE);
        assertThat(codes(an.analyze(a("00:14.0")).blockers())).containsExactly("ROOT_BUS");
        assertThat(codes(an.analyze(a("01:00.0")).blockers())).containsExactly("NO_BUS_RESET_QUIRK");
        assertThat(codes(an.analyze(a("02:00.0")).blockers())).containsExactly("NO_IOMMU_GROUP");
    }

    @Test
    void hostImpactAndHoldersBecomeBlockersAndWarnings() {
        SysfsFixture fx = new SysfsFixture(dir).cmdline("intel_iommu=on pcie_acs_override=downstream");
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 4).group(1);
        FixtureDevice up = fx.add("0000:01:00.0").under(rp).upstreamPort(2, 4).group(2);
        FixtureDevice dn = fx.add("0000:02:00.0").under(up).downstreamPort(3, 3).group(2);
        fx.add("0000:03:00.0").under(dn).nvme(0x144d, 0xa808).driver("nvme").group(2);
        fx.add("0000:03:00.1").under(dn).nic(0x8086, 0x1533).driver("igb").group(2);
        fx.add("0000:03:00.2").under(dn).gpu(0x10de, 0x2204).driver("vfio-pci").bootVga(true).group(2);
        Topology t = scan(fx);
        Holder qemu = new Holder(4242, "qemu-system-x86", "qemu-system-x86_64 -device vfio-pci,host=03:00.2",
                List.of("/dev/vfio/2"), true, true);
        HolderScan holders = new HolderScan(Map.of(2, List.of(qemu)), Map.of(), List.of(), false, List.of());
        BlockDevice nvme = new BlockDevice("nvme0n1", a("03:00.0"), List.of("nvme0n1p1", "nvme0n1p2"),
                List.of(new Mount("/dev/nvme0n1p2", "/", "ext4"), new Mount("/dev/nvme0n1p1", "/boot/efi", "vfat")),
                List.of("/dev/nvme0n1p3"));
        NetInterface eno1 = new NetInterface("eno1", a("03:00.1"), Optional.of("up"), Optional.empty(),
                List.of("192.168.0.20/24"), true);
        HostImpact impact = new HostImpact(Map.of(a("03:00.0"), List.of(nvme)), Map.of(a("03:00.1"), List.of(eno1)),
                Map.of(), List.of());
        BlastRadius b = new BlastRadiusAnalyzer(t, new HostState(holders, impact)).analyze(a("03:00.2"));
        assertThat(codes(b.blockers())).contains("HOST_DRIVER", "GROUP_HELD", "ROOT_FILESYSTEM");
        assertThat(b.blockers()).filteredOn(f -> f.code().equals("GROUP_HELD")).first()
                .satisfies(f -> assertThat(f.message()).contains("pid 4242").contains("kvm-vfio"));
        assertThat(codes(b.warnings())).contains("MOUNTED", "SWAP", "DEFAULT_ROUTE", "DISPLAY", "NO_ACS_ON_PATH",
                "ACS_OVERRIDE");
        // incomplete holders are unknown, not a mere warning: in both verdicts
        assertThat(codes(b.unknowns())).containsExactly("HOLDERS_UNKNOWN");
        assertThat(codes(b.functionReset().unknowns())).contains("HOLDERS_UNKNOWN");
        assertThat(b.warnings()).filteredOn(f -> f.code().equals("MOUNTED")).first()
                .satisfies(f -> assertThat(f.message()).contains("/boot/efi").doesNotContain(" /,"));
    }

    @Test
    void aBusResetMethodIsNotCalledFunctionOnlyWhenOthersShareTheBus() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 2).group(1);
        FixtureDevice rp2 = fx.add("0000:00:1d.0").rootPort(2, 2).group(3);
        fx.add("0000:01:00.0").under(rp).gpu(0x10de, 0x2204).driver("vfio-pci").group(2).resetMethods("bus");
        fx.add("0000:01:00.1").under(rp).audio(0x10de, 0x1aef).driver("vfio-pci").group(2).resetMethods("bus");
        fx.add("0000:02:00.0").under(rp2).nic(0x8086, 0x10d3).driver("vfio-pci").group(4).resetMethods("bus");
        Topology t = scan(fx);
        BlastRadiusAnalyzer analyzer = new BlastRadiusAnalyzer(t, HostState.NONE);

        assertThat(analyzer.analyze(a("02:00.0")).recommendation()).startsWith("0000:02:00.0 is alone on its bus");
        assertThat(analyzer.analyze(a("01:00.0")).recommendation())
                .startsWith("reset_method lists 'bus', which the kernel offers only to a function alone on its bus, "
                        + "but 1 other function shares bus 0000:01: the kernel refuses that reset while it is there")
                .endsWith("a bus hot reset resets all 2 affected functions.");
    }

    @Test
    void flrIsRecommendedWhenPresent() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).driver("vfio-pci").group(2);
        BlastRadius b = new BlastRadiusAnalyzer(scan(fx), HostState.NONE).analyze(a("01:00.0"));
        assertThat(b.recommendation()).startsWith("Use FLR");
        assertThat(b.resetMethods()).extracting(ResetMethodInfo::method).containsExactly("flr", "bus");
        assertThat(b.resetMethods().get(1).explanation()).contains("alone on its bus");
    }

    @Test
    void pmResetWithNoSoftResetIsExplainedAsNotARealReset() {
        SysfsFixture fx = new SysfsFixture(dir);
        fx.add("0000:00:14.0").endpoint(0x8086, 0xa1af, 0x0c0330).pmNoSoftReset(true).resetMethods("pm").group(1);
        Topology t = scan(fx);
        List<ResetMethodInfo> m = ResetMethodInfo.explain(t.device(a("00:14.0")).orElseThrow());
        assertThat(m).singleElement().satisfies(r -> {
            assertThat(r.functionOnly()).isFalse();
            assertThat(r.explanation()).contains("NoSoftRst");
        });
    }

    @Test
    void iommuOffBlocksWithAdvice() {
        SysfsFixture fx = new SysfsFixture(dir).cmdline("ro");
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).driver("e1000e");
        BlastRadius b = new BlastRadiusAnalyzer(scan(fx), HostState.NONE).analyze(a("01:00.0"));
        assertThat(b.blockers()).filteredOn(f -> f.code().equals("NO_IOMMU_GROUP")).first()
                .satisfies(f -> assertThat(f.message()).contains("IOMMU is off").contains("intel_iommu=on"));
    }
}

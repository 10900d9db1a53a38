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
import org.vfioinspector.core.vfio.ResetKind;

/** Group viability and the two verdicts (function reset, hot reset), each rule on a small fixture tree. */
class ResetVerdictTest {

    private static final PciAddress GPU = PciAddress.parse("0000:04:00.0");
    private static final PciAddress NVME = PciAddress.parse("0000:05:00.0");
    private static final PciAddress NIC = PciAddress.parse("0000:06:00.0");

    @TempDir
    Path dir;

    private Topology scan(SysfsFixture fx) {
        fx.write();
        return new SysfsReader(HostRoot.of(dir)).scan();
    }

    private static List<String> codes(List<Finding> f) {
        return f.stream().map(Finding::code).toList();
    }

    /**
     * A switch whose downstream ports have no ACS: one IOMMU group for the GPU (on vfio-pci, FLR), an
     * NVMe on nvme and a NIC on ice behind the other ports.
     */
    private SysfsFixture switchWithoutAcs(String kernel) {
        SysfsFixture fx = new SysfsFixture(dir).kernel(kernel);
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(2, 6).group(1);
        FixtureDevice up = fx.add("0000:02:00.0").under(rp).upstreamPort(3, 6).driver("pcieport").group(2);
        FixtureDevice d1 = fx.add("0000:03:00.0").under(up).downstreamPort(4, 4).noAcs().driver("pcieport").group(3);
        FixtureDevice d2 = fx.add("0000:03:01.0").under(up).downstreamPort(5, 5).noAcs().driver("pcieport").group(3);
        FixtureDevice d3 = fx.add("0000:03:02.0").under(up).downstreamPort(6, 6).noAcs().driver("pcieport").group(3);
        fx.add("0000:04:00.0").under(d1).gpu(0x10de, 0x2204).driver("vfio-pci").group(3);
        fx.add("0000:05:00.0").under(d2).nvme(0x144d, 0xa808).driver("nvme").group(3);
        fx.add("0000:06:00.0").under(d3).nic(0x8086, 0x159b).driver("ice").group(3);
        return fx;
    }

    @Test
    void aGroupSharedAcrossASwitchWithoutAcsIsNotViableNamingEveryHostDriver() {
        Topology t = scan(switchWithoutAcs("6.1.0-56-amd64"));
        BlockDevice disk = new BlockDevice("nvme0n1", NVME, List.of("nvme0n1p1"),
                List.of(new Mount("/dev/nvme0n1p1", "/srv", "ext4")), List.of());
        NetInterface ens = new NetInterface("ens1", NIC, Optional.of("up"), Optional.empty(), List.of("10.0.0.2/24"),
                true);
        HostState host = new HostState(HolderScan.NONE, new HostImpact(Map.of(NVME, List.of(disk)),
                Map.of(NIC, List.of(ens)), Map.of(), List.of()));
        BlastRadius b = new BlastRadiusAnalyzer(t, host).analyze(GPU);

        assertThat(b.functionReset().possible()).contains(true);
        assertThat(b.recommended()).contains(ResetKind.FUNCTION_RESET);
        assertThat(codes(b.functionReset().blockers())).containsExactly("GROUP_NOT_VIABLE");
        Finding notViable = b.functionReset().blockers().get(0);
        assertThat(notViable.message()).contains("0000:05:00.0 (nvme)", "0000:06:00.0 (ice)", "EPERM",
                "takes those functions from the host too");
        // no bind command is handed out for functions that carry a mount or the default route
        assertThat(notViable.message()).doesNotContain("vfio-inspector bind 0000:05:00.0 --vfio")
                .doesNotContain("vfio-inspector bind 0000:06:00.0 --vfio")
                .contains("0000:05:00.0: binding it to vfio-pci would take from this host what it uses (MOUNTED")
                .contains("0000:06:00.0: binding it to vfio-pci would take from this host what it uses (DEFAULT_ROUTE")
                .contains("--force-host-impact");
        // what the host loses with them counts like an affected function's
        assertThat(codes(b.functionReset().warnings())).contains("MOUNTED", "DEFAULT_ROUTE");
        assertThat(b.functionReset().warnings()).filteredOn(f -> f.code().equals("MOUNTED")).first()
                .satisfies(f -> assertThat(f.message()).contains("/srv", "must leave its driver nvme"));
        assertThat(b.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(codes(b.blockers())).contains("GROUP_NOT_VIABLE");

        GroupViability g = b.groupViability().stream().filter(x -> x.group() == 3).findFirst().orElseThrow();
        assertThat(g.viable()).contains(false);
        assertThat(g.breaking()).extracting(GroupViability.Member::address).containsExactly(NVME, NIC);
        assertThat(b.mustLeaveHost(ResetKind.FUNCTION_RESET)).extracting(GroupViability.Member::address)
                .containsExactly(NVME, NIC);
    }

    @Test
    void functionsTheHostDoesNotUseGetTheBindCommand() {
        Topology t = scan(switchWithoutAcs("6.1.0-56-amd64"));
        // proc tables known and empty: the NVMe and the NIC carry nothing this host uses
        HostState host = new HostState(HolderScan.NONE, new HostImpact(Map.of(), Map.of(), Map.of(), List.of()));
        Finding notViable = new BlastRadiusAnalyzer(t, host).analyze(GPU).functionReset().blockers().stream()
                .filter(f -> f.code().equals("GROUP_NOT_VIABLE")).findFirst().orElseThrow();
        assertThat(notViable.message()).contains("bind it with 'vfio-inspector bind 0000:05:00.0 --vfio'",
                "bind it with 'vfio-inspector bind 0000:06:00.0 --vfio'").doesNotContain("--force-host-impact");
    }

    @Test
    void theRootFilesystemOnAFunctionThatMustLeaveTheHostBlocks() {
        Topology t = scan(switchWithoutAcs("6.1.0-56-amd64"));
        BlockDevice disk = new BlockDevice("nvme0n1", NVME, List.of("nvme0n1p2"),
                List.of(new Mount("/dev/nvme0n1p2", "/", "ext4")), List.of());
        HostState host = new HostState(HolderScan.NONE, new HostImpact(Map.of(NVME, List.of(disk)), Map.of(), Map.of(),
                List.of()));
        BlastRadius b = new BlastRadiusAnalyzer(t, host).analyze(GPU);
        assertThat(codes(b.functionReset().blockers())).contains("GROUP_NOT_VIABLE", "ROOT_FILESYSTEM");
    }

    @Test
    void viableWhenTheOthersAreUnboundOrOnVfioPci() {
        SysfsFixture fx = switchWithoutAcs("6.1.0-56-amd64");
        fx.device("0000:05:00.0").driver("vfio-pci");
        fx.device("0000:06:00.0").driver(null);
        BlastRadius b = new BlastRadiusAnalyzer(scan(fx), HostState.NONE).analyze(GPU);
        assertThat(b.groupViability()).allSatisfy(g -> assertThat(g.viable()).contains(true));
        assertThat(b.functionReset().verdict()).isEqualTo(Verdict.READY);
        assertThat(b.verdict()).isEqualTo(Verdict.READY);
    }

    /** A conventional PCI bridge behind a PCIe-to-PCI bridge: one group for everything behind it. */
    private SysfsFixture conventionalBehindBridge(String kernel, String bridgeDriver) {
        SysfsFixture fx = new SysfsFixture(dir).kernel(kernel);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 2).group(1);
        FixtureDevice pcie2pci = fx.add("0000:01:00.0").under(rp).pciBridge(2, 3).group(5);
        if (bridgeDriver != null) {
            pcie2pci.driver(bridgeDriver);
        }
        fx.add("0000:02:01.0").under(pcie2pci).conventional(0x8086, 0x100e, 0x020000).driver("vfio-pci").group(5)
                .resetMethods("pm");
        return fx;
    }

    @Test
    void aBridgeOnShpchpBreaksViabilitySince519ButNotBefore() {
        PciAddress e1000 = PciAddress.parse("0000:02:01.0");
        BlastRadius now = new BlastRadiusAnalyzer(scan(conventionalBehindBridge("5.19.0", "shpchp")), HostState.NONE)
                .analyze(e1000);
        assertThat(codes(now.functionReset().blockers())).containsExactly("GROUP_NOT_VIABLE");
        assertThat(now.functionReset().blockers().get(0).message())
                .contains("0000:01:00.0 (shpchp)", "unbind it from shpchp (vfio-pci never accepts bridges)")
                .doesNotContain("bind 0000:01:00.0");

        BlastRadius old = new BlastRadiusAnalyzer(scan(conventionalBehindBridge("5.18.19", "shpchp")), HostState.NONE)
                .analyze(e1000);
        assertThat(old.functionReset().blockers()).isEmpty();
        assertThat(old.groupViability()).allSatisfy(g -> assertThat(g.viable()).contains(true));
    }

    @Test
    void aBridgeOnAHostDriverWithAnUnknownKernelMakesViabilityUnknownNeverReady() {
        BlastRadius b = new BlastRadiusAnalyzer(scan(conventionalBehindBridge("custom", "shpchp")), HostState.NONE)
                .analyze(PciAddress.parse("0000:02:01.0"));
        assertThat(b.groupViability()).filteredOn(g -> g.group() == 5).singleElement()
                .satisfies(g -> assertThat(g.viable()).isEmpty());
        assertThat(codes(b.functionReset().unknowns())).containsExactly("VIABILITY_UNKNOWN");
        assertThat(b.functionReset().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(b.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void pmAloneIsAFunctionResetAndTheRecommendation() {
        BlastRadius b = new BlastRadiusAnalyzer(scan(conventionalBehindBridge("6.1.0", null)), HostState.NONE)
                .analyze(PciAddress.parse("0000:02:01.0"));
        FunctionReset f = b.functionReset();
        assertThat(f.possible()).contains(true);
        assertThat(f.method()).contains("pm");
        assertThat(f.affected()).containsExactly(PciAddress.parse("0000:02:01.0"));
        assertThat(f.groups()).containsExactly(5);
        assertThat(f.verdict()).isEqualTo(Verdict.READY);
        assertThat(b.recommended()).contains(ResetKind.FUNCTION_RESET);
        assertThat(b.verdict()).isEqualTo(Verdict.READY);
        assertThat(b.recommendation()).contains("'pm' method", "least invasive").doesNotContain("cannot be reset");
        // the hot reset (the bridge's secondary bus, only this function) is possible, but more invasive
        assertThat(b.hotResetPossible()).contains(true);
    }

    @Test
    void pmWithNoSoftResetDoesNotWork() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).driver("vfio-pci").group(2).resetMethods("pm")
                .pmNoSoftReset(true);
        BlastRadius b = new BlastRadiusAnalyzer(scan(fx), HostState.NONE).analyze(PciAddress.parse("01:00.0"));
        assertThat(b.functionReset().possible()).contains(false);
        assertThat(codes(b.functionReset().blockers())).containsExactly("NO_FUNCTION_RESET");
        assertThat(b.recommended()).contains(ResetKind.HOT_RESET);
        assertThat(b.verdict()).isEqualTo(Verdict.READY);
    }

    @Test
    void busAloneOnItsBusIsAFunctionResetButRefusedWhenOthersShareIt() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1);
        FixtureDevice rp2 = fx.add("0000:00:1d.0").rootPort(2, 2).group(3);
        fx.add("0000:01:00.0").under(rp).gpu(0x10de, 0x2204).driver("vfio-pci").group(2).resetMethods("bus");
        fx.add("0000:01:00.1").under(rp).audio(0x10de, 0x1aef).driver("vfio-pci").group(2).resetMethods("bus");
        fx.add("0000:02:00.0").under(rp2).nic(0x8086, 0x10d3).driver("vfio-pci").group(4).resetMethods("bus");
        BlastRadiusAnalyzer an = new BlastRadiusAnalyzer(scan(fx), HostState.NONE);

        BlastRadius alone = an.analyze(PciAddress.parse("02:00.0"));
        assertThat(alone.functionReset().possible()).contains(true);
        assertThat(alone.functionReset().method()).contains("bus");
        assertThat(alone.functionReset().reason()).contains("touches only 0000:02:00.0", "alone on its bus");
        assertThat(alone.recommended()).contains(ResetKind.FUNCTION_RESET);

        BlastRadius shared = an.analyze(PciAddress.parse("01:00.0"));
        assertThat(shared.functionReset().possible()).contains(false);
        assertThat(shared.functionReset().method()).isEmpty();
        assertThat(shared.functionReset().blockers()).extracting(Finding::code).containsExactly("NO_FUNCTION_RESET");
        assertThat(shared.recommended()).contains(ResetKind.HOT_RESET);
        assertThat(shared.verdict()).isEqualTo(Verdict.READY);
    }

    @Test
    void aDisabledResetBlocksTheFunctionReset() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).driver("vfio-pci").group(2).resetMethods();
        BlastRadius b = new BlastRadiusAnalyzer(scan(fx), HostState.NONE).analyze(PciAddress.parse("01:00.0"));
        assertThat(b.functionReset().possible()).contains(false);
        assertThat(codes(b.functionReset().blockers())).containsExactly("RESET_DISABLED");
    }

    @Test
    void methodsThatCannotBeKnownMakeTheFunctionResetUnknown() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1);
        // unprivileged: 64 bytes of config, and no reset_method to read
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).driver("vfio-pci").group(2).noResetMethod()
                .configLength(64);
        BlastRadius b = new BlastRadiusAnalyzer(scan(fx), HostState.NONE).analyze(PciAddress.parse("01:00.0"));
        assertThat(b.functionReset().possible()).isEmpty();
        assertThat(codes(b.functionReset().unknowns())).contains("RESET_METHODS_UNKNOWN");
        assertThat(b.functionReset().verdict()).isEqualTo(Verdict.UNKNOWN);
        // the hot reset is known and may run: it is the recommended one while the function reset is unknown
        assertThat(b.recommended()).contains(ResetKind.HOT_RESET);
        assertThat(b.recommendation()).contains("unknown").doesNotContain("cannot be reset");
    }

    @Test
    void aVfWithFlrIsReadyForAFunctionResetWhileItsHotResetIsBlocked() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:03.0").rootPort(0x3b, 0x3b).group(1);
        FixtureDevice vf = fx.add("0000:3b:02.0").nic(0x8086, 0x154c).driver("vfio-pci").group(40)
                .resetMethods("flr");
        fx.add("0000:3b:00.0").under(rp).nic(0x8086, 0x1572).driver("i40e").group(30).sriov(8, vf);
        vf.under(rp);
        BlastRadius b = new BlastRadiusAnalyzer(scan(fx), HostState.NONE).analyze(PciAddress.parse("3b:02.0"));
        assertThat(b.functionReset().verdict()).isEqualTo(Verdict.READY);
        assertThat(b.recommended()).contains(ResetKind.FUNCTION_RESET);
        assertThat(b.verdict()).isEqualTo(Verdict.READY);
        assertThat(b.hotResetVerdict()).isEqualTo(Verdict.BLOCKED); // the PF on i40e shares the bus
        assertThat(b.groupViability()).extracting(GroupViability::group).contains(40, 30);
        assertThat(b.mustLeaveHost(ResetKind.FUNCTION_RESET)).isEmpty();
        assertThat(b.mustLeaveHost(ResetKind.HOT_RESET)).extracting(GroupViability.Member::address)
                .containsExactly(PciAddress.parse("3b:00.0"));
    }

    @Test
    void theFunctionResetChecksOnlyItsOwnFunctionAndGroup() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).driver("vfio-pci").group(2);
        fx.add("0000:01:00.1").under(rp).nic(0x8086, 0x10d3).driver("e1000e").group(3);
        Topology t = scan(fx);
        NetInterface eth = new NetInterface("eth1", PciAddress.parse("01:00.1"), Optional.of("up"), Optional.empty(),
                List.of(), true);
        Holder vm = new Holder(7, "qemu", "qemu -device vfio-pci,host=01:00.0", List.of("/dev/vfio/2"), true, true);
        HostState host = new HostState(new HolderScan(Map.of(2, List.of(vm)), Map.of(), List.of(), true, List.of()),
                new HostImpact(Map.of(), Map.of(PciAddress.parse("01:00.1"), List.of(eth)), Map.of(), List.of()));
        BlastRadius b = new BlastRadiusAnalyzer(t, host).analyze(PciAddress.parse("01:00.0"));
        assertThat(codes(b.functionReset().blockers())).containsExactly("GROUP_HELD");
        assertThat(b.functionReset().warnings()).isEmpty();
        assertThat(codes(b.blockers())).contains("HOST_DRIVER", "GROUP_HELD");
        assertThat(codes(b.warnings())).contains("DEFAULT_ROUTE");
    }

    @Test
    void anUnboundTargetOrOneWithoutGroupBlocksTheFunctionReset() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).group(2);
        FixtureDevice rp2 = fx.add("0000:00:1d.0").rootPort(2, 2).group(3);
        fx.add("0000:02:00.0").under(rp2).nic(0x8086, 0x10d3).driver("vfio-pci");
        BlastRadiusAnalyzer an = new BlastRadiusAnalyzer(scan(fx), HostState.NONE);
        assertThat(codes(an.analyze(PciAddress.parse("01:00.0")).functionReset().blockers()))
                .containsExactly("NOT_VFIO_BOUND");
        assertThat(codes(an.analyze(PciAddress.parse("02:00.0")).functionReset().blockers()))
                .containsExactly("NO_IOMMU_GROUP");
        assertThat(codes(an.analyze(PciAddress.parse("00:1c.0")).functionReset().blockers()))
                .contains("TARGET_IS_BRIDGE").doesNotContain("HOST_DRIVER");
    }

    @Test
    void incompleteHoldersMakeBothVerdictsUnknown() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).driver("vfio-pci").group(2);
        HostState host = new HostState(new HolderScan(Map.of(), Map.of(), List.of(), false, List.of()), HostImpact.NONE);
        BlastRadius b = new BlastRadiusAnalyzer(scan(fx), host).analyze(PciAddress.parse("01:00.0"));
        assertThat(b.functionReset().verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(b.hotResetVerdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(b.verdict()).isEqualTo(Verdict.UNKNOWN);
    }
}

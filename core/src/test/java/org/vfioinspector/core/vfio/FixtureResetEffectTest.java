package org.vfioinspector.core.vfio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.health.FunctionVerification;
import org.vfioinspector.core.health.Verification;
import org.vfioinspector.core.health.VerificationVerdict;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;
import org.vfioinspector.core.vfio.ResetReport.Outcome;

/**
 * The fixture kernel's reset effects through the real executor: each mode gives the verdict a real device
 * would, from the files it changes (or, for ENOTTY, from the ioctl's failure alone).
 */
class FixtureResetEffectTest {

    private static final PciAddress NIC = PciAddress.parse("0000:01:00.0");
    private static final PciAddress AUDIO = PciAddress.parse("0000:01:00.1");

    @TempDir
    Path dir;
    private FixtureVfioKernel kernel;

    @BeforeEach
    void twoFunctionsOnVfioPci() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(3).link("8.0 GT/s PCIe", 8, "8.0 GT/s PCIe", 8);
        fx.add(NIC.toString()).under(rp).nic(0x8086, 0x10d3).driver("vfio-pci").group(7)
                .link("8.0 GT/s PCIe", 8, "8.0 GT/s PCIe", 8).raw("aer_dev_correctable", "TOTAL_ERR_COR 0\n");
        fx.add(AUDIO.toString()).under(rp).audio(0x8086, 0x10d4).driver("vfio-pci").group(7);
        fx.file("dev/vfio/vfio", "");
        fx.file("dev/vfio/7", "");
        fx.write();
        kernel = new FixtureVfioKernel(dir);
    }

    private ResetReport reset(FixtureResetEffect effect, ResetKind kind) {
        kernel.effect = effect;
        HostRoot root = HostRoot.of(dir);
        List<PciAddress> confirmed = kind == ResetKind.HOT_RESET ? List.of(NIC, AUDIO) : List.of(NIC);
        ResetPlan plan = ResetPlanner.plan(new ResetRequest(NIC, confirmed, kind, false, false),
                new SysfsReader(root).scan(), HostState.NONE, true);
        return new HotResetExecutor(root, kernel.kernel(), () -> HolderScan.NONE).execute(plan);
    }

    private static VerificationVerdict verdict(ResetReport r, PciAddress a) {
        return r.verification().flatMap(v -> v.of(a)).map(FunctionVerification::verdict).orElseThrow();
    }

    @Test
    void comesBack() {
        ResetReport r = reset(FixtureResetEffect.COMES_BACK, ResetKind.HOT_RESET);
        assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.RESET);
        assertThat(r.verdict()).contains("came-back");
    }

    @Test
    void doesNotComeBack() {
        ResetReport r = reset(FixtureResetEffect.DOES_NOT_COME_BACK, ResetKind.HOT_RESET);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict(r, NIC)).isEqualTo(VerificationVerdict.LOST);
        assertThat(verdict(r, AUDIO)).isEqualTo(VerificationVerdict.LOST);
    }

    @Test
    void comesBackDegradedAfterAFunctionResetToo() {
        ResetReport r = reset(FixtureResetEffect.COMES_BACK_DEGRADED, ResetKind.FUNCTION_RESET);
        assertThat(r.outcome()).isEqualTo(Outcome.RESET);
        assertThat(r.verification().map(Verification::verdict)).contains(VerificationVerdict.CAME_BACK_DEGRADED);
        assertThat(r.verification().orElseThrow().functions()).singleElement()
                .satisfies(f -> assertThat(f.changes()).anyMatch(c -> c.contains("8.0 GT/s PCIe x8 before, 2.5 GT/s PCIe x4 now")));
    }

    @Test
    void enottyLeavesTheLinkDownAndSysfsUnchanged() {
        ResetReport r = reset(FixtureResetEffect.ENOTTY_LINK_STAYS_DOWN, ResetKind.HOT_RESET);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.error().orElseThrow().errnoName()).isEqualTo("ENOTTY");
        assertThat(r.verdict()).contains("lost");
        assertThat(r.verification().orElseThrow().of(NIC).orElseThrow().after().function().link().currentSpeed())
                .contains("8.0 GT/s PCIe");
    }

    @Test
    void aPortLinkDownInConfigSpaceIsLost() {
        ResetReport r = reset(FixtureResetEffect.LINK_DOWN_IN_CONFIG_SPACE, ResetKind.HOT_RESET);
        assertThat(r.verdict()).contains("lost");
        assertThat(r.verification().orElseThrow().of(NIC).orElseThrow().after().upstreamLinkActive()).contains(false);
    }
}

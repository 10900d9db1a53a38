package org.vfioinspector.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.vfio.ResetKind;
import org.vfioinspector.core.vfio.ResetPlan;
import org.vfioinspector.core.vfio.ResetPlanner;
import org.vfioinspector.core.vfio.ResetRequest;

/** One verdict per kind of reset, on the demo server, and the same blockers as the run's own planner. */
class KindVerdictTest {

    private static LoadedHost demo;

    @BeforeAll
    static void load() {
        demo = LoadedHost.load(HostSource.of(Hosts.sharedDemo()));
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    private static List<KindVerdict> both(String address) {
        PciDevice d = demo.topology().device(PciAddress.parse(address)).orElseThrow();
        return KindVerdict.both(demo.analyzer().analyze(d.address()), d);
    }

    @Test
    void aVfWithFlrOnItsHostDriverNeedsBindingAndIsNotBlocked() {
        // the panel once said "BLOCKED · 8 blockers" here (the hot reset's host drivers) while the wizard said none
        List<KindVerdict> v = both("0001:01:02.0");

        assertThat(v.get(0).kind()).isEqualTo(ResetKind.FUNCTION_RESET);
        assertThat(v.get(0).state()).isEqualTo(KindVerdict.State.NEEDS_BINDING);
        assertThat(v.get(0).blockers()).isEmpty();
        assertThat(v.get(0).toBind()).containsExactly(PciAddress.parse("0001:01:02.0"));
        assertThat(v.get(0).label()).startsWith("Function reset (FLR): NEEDS vfio-pci (1 function to bind");
        assertThat(v.get(1).label()).startsWith("Hot reset (bus): ");
        assertThat(KindVerdict.line(v)).contains("Function reset (FLR): NEEDS vfio-pci").contains(" · Hot reset (bus): ");
    }

    @Test
    void aVfAlreadyOnVfioPciIsReadyForItsFunctionReset() {
        List<KindVerdict> v = both("0001:01:02.2");

        assertThat(v.get(0).label()).isEqualTo("Function reset (FLR): READY");
    }

    @Test
    void aRootBusFunctionWithoutAFunctionResetCannotBeResetAtAllAndSaysWhy() {
        // 00:1f.0 on the root bus: no hot reset, and reset_method is empty
        List<KindVerdict> v = both("0000:00:1f.0");

        assertThat(v).allSatisfy(k -> assertThat(k.state()).isEqualTo(KindVerdict.State.NOT_OFFERED));
        assertThat(KindVerdict.anyMayRun(v)).isFalse();
        assertThat(KindVerdict.whyNoneRuns(v)).startsWith("No reset can run.").contains("Hot reset is not offered")
                .contains("root bus");
        assertThat(v.get(1).words()).isEqualTo("NOT OFFERED");
    }

    @Test
    void aGroupAVmHoldsIsBlockedForBothKinds() {
        List<KindVerdict> v = both("0000:04:00.0");

        assertThat(v.get(1).state()).isEqualTo(KindVerdict.State.BLOCKED);
        assertThat(v.get(1).blockers()).extracting(Finding::code).contains("GROUP_HELD");
        assertThat(v.get(1).words()).isEqualTo("BLOCKED (1 blocker)");
        assertThat(KindVerdict.anyMayRun(v)).isFalse();
        assertThat(KindVerdict.whyNoneRuns(v)).contains("is blocked");
    }

    @Test
    void whatARealCaptureCannotShowIsUnknownNeverReady(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        // a laptop capture without reset_method files: whether the NVMe has a function reset cannot be known
        try (LoadedHost h = LoadedHost.load(HostSource.of(org.vfioinspector.core.real.RealFixtures.thinkpad(dir)))) {
            PciDevice nvme = h.topology().device(PciAddress.parse("0000:04:00.0")).orElseThrow();
            List<KindVerdict> v = KindVerdict.both(h.analyzer().analyze(nvme.address()), nvme);

            assertThat(v.get(0).state()).isEqualTo(KindVerdict.State.UNKNOWN);
            assertThat(v.get(0).words()).startsWith("UNKNOWN (");
            assertThat(v).noneSatisfy(k -> assertThat(k.state()).isEqualTo(KindVerdict.State.READY));
        }
    }

    @Test
    void theBlockersAreThePlannersRefusalsForEveryFunctionAndKind() {
        // the run refuses on the planner's list (with binding): the window must show exactly that list
        for (PciDevice d : demo.topology().devices()) {
            for (KindVerdict v : KindVerdict.both(demo.analyzer().analyze(d.address()), d)) {
                var b = demo.analyzer().analyze(d.address());
                List<PciAddress> set = v.kind() == ResetKind.HOT_RESET && !b.hotReset().affected().isEmpty()
                        ? b.hotReset().affected() : List.of(d.address());
                ResetPlan plan = ResetPlanner.plan(new ResetRequest(d.address(), set, v.kind(), true, true),
                        demo.topology(), demo.state(), true);
                // the same findings; their suggested commands differ only in naming the demo as their source
                assertThat(v.blockers()).as(d.address() + " " + v.kind())
                        .extracting(f -> f.code() + " " + f.device()).isEqualTo(plan.refusals().stream()
                                .map(f -> f.code() + " " + f.device()).toList());
                if (v.state() == KindVerdict.State.READY) {
                    assertThat(v.unknowns()).isEmpty();
                    assertThat(v.toBind()).isEmpty();
                }
            }
        }
    }
}

package org.vfioinspector.app.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.vfioinspector.core.bind.BindReport;
import org.vfioinspector.core.health.AerCounters;
import org.vfioinspector.core.health.FunctionHealth;
import org.vfioinspector.core.health.ResetFacts;
import org.vfioinspector.core.health.VerdictRules;
import org.vfioinspector.core.health.Verification;
import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.reset.HotResetPrediction;
import org.vfioinspector.core.reset.HotResetScope;
import org.vfioinspector.core.vfio.DependentDevice;
import org.vfioinspector.core.vfio.ResetKind;
import org.vfioinspector.core.vfio.ResetPlan;
import org.vfioinspector.core.vfio.ResetReport;
import org.vfioinspector.core.vfio.ResetRequest;
import org.vfioinspector.core.vfio.Stage;

/**
 * Core reports of every kind the CLI prints (reset, dry run, refused, failed; bind, restore), built by hand
 * so that every field has a value that shows: nulls, empty lists, quotes and non-ASCII text.
 */
final class Reports {

    static final PciAddress A = PciAddress.parse("0000:01:00.0");
    static final PciAddress B = PciAddress.parse("0000:01:00.1");
    static final PciAddress BRIDGE = PciAddress.parse("0000:00:1c.0");
    static final String JOURNAL = "/var/lib/vfio-inspector/bind-journal";

    private Reports() {
    }

    private static HotResetPrediction prediction() {
        return new HotResetPrediction(A, true, Optional.of(HotResetScope.BUS), Optional.of(BRIDGE), List.of(A, B),
                List.of(7), List.of(), "A bus reset below 0000:00:1c.0 reaches both functions.", "BUS");
    }

    private static ResetPlan hotPlan(boolean dryRun, List<Finding> refusals) {
        return new ResetPlan(new ResetRequest(A, List.of(A, B), ResetKind.HOT_RESET, dryRun, false),
                Optional.of(prediction()), List.of(A, B), List.of(7), OptionalInt.of(7), refusals,
                List.of(new Finding("SHARED_BUS", Optional.empty(), "The bus is shared — \"both\" go.")));
    }

    private static List<ResetReport.Step> steps(ResetReport.StepOutcome last, String detail) {
        return List.of(new ResetReport.Step(Stage.OPEN_CONTAINER, "/dev/vfio/vfio", ResetReport.StepOutcome.OK, ""),
                new ResetReport.Step(Stage.GET_STATUS, "/dev/vfio/7", ResetReport.StepOutcome.OK, "viable"),
                new ResetReport.Step(Stage.HOT_RESET, A.toString(), last, detail));
    }

    private static List<DependentDevice> kernelList() {
        return List.of(DependentDevice.inGroup(7, A), DependentDevice.inGroup(7, B));
    }

    static ResetReport reset() {
        return new ResetReport(hotPlan(false, List.of()), ResetReport.Outcome.RESET,
                steps(ResetReport.StepOutcome.OK, "1 group fd(s) passed"), kernelList(), List.of(), List.of(),
                Optional.empty(), Optional.of(verification()), "Reset 0000:01:00.0 and 0000:01:00.1.");
    }

    private static final PciAddress PORT = PciAddress.parse("0000:00:1c.0");

    /** A function sample: D0, a x4 gen3 link, the given ids (empty: unreadable) and AER correctable total. */
    static ResetFacts facts(PciAddress a, OptionalInt vendor, OptionalInt device, long correctable) {
        LinkStatus link = new LinkStatus(Optional.of("8.0 GT/s PCIe"), OptionalInt.of(4), Optional.of("8.0 GT/s PCIe"),
                OptionalInt.of(4));
        return new ResetFacts(new FunctionHealth(a, true, vendor, device, vendor.isPresent(), Optional.of("D0"), link,
                new AerCounters(OptionalLong.of(correctable), OptionalLong.of(0), OptionalLong.empty()), AerCounters.UNKNOWN,
                Optional.of("vfio-pci")), Optional.of(PORT), link, Optional.of(true), Optional.of(PORT), AerCounters.UNKNOWN);
    }

    /** 01:00.0 came back with one new correctable error; 01:00.1 reads all ones. */
    static Verification verification() {
        OptionalInt intel = OptionalInt.of(0x8086);
        return new Verification(List.of(
                VerdictRules.judge(facts(A, intel, OptionalInt.of(0x10d3), 0), facts(A, intel, OptionalInt.of(0x10d3), 1),
                        false, Optional.of(List.of("vfio-pci 0000:01:00.0: resetting"))),
                VerdictRules.judge(facts(B, intel, OptionalInt.of(0x10d4), 0), facts(B, OptionalInt.of(0xffff),
                        OptionalInt.of(0xffff), 0), false, Optional.empty())));
    }

    static ResetReport dryRun() {
        return new ResetReport(hotPlan(true, List.of()), ResetReport.Outcome.DRY_RUN,
                steps(ResetReport.StepOutcome.SKIPPED, "dry run"),
                List.of(DependentDevice.inGroup(7, A), new DependentDevice(-1, 0, 1, 1, true,
                        DependentDevice.Ownership.NOT_OWNED)),
                List.of("the kernel also lists 0000:01:00.1 by devid"), List.of(), Optional.empty(), Optional.empty(),
                "Dry run passed: the kernel lists exactly the confirmed set.");
    }

    static ResetReport refused() {
        List<Finding> why = List.of(Finding.of("NOT_ROOT", null, "Resetting needs root."),
                Finding.of("HOST_DRIVER", B, "0000:01:00.1 is on snd_hda_intel."));
        return new ResetReport(hotPlan(false, why), ResetReport.Outcome.REFUSED, List.of(), List.of(), List.of(), why,
                Optional.empty(), Optional.empty(), "Refused: resetting needs root.");
    }

    static ResetReport failed() {
        ResetPlan plan = new ResetPlan(new ResetRequest(A, List.of(A), ResetKind.FUNCTION_RESET, false, false),
                Optional.empty(), List.of(A), List.of(7), OptionalInt.of(7), List.of(), List.of());
        return new ResetReport(plan, ResetReport.Outcome.FAILED,
                List.of(new ResetReport.Step(Stage.DEVICE_RESET, A.toString(), ResetReport.StepOutcome.FAILED,
                        "EBUSY: \"busy\"\nsecond line")), List.of(), List.of(), List.of(),
                Optional.of(new ResetReport.KernelError(Stage.DEVICE_RESET, "VFIO_DEVICE_RESET", A.toString(), 16,
                        "EBUSY", "The device is busy.")), Optional.empty(), "VFIO_DEVICE_RESET failed: EBUSY.");
    }

    static BindReport bound() {
        return new BindReport(BindReport.Operation.BIND, BindReport.Outcome.DONE, List.of(
                new BindReport.FunctionResult(A, Optional.of("e1000e"), Optional.of("vfio-pci"),
                        BindReport.Action.BOUND, "0000:01:00.0: e1000e → vfio-pci"),
                new BindReport.FunctionResult(B, Optional.empty(), Optional.of("vfio-pci"),
                        BindReport.Action.ALREADY_ON_VFIO, "0000:01:00.1 was on vfio-pci")),
                List.of("journal line 3 unreadable"), "Bound 1 function(s) to vfio-pci.");
    }

    static BindReport bindRefused() {
        return new BindReport(BindReport.Operation.BIND, BindReport.Outcome.REFUSED, List.of(
                new BindReport.FunctionResult(A, Optional.of("e1000e"), Optional.empty(), BindReport.Action.REFUSED,
                        "[DEFAULT_ROUTE] enp1s0 carries the default route")), List.of(),
                "Refused: use --force-host-impact to bind anyway.");
    }

    static BindReport restored() {
        return new BindReport(BindReport.Operation.RESTORE, BindReport.Outcome.INCOMPLETE, List.of(
                new BindReport.FunctionResult(A, Optional.of("vfio-pci"), Optional.of("e1000e"),
                        BindReport.Action.RESTORED, "0000:01:00.0 back on e1000e"),
                new BindReport.FunctionResult(B, Optional.of("vfio-pci"), Optional.empty(), BindReport.Action.FAILED,
                        "0000:01:00.1: driver_override <- \\n: EIO")), List.of(), "Restore incomplete.");
    }
}

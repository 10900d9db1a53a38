package org.vfioinspector.core.vfio;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.core.health.Verification;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.Finding;

/**
 * What {@link HotResetExecutor} did and found.
 *
 * @param steps        every protocol step in order, with its outcome
 * @param kernelList   what {@code VFIO_DEVICE_GET_PCI_HOT_RESET_INFO} answered, in the kernel's order; empty
 *                     when the protocol did not get that far (or for a function reset)
 * @param differences  how the kernel's list differs from the prediction and the confirmed set, one line each
 * @param refusals     why the reset was refused (outcome {@link Outcome#REFUSED})
 * @param error        the failing call and its sentence (outcome {@link Outcome#FAILED})
 * @param verification whether each function the reset reached came back (empty when no reset ran; also present
 *                     after a hot reset that failed with ENOTTY, whose bus was reset but whose link did not come back)
 * @param summary      one sentence for the engineer
 */
public record ResetReport(ResetPlan plan, Outcome outcome, List<Step> steps, List<DependentDevice> kernelList,
                          List<String> differences, List<Finding> refusals, Optional<KernelError> error,
                          Optional<Verification> verification, String summary) {

    /** How it ended. */
    public enum Outcome {
        /** The reset ran and every function came back (perhaps degraded: see the verification). */
        RESET,
        /** Every step but the final reset ran and agreed with the plan. */
        DRY_RUN,
        /** Refused before the reset: nothing was reset. */
        REFUSED,
        /** The kernel or the file system failed a step, or a function did not come back (or cannot be seen to). */
        FAILED
    }

    /** How one step ended. */
    public enum StepOutcome { OK, SKIPPED, REFUSED, FAILED }

    /** One protocol step: what ran on which target, and what came of it. */
    public record Step(Stage stage, String target, StepOutcome outcome, String detail) {
        public Step {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(outcome, "outcome");
            target = target == null ? "" : target;
            detail = detail == null ? "" : detail;
        }
    }

    /** A failed call: the header's operation name, errno, and the sentence that explains it. */
    public record KernelError(Stage stage, String operation, String target, int errno, String errnoName,
                              String sentence) {

        static KernelError of(Stage stage, VfioException e, String sentence) {
            return new KernelError(stage, e.operation(), e.target(), e.errno(), e.errnoName(), sentence);
        }
    }

    public ResetReport {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(outcome, "outcome");
        steps = List.copyOf(steps);
        kernelList = List.copyOf(kernelList);
        differences = List.copyOf(differences);
        refusals = List.copyOf(refusals);
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(verification, "verification");
    }

    /** This report with {@code v} as its verification (e.g. with the drivers found after a restore). */
    public ResetReport withVerification(Optional<Verification> v) {
        return new ResetReport(plan, outcome, steps, kernelList, differences, refusals, error, v, summary);
    }

    /** The run's verification verdict word ({@code came-back}, …), empty when no reset was verified. */
    public Optional<String> verdict() {
        return verification.map(v -> v.verdict().word());
    }

    /** The functions of {@link #kernelList()}, in the kernel's order. */
    public List<PciAddress> kernelSet() {
        return kernelList.stream().map(DependentDevice::address).toList();
    }

    /** True when a stage was reached at all (ran, failed or refused; not skipped). */
    public boolean reached(Stage stage) {
        return steps.stream().anyMatch(s -> s.stage() == stage && s.outcome() != StepOutcome.SKIPPED);
    }
}

package org.vfioinspector.core.vfio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.vfioinspector.core.health.Verification;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.vfio.ResetReport.KernelError;
import org.vfioinspector.core.vfio.ResetReport.Outcome;
import org.vfioinspector.core.vfio.ResetReport.Step;
import org.vfioinspector.core.vfio.ResetReport.StepOutcome;

/**
 * Records one protocol run step by step. A failing call or a refusal ends the run by throwing
 * {@link Stop}, after recording the step and the sentence; the executor's try-with-resources then
 * closes what was opened.
 */
final class ProtocolRun {

    /** A call the kernel may refuse. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws VfioException;
    }

    /** Ends the run; carries no stack trace (it is control flow, not a bug). */
    static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Outcome outcome;

        Stop(Outcome outcome) {
            super(outcome.name(), null, false, false);
            this.outcome = outcome;
        }
    }

    final ResetPlan plan;
    final List<Step> steps = new ArrayList<>();
    final List<Finding> refusals = new ArrayList<>();
    List<DependentDevice> kernelList = List.of();
    List<String> differences = List.of();
    Optional<Verification> verification = Optional.empty();
    Optional<KernelError> error = Optional.empty();
    String summary;

    private final ResetProgress progress;

    ProtocolRun(ResetPlan plan, ResetProgress progress) {
        this.plan = plan;
        this.progress = progress;
    }

    <T> T call(Stage stage, String target, Supplier<VfioErrors.Hints> hints, Call<T> body) throws Stop {
        return call(stage, target, hints, body, v -> "");
    }

    <T> T call(Stage stage, String target, Supplier<VfioErrors.Hints> hints, Call<T> body,
               Function<T, String> detail) throws Stop {
        T value;
        tell(() -> progress.starting(stage, target));
        try {
            value = body.run();
        } catch (VfioException e) {
            // VfioContainer.open also checks the API version: name the stage that actually failed
            Stage failed = Stage.of(e).filter(s -> s != stage && stage == Stage.OPEN_CONTAINER).orElse(stage);
            String sentence = VfioErrors.explain(failed, e, hints.get());
            record(new Step(failed, target, StepOutcome.FAILED, e.errnoName() + ": " + sentence));
            error = Optional.of(KernelError.of(failed, e, sentence));
            summary = sentence;
            throw new Stop(Outcome.FAILED);
        }
        record(new Step(stage, target, StepOutcome.OK, detail.apply(value)));
        return value;
    }

    void ok(Stage stage, String target, String detail) {
        record(new Step(stage, target, StepOutcome.OK, detail));
    }

    void skipped(Stage stage, String target, String detail) {
        record(new Step(stage, target, StepOutcome.SKIPPED, detail));
    }

    Stop refuse(Stage stage, String target, Finding why) {
        record(new Step(stage, target, StepOutcome.REFUSED, why.message()));
        refusals.add(why);
        summary = why.message();
        return new Stop(Outcome.REFUSED);
    }

    Stop fail(Stage stage, String target, String sentence) {
        record(new Step(stage, target, StepOutcome.FAILED, sentence));
        summary = sentence;
        return new Stop(Outcome.FAILED);
    }

    private void record(Step step) {
        steps.add(step);
        tell(() -> progress.finished(step));
    }

    /** A listener's failure is its own problem: the protocol (and the closing of every fd) goes on. */
    private static void tell(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // ignored on purpose, see ResetProgress
        }
    }

    ResetReport report(Outcome outcome) {
        return new ResetReport(plan, outcome, steps, kernelList, differences, refusals, error, verification,
                summary == null ? "" : summary);
    }
}

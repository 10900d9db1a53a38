package org.vfioinspector.app.priv;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.model.PciAddress;

/**
 * A {@code reset --json} report read back from the CLI: the outcome, what the kernel listed, how that
 * differed from the prediction, the failing call, and the re-read of every function.
 *
 * @param predicted  the prediction's affected set (empty for a function reset)
 * @param kernelSet  the functions of the kernel's list, in the kernel's order
 * @param kernelList the kernel's list as lines ({@code 0000:03:00.0 group 7})
 */
public record ResetResult(Outcome outcome, String summary, boolean dryRun, List<PciAddress> confirmed,
                          List<PciAddress> predicted, List<PciAddress> kernelSet, List<String> kernelList,
                          List<String> differences, List<Refusal> refusals, Optional<KernelError> error,
                          List<Step> steps, List<Check> verification, Optional<BindResult> bind,
                          Optional<BindResult> restore) {

    /** The CLI's outcome words. */
    public enum Outcome {
        RESET("reset"), DRY_RUN("dry-run"), REFUSED("refused"), FAILED("failed");

        private final String word;

        Outcome(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        static Optional<Outcome> of(String word) {
            for (Outcome o : values()) {
                if (o.word.equals(word)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    /** Why the CLI refused. */
    public record Refusal(String code, Optional<PciAddress> device, String message) {
    }

    /** The failing call: step, the header's operation name, errno and the sentence that explains it. */
    public record KernelError(String step, String operation, String target, OptionalInt errno, String errnoName,
                              String sentence) {
    }

    /** One protocol step as the CLI reports it. */
    public record Step(String step, String label, String target, String outcome, String detail) {
    }

    /** One function re-read after the reset: {@code vvvv:dddd} before and after. */
    public record Check(PciAddress address, Optional<String> before, Optional<String> after, boolean answers,
                        boolean unchanged) {
        public boolean ok() {
            return answers && unchanged;
        }
    }

    public ResetResult {
        Objects.requireNonNull(outcome, "outcome");
        summary = summary == null ? "" : summary;
        confirmed = List.copyOf(confirmed);
        predicted = List.copyOf(predicted);
        kernelSet = List.copyOf(kernelSet);
        kernelList = List.copyOf(kernelList);
        differences = List.copyOf(differences);
        refusals = List.copyOf(refusals);
        Objects.requireNonNull(error, "error");
        steps = List.copyOf(steps);
        verification = List.copyOf(verification);
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(restore, "restore");
    }

    /** True when the kernel's list, the prediction or the confirmed set disagreed. */
    public boolean kernelDiffers() {
        return !differences.isEmpty() || refusals.stream().anyMatch(r -> r.code().equals("KERNEL_SET_DIFFERS"));
    }
}

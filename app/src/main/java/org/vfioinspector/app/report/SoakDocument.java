package org.vfioinspector.app.report;

import java.util.List;
import java.util.Objects;

import org.vfioinspector.core.health.VerificationVerdict;

/**
 * The {@code reset --soak N --json} document: {@code {"soak": {"rounds": [...], "verdict": ...}}}. Each round
 * carries its summary row and its whole reset document.
 */
public record SoakDocument(Soak soak) implements CliDocument {

    /**
     * @param requested the rounds asked for
     * @param verdict   the worst verification verdict of the rounds run; {@code unknown} when a round was not verified
     * @param stoppedAt the round after which the soak stopped early, 0 when it ran every round (or went on)
     */
    public record Soak(int requested, String verdict, int stoppedAt, List<Round> rounds) {
        public Soak {
            verdict = Wire.text(verdict);
            rounds = Wire.list(rounds);
        }
    }

    /**
     * One round's row: its duration, the target's link after it, the AER errors counted during it over every
     * function (null when no counter could be compared), its verdict and exit code, and its reset document.
     */
    public record Round(int round, long durationMs, String outcome, String verdict, String link, Long aerIncrease,
                        int exitCode, ResetDocument reset) {
        public Round {
            outcome = Wire.text(outcome);
            verdict = Wire.text(verdict);
            link = Wire.text(link);
            Objects.requireNonNull(reset, "reset");
        }
    }

    public SoakDocument {
        Objects.requireNonNull(soak, "soak");
    }

    /** The soak's verdict word as a verdict; unknown words are unknown. */
    public VerificationVerdict verdict() {
        try {
            return VerificationVerdict.ofWord(soak.verdict());
        } catch (IllegalArgumentException e) {
            return VerificationVerdict.UNKNOWN;
        }
    }
}

package org.vfioinspector.core.health;

import java.util.Collection;

/**
 * Whether a function (or a whole reset run) came back after a reset. Declared from best to worst: a run's
 * verdict is the worst of its functions'. What cannot be seen is {@link #UNKNOWN}, never {@link #CAME_BACK},
 * and ranks below {@link #LOST} only because a lost function is known to be lost.
 */
public enum VerificationVerdict {
    /** It answers with its ids, in D0, its links as before, no new AER errors, its driver back. */
    CAME_BACK,
    /** It answers, but something is worse than before: a slower or narrower link, new AER errors, not D0, no driver. */
    CAME_BACK_DEGRADED,
    /** Whether it came back cannot be seen (config space unreadable, ids before unknown). */
    UNKNOWN,
    /** It does not answer (all ones), it is gone, or its link did not come back. */
    LOST;

    /** The contract's word: {@code came-back}, {@code came-back-degraded}, {@code lost}, {@code unknown}. */
    public String word() {
        return name().toLowerCase().replace('_', '-');
    }

    /** {@code came back}, {@code came back degraded}, … for sentences. */
    public String words() {
        return name().toLowerCase().replace('_', ' ');
    }

    public VerificationVerdict worse(VerificationVerdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** The worst of {@code verdicts}; {@link #UNKNOWN} when there are none (nothing was checked). */
    public static VerificationVerdict worst(Collection<VerificationVerdict> verdicts) {
        return verdicts.stream().reduce(VerificationVerdict::worse).orElse(UNKNOWN);
    }

    /** The verdict of {@link #word()}; an unknown word is an error. */
    public static VerificationVerdict ofWord(String word) {
        for (VerificationVerdict v : values()) {
            if (v.word().equals(word)) {
                return v;
            }
        }
        throw new IllegalArgumentException("not a verification verdict: " + word);
    }
}

package org.vfioinspector.core.reset;

import java.util.List;

/** Whether a reset may run: nothing forbids it and nothing it depends on is unknown. */
public enum Verdict {
    READY, BLOCKED, UNKNOWN;

    /** Blocked when any blocker, else unknown when anything is unknown, else ready. */
    public static Verdict of(List<Finding> blockers, List<Finding> unknowns) {
        if (!blockers.isEmpty()) {
            return BLOCKED;
        }
        return unknowns.isEmpty() ? READY : UNKNOWN;
    }

    /** {@code ready}, {@code blocked} or {@code unknown}, as in the JSON contract. */
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

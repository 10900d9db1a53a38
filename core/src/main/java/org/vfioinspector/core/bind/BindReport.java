package org.vfioinspector.core.bind;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * What a bind or restore did, function by function.
 *
 * @param notes journal lines that could not be read, rollback problems, and the like
 */
public record BindReport(Operation operation, Outcome outcome, List<FunctionResult> functions, List<String> notes,
                         String summary) {

    public enum Operation { BIND, RESTORE }

    public enum Outcome {
        /** Everything asked for was done (or there was nothing to do). */
        DONE,
        /** Refused before any write: the reasons are in the functions' messages. */
        REFUSED,
        /** A step failed; everything done before was undone. */
        ROLLED_BACK,
        /** A step failed and undoing (or restoring) did not fully succeed: the journal keeps what is left. */
        INCOMPLETE
    }

    public enum Action { BOUND, ALREADY_ON_VFIO, RESTORED, ROLLED_BACK, LEFT_ALONE, REFUSED, FAILED }

    /** One function: its driver before and after, and what happened. */
    public record FunctionResult(PciAddress address, Optional<String> driverBefore, Optional<String> driverAfter,
                                 Action action, String message) {
        public FunctionResult {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(action, "action");
        }
    }

    public BindReport {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(outcome, "outcome");
        functions = List.copyOf(functions);
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return outcome == Outcome.DONE;
    }
}

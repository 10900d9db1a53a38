package org.vfioinspector.app.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.core.bind.BindReport;
import org.vfioinspector.core.reset.GroupViability;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code bind --json} and {@code restore --json} document, and the {@code bind} / {@code restore} parts of
 * {@code reset --bind --json}. Field order is the contract's.
 *
 * @param action             per function: {@code bound}, {@code already-on-vfio}, {@code restored}, …
 * @param journal            the bind journal's file
 * @param otherHostFunctions only in {@code bind}'s own document: the other functions of the groups that keep
 *                           VFIO from using them
 */
public record BindDocument(Operation operation, Outcome outcome, String summary, List<Function> functions,
                           List<String> notes, String journal,
                           @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<List<Other>> otherHostFunctions)
        implements CliDocument {

    public enum Operation {
        BIND, RESTORE;

        @JsonValue
        public String word() {
            return Wire.word(this);
        }
    }

    public enum Outcome {
        DONE, REFUSED, ROLLED_BACK, INCOMPLETE;

        @JsonValue
        public String word() {
            return Wire.word(this);
        }
    }

    /** One function: its driver before and after, and what happened to it. */
    public record Function(String address, Optional<String> driverBefore, Optional<String> driverAfter,
                           String action, String message) {
        public Function {
            address = Wire.address(address);
            driverBefore = Wire.optional(driverBefore);
            driverAfter = Wire.optional(driverAfter);
            action = Wire.text(action);
            message = Wire.text(message);
        }

        static Function of(BindReport.FunctionResult f) {
            return new Function(f.address().toString(), f.driverBefore(), f.driverAfter(), Wire.word(f.action()),
                    f.message());
        }
    }

    /** A function of the same groups, on a host driver: whether it spoils the group, and what to do about it. */
    public record Other(String address, Optional<String> driver, boolean bridge, Optional<Boolean> breaksViability,
                        String remedy) {
        public Other {
            address = Wire.address(address);
            driver = Wire.optional(driver);
            breaksViability = Wire.optional(breaksViability);
            remedy = Wire.text(remedy);
        }

        public static Other of(GroupViability.Member m) {
            return new Other(m.address().toString(), m.driver(), m.bridge(), m.breaksViability(), m.remedy());
        }
    }

    public BindDocument {
        Objects.requireNonNull(operation, "no operation");
        Objects.requireNonNull(outcome, "no outcome");
        summary = Wire.text(summary);
        functions = Wire.list(functions);
        notes = Wire.list(notes);
        journal = Wire.text(journal);
        otherHostFunctions = Wire.optional(otherHostFunctions).map(List::copyOf);
    }

    public static BindDocument of(BindReport r, String journal) {
        return new BindDocument(Operation.valueOf(r.operation().name()), Outcome.valueOf(r.outcome().name()),
                r.summary(), r.functions().stream().map(Function::of).toList(), r.notes(), journal, Optional.empty());
    }

    /** {@code bind}'s own document: with the group members still on host drivers. */
    public BindDocument withOthers(List<Other> others) {
        return new BindDocument(operation, outcome, summary, functions, notes, journal, Optional.of(others));
    }

    public boolean ok() {
        return outcome == Outcome.DONE;
    }
}

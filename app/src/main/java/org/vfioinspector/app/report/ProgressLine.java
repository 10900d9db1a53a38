package org.vfioinspector.app.report;

import java.util.Objects;

import org.vfioinspector.core.vfio.ResetReport;
import org.vfioinspector.core.vfio.Stage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One {@code reset --progress --json} line on standard error: a phase outside the protocol (binding,
 * restoring), a protocol call starting, or a step finished (the fields of the report's {@code steps}). A field
 * a kind of line does not have is null here and absent from the line.
 *
 * @param text    a phase's text
 * @param outcome how a finished step ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressLine(Kind progress, String text, String step, String label, String target,
                           ProtocolStep.Outcome outcome, String detail) {

    /** Where in a run the line comes from. */
    public enum Kind {
        STARTING, STEP, PHASE;

        @JsonValue
        public String word() {
            return Wire.word(this);
        }
    }

    public ProgressLine {
        Objects.requireNonNull(progress, "not a progress line");
    }

    public static ProgressLine phase(String text) {
        return new ProgressLine(Kind.PHASE, text, null, null, null, null, null);
    }

    public static ProgressLine starting(Stage stage, String target) {
        return new ProgressLine(Kind.STARTING, null, stage.name().toLowerCase(), stage.label(), target, null, null);
    }

    public static ProgressLine finished(ResetReport.Step s) {
        ProtocolStep p = ProtocolStep.of(s);
        return new ProgressLine(Kind.STEP, null, p.step(), p.label(), p.target(), p.outcome(), p.detail());
    }

    /** A line for people: {@code ✔ VFIO_GROUP_GET_STATUS /dev/vfio/7: viable}. */
    public String describe() {
        String label = Wire.text(this.label);
        String target = Wire.text(this.target);
        // "open /dev/vfio/N" on /dev/vfio/7 reads better as "open /dev/vfio/7"
        String what = label.startsWith("open ") && !target.isEmpty() ? "open " + target
                : label + (target.isEmpty() ? "" : " " + target);
        return switch (progress) {
            case PHASE -> Wire.text(text) + "…";
            case STARTING -> "… " + what;
            case STEP -> (outcome == ProtocolStep.Outcome.OK ? "✔ " : outcome == ProtocolStep.Outcome.SKIPPED ? "– "
                    : "✖ ") + what + (Wire.text(detail).isEmpty() ? "" : ": " + detail);
        };
    }
}

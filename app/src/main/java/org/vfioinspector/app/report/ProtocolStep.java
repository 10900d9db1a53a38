package org.vfioinspector.app.report;

import org.vfioinspector.core.vfio.ResetReport;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One step of the VFIO reset protocol, as in the reset document's {@code steps} (and, field for field, in a
 * {@code --progress} line).
 *
 * @param step  the stage's name, {@code hot_reset}
 * @param label the ioctl or operation, {@code VFIO_DEVICE_PCI_HOT_RESET}
 */
public record ProtocolStep(String step, String label, String target, Outcome outcome, String detail) {

    /** How a step ended. */
    public enum Outcome {
        OK, SKIPPED, REFUSED, FAILED;

        @JsonValue
        public String word() {
            return Wire.word(this);
        }
    }

    public ProtocolStep {
        step = Wire.text(step);
        label = Wire.text(label);
        target = Wire.text(target);
        java.util.Objects.requireNonNull(outcome, "a step without an outcome");
        detail = Wire.text(detail);
    }

    public static ProtocolStep of(ResetReport.Step s) {
        return new ProtocolStep(s.stage().name().toLowerCase(), s.stage().label(), s.target(),
                Outcome.valueOf(s.outcome().name()), s.detail());
    }
}

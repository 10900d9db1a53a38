package org.vfioinspector.app.priv;

import java.util.Optional;

import org.vfioinspector.app.report.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code --progress} line of a running CLI command, read back: a protocol call starting, a step
 * finished (with the same fields as the report's {@code steps}), or a phase such as binding. Lines
 * that are not such an object are not progress (they stay part of the command's error text).
 *
 * @param kind    what happened
 * @param step    the stage's name, {@code hot_reset}; empty for a phase
 * @param label   the ioctl or operation, {@code VFIO_DEVICE_PCI_HOT_RESET}, or the phase's text
 * @param outcome {@code ok}, {@code skipped}, {@code refused}, {@code failed}; empty unless {@link Kind#STEP}
 */
public record ProgressEvent(Kind kind, String step, String label, String target, String outcome, String detail) {

    /** Where in a run the line comes from. */
    public enum Kind { STARTING, STEP, PHASE }

    /** Reads one line of standard error; empty when it is not a progress line. */
    public static Optional<ProgressEvent> parse(String line) {
        if (line == null || !line.startsWith("{\"progress\":")) {
            return Optional.empty();
        }
        JsonNode m;
        try {
            m = Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        Kind kind = switch (m.path("progress").asText("")) {
            case "starting" -> Kind.STARTING;
            case "step" -> Kind.STEP;
            case "phase" -> Kind.PHASE;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        String label = kind == Kind.PHASE ? text(m, "text") : text(m, "label");
        return Optional.of(new ProgressEvent(kind, text(m, "step"), label, text(m, "target"), text(m, "outcome"),
                text(m, "detail")));
    }

    /** A line for people: {@code ✔ VFIO_GROUP_GET_STATUS /dev/vfio/7: viable}. */
    public String describe() {
        // "open /dev/vfio/N" on /dev/vfio/7 reads better as "open /dev/vfio/7"
        String what = label.startsWith("open ") && !target.isEmpty() ? "open " + target
                : label + (target.isEmpty() ? "" : " " + target);
        return switch (kind) {
            case PHASE -> label + "…";
            case STARTING -> "… " + what;
            case STEP -> switch (outcome) {
                case "ok" -> "✔ ";
                case "skipped" -> "– ";
                default -> "✖ ";
            } + what + (detail.isEmpty() ? "" : ": " + detail);
        };
    }

    private static String text(JsonNode m, String key) {
        JsonNode v = m.path(key);
        return v.isTextual() ? v.asText() : "";
    }
}

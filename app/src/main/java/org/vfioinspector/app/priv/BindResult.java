package org.vfioinspector.app.priv;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * What a {@code bind} or {@code restore} (or the bind and restore halves of {@code reset --bind}) did,
 * read back from the CLI's JSON.
 *
 * @param outcome {@code done}, {@code refused}, {@code rolled-back} or {@code incomplete}
 */
public record BindResult(String outcome, String summary, List<Function> functions, List<String> notes) {

    /** One function: its driver before and after, and what happened ({@code bound}, {@code restored}, …). */
    public record Function(PciAddress address, Optional<String> driverBefore, Optional<String> driverAfter,
                           String action, String message) {
        public Function {
            Objects.requireNonNull(address, "address");
        }
    }

    public BindResult {
        Objects.requireNonNull(outcome, "outcome");
        summary = summary == null ? "" : summary;
        functions = List.copyOf(functions);
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return outcome.equals("done");
    }
}

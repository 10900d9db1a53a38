package org.vfioinspector.app.priv;

import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.app.report.BindDocument;
import org.vfioinspector.app.report.ResetDocument;

/**
 * How one privileged command went: whether it ran at all, its exit code, and its parsed report.
 *
 * @param exitCode the CLI's exit code (0 ok, 1 refused, 2 usage, 3 I/O or kernel error, 4 a function did not come back after a reset); -1 when it did not run
 * @param reset    the report of a {@code reset}
 * @param bind     the report of a {@code bind} or {@code restore}
 * @param message  what to tell the user when there is no report (why it did not run, or the CLI's error output)
 * @param command  the exact command line, for the user to read or run by hand
 */
public record RunResult(CliInvocation invocation, Status status, int exitCode, Optional<ResetDocument> reset,
                        Optional<BindDocument> bind, String message, String command) {

    /** Whether the command ran and answered. */
    public enum Status {
        /** It ran and its JSON report was read. */
        COMPLETED,
        /** Nothing was started: the user has to run {@link #command()} (no pkexec, or not the live host). */
        NOT_RUN,
        /** pkexec did not authorize it (dialog dismissed or not allowed): nothing ran. */
        NOT_AUTHORIZED,
        /** The process could not be started. */
        LAUNCH_FAILED,
        /** It ran but printed no report (a usage error, say): {@link #message()} holds its error output. */
        NO_REPORT
    }

    public RunResult {
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(bind, "bind");
        message = message == null ? "" : message;
        command = command == null ? "" : command;
    }

    public static RunResult notRun(CliInvocation inv, Status status, String message, String command) {
        return new RunResult(inv, status, -1, Optional.empty(), Optional.empty(), message, command);
    }

    /** One sentence for the user, whatever happened. */
    public String summary() {
        return reset.map(ResetDocument::summary).or(() -> bind.map(BindDocument::summary)).filter(s -> !s.isBlank())
                .orElse(message);
    }
}

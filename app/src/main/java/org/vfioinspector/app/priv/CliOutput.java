package org.vfioinspector.app.priv;

import java.io.IOException;
import java.util.Optional;

import org.vfioinspector.app.report.BindDocument;
import org.vfioinspector.app.report.CliDocument;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.report.ProgressLine;
import org.vfioinspector.app.report.ResetDocument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Reads what the CLI printed for a privileged command into a {@link RunResult}: its {@code --json} document
 * ({@link ResetDocument} or {@link BindDocument}), and its {@code --progress} lines ({@link ProgressLine}).
 * Pure and fail-soft: output that is not such a document becomes {@link RunResult.Status#NO_REPORT} with the
 * CLI's error text, never an exception. Addresses are accepted only through {@code PciAddress.parse}.
 */
public final class CliOutput {

    private CliOutput() {
    }

    public static RunResult parse(CliInvocation inv, int exitCode, String stdout, String stderr, String command) {
        String err = stderr == null ? "" : stderr.strip();
        if (stdout == null || stdout.isBlank() || !stdout.strip().startsWith("{")) {
            String why = err.isEmpty() ? "The command printed no report (exit code " + exitCode + ")." : err;
            return new RunResult(inv, RunResult.Status.NO_REPORT, exitCode, Optional.empty(), Optional.empty(), why,
                    command);
        }
        CliDocument d;
        try {
            d = reader(inv.verb() == CliInvocation.Verb.RESET ? ResetDocument.class : BindDocument.class)
                    .readValue(stdout);
        } catch (IOException | RuntimeException e) {
            return new RunResult(inv, RunResult.Status.NO_REPORT, exitCode, Optional.empty(), Optional.empty(),
                    "The command's report could not be read (" + reason(e) + ")." + (err.isEmpty() ? "" : " " + err),
                    command);
        }
        return of(inv, exitCode, d, err, command);
    }

    /** The document a command run in this process handed over, as it is. */
    public static RunResult of(CliInvocation inv, int exitCode, CliDocument d, String stderr, String command) {
        String err = stderr == null ? "" : stderr.strip();
        boolean reset = inv.verb() == CliInvocation.Verb.RESET;
        if (reset != d instanceof ResetDocument) {
            return new RunResult(inv, RunResult.Status.NO_REPORT, exitCode, Optional.empty(), Optional.empty(),
                    "The command answered with another kind of report." + (err.isEmpty() ? "" : " " + err), command);
        }
        return new RunResult(inv, RunResult.Status.COMPLETED, exitCode,
                d instanceof ResetDocument r ? Optional.of(r) : Optional.empty(),
                d instanceof BindDocument b ? Optional.of(b) : Optional.empty(), err, command);
    }

    /** One line of standard error; empty when it is not a progress line (it stays part of the error text). */
    public static Optional<ProgressLine> progress(String line) {
        if (line == null || !line.startsWith("{\"progress\":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader(ProgressLine.class).readValue(line));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Unknown fields are skipped (FAIL_ON_UNKNOWN_PROPERTIES off): pkexec runs the installed CLI, which may be
     * newer than this window and add fields; a missing or unknown outcome, or a malformed address, still fails.
     */
    private static ObjectReader reader(Class<?> type) {
        return Json.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Why a document was not read: a record's own complaint, or Jackson's without location and reference chain. */
    private static String reason(Exception e) {
        Throwable why = e instanceof ValueInstantiationException && e.getCause() != null ? e.getCause() : e;
        String m = why instanceof JsonProcessingException j ? j.getOriginalMessage() : why.getMessage();
        m = m == null ? why.getClass().getSimpleName() : m;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}

package org.vfioinspector.app.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Consumer;

import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.report.ProgressLine;
import org.vfioinspector.core.vfio.ResetProgress;
import org.vfioinspector.core.vfio.ResetReport;
import org.vfioinspector.core.vfio.Stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code reset --progress}: one line on standard error as each protocol call starts and ends, so a
 * person (or the GUI, which runs this command through pkexec) sees which ioctl is under way. With
 * {@code --json} the lines are single-line JSON objects, {@code {"progress":"starting"|"step"|"phase",
 * ...}}, with the same {@code step}, {@code label}, {@code target}, {@code outcome} and {@code detail}
 * fields as the report's {@code steps} ({@link ProgressLine}); standard output keeps only the final report.
 */
final class CliProgress implements ResetProgress {

    private final PrintStream err;
    private final boolean json;
    private final Optional<Consumer<ProgressLine>> handOver;

    CliProgress(PrintStream err, boolean json) {
        this(err, json, Optional.empty());
    }

    /** With {@code handOver}, the JSON lines go there as records instead of to {@code err} (the in-process runner). */
    CliProgress(PrintStream err, boolean json, Optional<Consumer<ProgressLine>> handOver) {
        this.err = err;
        this.json = json;
        this.handOver = handOver;
    }

    /** A phase outside the VFIO protocol (binding, restoring). */
    void phase(String text) {
        if (json) {
            line(ProgressLine.phase(text));
        } else {
            err.println("vfio-inspector: " + text);
        }
        err.flush();
    }

    @Override
    public void starting(Stage stage, String target) {
        if (json) {
            line(ProgressLine.starting(stage, target));
        } else {
            err.println("vfio-inspector: " + stage.label() + (target.isEmpty() ? "" : " " + target) + " …");
        }
        err.flush();
    }

    @Override
    public void finished(ResetReport.Step step) {
        if (json) {
            line(ProgressLine.finished(step));
        } else {
            err.println("vfio-inspector:   " + step.outcome().name().toLowerCase() + "  " + step.stage().label()
                    + (step.detail().isEmpty() ? "" : ": " + step.detail()));
        }
        err.flush();
    }

    private void line(ProgressLine l) {
        if (handOver.isPresent()) {
            handOver.get().accept(l);
            return;
        }
        try {
            err.println(Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(l));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}

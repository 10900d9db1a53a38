package org.vfioinspector.app.gui.wizard;

import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

import org.controlsfx.dialog.Wizard;
import org.vfioinspector.app.gui.wizard.ResetWizardModel.RunState;
import org.vfioinspector.app.report.BindDocument;
import org.vfioinspector.app.report.ResetDocument;
import org.vfioinspector.app.report.VerificationDocument;
import org.vfioinspector.app.priv.RunResult;

/**
 * Step 6: runs the reset with progress, then shows what the kernel said, the wizard's own re-read of
 * every function, and where each driver ended up. Only Close remains, and only once the run is over.
 */
final class ExecutePage extends StepPage {

    private VBox dynamic;

    ExecutePage(ResetWizardModel model) {
        super(model, 6, "Reset and verify", "execute-page", model.runStateProperty().isEqualTo(RunState.DONE));
        model.runStateProperty().addListener((o, was, now) -> refresh());
    }

    @Override
    protected void build(VBox content) {
        // steps done over the steps of a whole run (indeterminate until the first), gone afterwards
        ProgressBar bar = new ProgressBar(-1);
        bar.setId("execute-progress");
        bar.progressProperty().bind(model.stepFractionProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.visibleProperty().bind(model.runStateProperty().isNotEqualTo(RunState.DONE));
        bar.managedProperty().bind(bar.visibleProperty());
        Label progress = Views.text("", "muted");
        progress.textProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.progressProperty().isNotEmpty());
        progress.managedProperty().bind(progress.visibleProperty());
        // every ioctl as the command reports it; the result's "Protocol steps" replaces it at the end
        VBox live = Views.liveLines(model.liveStepsProperty(), "live-steps", "mono", "small");
        live.visibleProperty().bind(model.runStateProperty().isNotEqualTo(RunState.DONE));
        live.managedProperty().bind(live.visibleProperty());
        dynamic = new VBox(12);
        dynamic.setId("result");
        content.getChildren().addAll(bar, progress, live, dynamic);
        refresh();
    }

    @Override
    protected void entered(Wizard wizard) {
        // no way back and no cancel once the reset is under way
        getButtonTypes().removeIf(t -> t != ButtonType.FINISH);
        if (lookupButton(ButtonType.FINISH) instanceof Button close) {
            close.setText("Close");
            close.setId("finish-button");
        }
        javafx.application.Platform.runLater(() -> {
            if (getScene() != null && getScene().getWindow() != null) {
                getScene().getWindow().addEventFilter(javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST, e -> {
                    if (model.runStateProperty().get() == RunState.RUNNING) {
                        e.consume(); // closing now would hide a reset that is still running
                    }
                });
            }
        });
        model.execute();
    }

    private void refresh() {
        if (dynamic == null) {
            return;
        }
        dynamic.getChildren().clear();
        ExecutionReport r = model.resultProperty().get();
        if (model.runStateProperty().get() != RunState.DONE || r == null) {
            dynamic.getChildren().add(Views.text(model.runStateProperty().get() == RunState.DONE ? ""
                    : "Running; the window stays open until the drivers are back.", "muted"));
            return;
        }
        Label headline = Views.banner((model.mode() == WizardEnvironment.Mode.SIMULATION
                ? "Simulated on the demo's copy, nothing on this machine was reset. " : "") + r.headline(), r.success() ? "ok" : "error");
        headline.setId("result-headline");
        dynamic.getChildren().add(headline);
        r.reset().ifPresent(this::kernel);
        r.reset().flatMap(ResetDocument::verification).ifPresent(this::cameBack);
        if (r.run().status() == RunResult.Status.NOT_RUN) {
            dynamic.getChildren().add(Views.command(r.run().command()));
        }
        if (!r.checks().isEmpty()) {
            dynamic.getChildren().add(Views.section("The wizard's own re-read (config readable, ids unchanged, not ffff)"));
            dynamic.getChildren().add(Views.lines(r.checks().stream()
                    .map(c -> (c.ok() ? "✔ " : "✖ ") + c.describe()).toList(), "mono"));
        }
        r.reset().flatMap(ResetDocument::restore).filter(b -> !b.ok())
                .ifPresent(b -> dynamic.getChildren().add(Views.text("The command's own restore did not finish ("
                        + b.outcome().word() + "): " + b.summary(), "problem")));
        r.restore().ifPresent(x -> dynamic.getChildren().add(Views.text("So the wizard ran 'restore' itself: "
                + x.summary(), x.bind().map(BindDocument::ok).orElse(false) ? "muted" : "problem")));
        if (!r.drivers().isEmpty()) {
            dynamic.getChildren().add(Views.section("Drivers now"));
            dynamic.getChildren().add(Views.lines(r.drivers().stream()
                    .map(d -> (d.ok() ? "✔ " : "✖ ") + d.describe()).toList(), "mono"));
        }
        r.notes().forEach(n -> dynamic.getChildren().add(Views.text(n, "muted")));
        r.reset().filter(x -> !x.steps().isEmpty()).ifPresent(x -> {
            TitledPane steps = new TitledPane("Protocol steps (" + x.steps().size() + ")", Views.lines(x.steps().stream()
                    .map(s -> s.outcome().word() + "  " + s.label() + (s.target().isEmpty() ? "" : "  " + s.target())
                            + (s.detail().isEmpty() ? "" : "  " + s.detail())).toList(), "mono", "small"));
            steps.setExpanded(false);
            dynamic.getChildren().add(steps);
        });
    }

    /** The command's "Did it come back?": the run's verdict, each function's facts and changes, and what to do. */
    private void cameBack(VerificationDocument v) {
        List<String> lines = v.lines();
        String kind = switch (v.runVerdict()) {
            case CAME_BACK -> "ok";
            case CAME_BACK_DEGRADED, UNKNOWN -> "warning";
            case LOST -> "error";
        };
        Label head = Views.banner(lines.get(0), kind);
        head.setId("verification-verdict");
        VBox body = Views.lines(lines.subList(1, lines.size() - (v.advice().isPresent() ? 1 : 0)), "mono", "small");
        body.setId("verification");
        dynamic.getChildren().addAll(head, body);
        v.advice().ifPresent(a -> {
            Label advice = Views.text("What to do: " + a, "problem");
            advice.setId("verification-advice");
            dynamic.getChildren().add(advice);
        });
    }

    /** What the kernel said: its list, and the failing call with errno and sentence. */
    private void kernel(ResetDocument x) {
        dynamic.getChildren().add(Views.section("What the kernel said"));
        List<String> lines = x.kernelLines().isEmpty() ? List.of("(no list: " + (x.outcome() == ResetDocument.Outcome.RESET
                ? "function reset" : "the run stopped before the kernel answered") + ")") : x.kernelLines();
        dynamic.getChildren().add(Views.lines(lines, "mono"));
        x.error().ifPresent(e -> dynamic.getChildren().add(Views.text(e.operation() + " on " + e.target() + " failed: errno "
                + (e.errno().isPresent() ? e.errno().getAsInt() : "?") + " (" + e.errnoName() + "). " + e.sentence(),
                "problem")));
        x.refusals().forEach(f -> dynamic.getChildren().add(Views.text("✖ " + f.message(), "blocker")));
    }
}

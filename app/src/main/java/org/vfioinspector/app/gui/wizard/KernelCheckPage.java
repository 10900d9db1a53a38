package org.vfioinspector.app.gui.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.controlsfx.dialog.Wizard;
import org.vfioinspector.app.gui.wizard.ResetWizardModel.CheckState;
import org.vfioinspector.app.report.ResetDocument;
import org.vfioinspector.app.priv.RunResult;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * Step 4: the dry run through the privileged runner, the kernel's list beside the prediction. Any
 * difference stops the wizard: Next and Previous go away, both lists stay on screen.
 */
final class KernelCheckPage extends StepPage {

    private VBox dynamic;

    KernelCheckPage(ResetWizardModel model) {
        super(model, 4, "Kernel check (dry run)", "check-page", model.checkReadyProperty());
        model.checkStateProperty().addListener((o, was, now) -> refresh());
    }

    /**
     * What the check really does to the device: it never calls the reset, but vfio-pci resets a function it opens
     * and releases when the function has a reset method (vfio_pci_core_enable/disable), as for any VFIO user.
     */
    static final String NOT_RESET_FREE = "The check does not call the reset, but it is not free of resets: opening a "
            + "device through vfio-pci, and releasing it afterwards, makes the kernel reset it when it has a reset "
            + "method, as for any VFIO user. Run the check only when these functions may be reset.";

    @Override
    protected void build(VBox content) {
        boolean hot = model.method() == ResetKind.HOT_RESET;
        content.getChildren().add(Views.text("The tool now runs every step except the reset call: "
                + (model.toBindProperty().isEmpty() || !model.letToolBindProperty().get() ? ""
                        : "it binds the functions to vfio-pci, ")
                + "opens the IOMMU groups and " + (hot ? "asks the kernel which functions a hot reset would reach "
                        + "(VFIO_DEVICE_GET_PCI_HOT_RESET_INFO)" : "checks that the kernel offers VFIO_DEVICE_RESET")
                + (model.toBindProperty().isEmpty() || !model.letToolBindProperty().get() ? "."
                        : ", then puts the original drivers back.")));
        Label path = Views.text(model.pathLine(), "muted");
        path.setId("check-path");
        content.getChildren().add(path);
        content.getChildren().add(Views.banner(NOT_RESET_FREE, "warning"));
        content.getChildren().add(Views.command(model.checkCommand()));
        Button again = new Button("Run the check again");
        again.setId("run-check");
        again.disableProperty().bind(model.checkStateProperty().isEqualTo(CheckState.RUNNING)
                .or(model.stoppedProperty()));
        again.setOnAction(e -> model.runKernelCheck());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(model.checkStateProperty().isEqualTo(CheckState.RUNNING));
        Label progress = Views.text("", "muted");
        progress.textProperty().bind(model.progressProperty());
        HBox bar = new HBox(10, again, spinner, progress);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(progress, Priority.ALWAYS);
        VBox live = Views.liveLines(model.liveStepsProperty(), "check-steps", "mono", "small");
        live.visibleProperty().bind(model.checkStateProperty().isEqualTo(CheckState.RUNNING));
        live.managedProperty().bind(live.visibleProperty());
        dynamic = new VBox(12);
        content.getChildren().addAll(bar, live, dynamic);
        refresh();
    }

    @Override
    protected void entered(Wizard wizard) {
        for (ButtonType t : getButtonTypes()) {
            if (t.getButtonData() == ButtonBar.ButtonData.BACK_PREVIOUS) {
                Node b = lookupButton(t);
                b.visibleProperty().bind(model.stoppedProperty().not());
                b.managedProperty().bind(b.visibleProperty());
            } else if (t.getButtonData() == ButtonBar.ButtonData.CANCEL_CLOSE && lookupButton(t) instanceof Button c) {
                c.textProperty().bind(javafx.beans.binding.Bindings.when(model.stoppedProperty()).then("Close")
                        .otherwise(t.getText()));
            }
        }
        if (model.checkStateProperty().get() == CheckState.NOT_RUN) {
            // after the page is on screen, so the user sees the check start (pkexec may ask for a password)
            Platform.runLater(model::runKernelCheck);
        }
    }

    private void refresh() {
        if (dynamic == null) {
            return;
        }
        dynamic.getChildren().clear();
        CheckState state = model.checkStateProperty().get();
        ExecutionReport report = model.checkReportProperty().get();
        if (state == CheckState.NOT_RUN || state == CheckState.RUNNING || report == null) {
            dynamic.getChildren().add(Views.text(state == CheckState.RUNNING ? "Waiting for the check…"
                    : "The check has not run yet.", "muted"));
            return;
        }
        dynamic.getChildren().add(verdict(state, report));
        if (report.run().status() == RunResult.Status.NOT_RUN) {
            // no way to get root from here: the whole job, as commands to run by hand
            dynamic.getChildren().addAll(Views.text("1. The check (no reset call, but vfio-pci may reset the device "
                    + "when it opens and releases it):", "muted"),
                    Views.command(report.run().command()),
                    Views.text("2. If it passes and lists exactly " + model.affectedAddresses() + ", the reset:", "muted"),
                    Views.command(model.executeCommand()));
            return;
        }
        dynamic.getChildren().add(lists(report));
        if (!model.differencesProperty().isEmpty()) {
            dynamic.getChildren().add(Views.section("Differences"));
            dynamic.getChildren().add(Views.lines(model.differencesProperty().stream().map(d -> "✖ " + d).toList(),
                    "blocker"));
        }
        report.reset().flatMap(ResetDocument::error).ifPresent(e -> dynamic.getChildren().add(Views.text(
                e.operation() + " failed with " + e.errnoName() + ": " + e.sentence(), "problem")));
        report.reset().ifPresent(r -> r.refusals().stream().filter(f -> !f.message().equals(r.summary()))
                .forEach(f -> dynamic.getChildren().add(Views.text("✖ " + f.message(), "blocker"))));
        if (!report.drivers().isEmpty()) {
            dynamic.getChildren().add(Views.section("Drivers after the check"));
            dynamic.getChildren().add(Views.lines(report.drivers().stream()
                    .map(d -> (d.ok() ? "✔ " : "✖ ") + d.describe()).toList()));
        }
        report.notes().forEach(n -> dynamic.getChildren().add(Views.text(n, "muted")));
    }

    private Label verdict(CheckState state, ExecutionReport report) {
        Label l = switch (state) {
            case PASSED -> Views.banner(model.method() == ResetKind.HOT_RESET
                    ? "The kernel's list matches the prediction exactly. Next: confirm."
                    : "The kernel offers VFIO_DEVICE_RESET for " + model.target() + ". Next: confirm.", "ok");
            case DIFFERS -> Views.banner("Stopped: the kernel would reset a different set than predicted, so what you "
                    + "confirmed is not what would happen. The reset was not called and the wizard goes no further. "
                    + "Compare the two lists below, then close the wizard.", "error");
            default -> report.run().status() == RunResult.Status.NOT_RUN
                    ? Views.banner("Nothing ran: " + report.run().message() + " Run these as root yourself:", "warning")
                    : Views.banner("The check did not pass: " + report.run().summary(), "error");
        };
        l.setId("check-verdict");
        return l;
    }

    private HBox lists(ExecutionReport report) {
        List<PciAddress> kernel = report.reset().map(ResetDocument::kernelAddresses).orElse(List.of());
        List<String> kernelLines = new ArrayList<>(report.reset().map(ResetDocument::kernelLines).orElse(List.of()));
        Optional<ResetDocument> r = report.reset();
        if (model.method() == ResetKind.FUNCTION_RESET) {
            kernelLines.add("A function reset asks for no list: VFIO_DEVICE_RESET reaches only " + model.target() + ".");
        } else if (kernelLines.isEmpty()) {
            kernelLines.add(r.isPresent() ? "(the run stopped before the kernel answered)" : "(no answer)");
        }
        List<String> predicted = model.affectedAddresses().stream()
                .map(a -> (kernel.isEmpty() || kernel.contains(a) ? "" : "✖ ") + a).toList();
        VBox left = Views.column(Views.section("Predicted from sysfs"), Views.lines(predicted, "mono"));
        left.setId("predicted-list");
        VBox right = Views.column(Views.section("The kernel's list"), Views.lines(kernelLines.stream()
                .map(l -> (unexpected(l) ? "✖ " : "") + l).toList(), "mono"));
        right.setId("kernel-list");
        HBox both = new HBox(24, left, right);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setMaxWidth(Double.MAX_VALUE);
        right.setMaxWidth(Double.MAX_VALUE);
        both.getStyleClass().add("side-by-side");
        return both;
    }

    /** A kernel line ({@code 0000:03:00.0 group 7}) naming a function the prediction does not have. */
    private boolean unexpected(String kernelLine) {
        PciAddress a = PciAddress.tryParse(kernelLine.split(" ", 2)[0]);
        return a != null && !model.affectedAddresses().contains(a);
    }
}

package org.vfioinspector.app.gui.wizard;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.vfioinspector.app.report.KindVerdict;
import org.vfioinspector.core.reset.ResetMethodInfo;
import org.vfioinspector.core.text.Counted;
import org.vfioinspector.core.vfio.ResetKind;

/** Step 1: the target, its reset methods explained, and the choice of method with a recommendation. */
final class TargetPage extends StepPage {

    TargetPage(ResetWizardModel model) {
        super(model, 1, "Target and reset method", "target-page", model.targetReadyProperty());
    }

    @Override
    protected void build(VBox content) {
        var d = model.device();
        Label title = Views.text(model.target() + "  " + model.targetName(), "target-title");
        Label facts = Views.text("Driver " + d.driver().orElse("none") + " · IOMMU group "
                + (d.iommuGroup().isPresent() ? d.iommuGroup().getAsInt() : "none") + " · reset_method: "
                + d.resetMethods().map(l -> l.isEmpty() ? "disabled" : String.join(" ", l)).orElse("absent"), "muted");
        content.getChildren().addAll(title, facts);
        if (!model.pendingProperty().isEmpty()) {
            content.getChildren().add(pendingBox());
        }
        content.getChildren().add(Views.section("Reset methods the kernel offers for this function"));
        List<ResetMethodInfo> methods = model.resetMethods();
        if (methods.isEmpty()) {
            content.getChildren().add(Views.text(d.resetDisabled()
                    ? "Resets are disabled: an administrator emptied reset_method."
                    : "None: the kernel found no function-level reset for this function.", "muted"));
        }
        for (ResetMethodInfo m : methods) {
            content.getChildren().add(Views.text("• " + m.method() + " — " + m.explanation()));
        }
        content.getChildren().add(Views.section("How should the tool reset it?"));
        ToggleGroup group = new ToggleGroup();
        for (MethodOption o : model.methods()) {
            boolean rec = model.recommended().filter(o.kind()::equals).isPresent();
            RadioButton rb = new RadioButton(o.title() + (rec ? "  (recommended)" : ""));
            rb.setId(o.kind() == ResetKind.HOT_RESET ? "method-hot" : "method-flr");
            rb.setMnemonicParsing(false); // "VFIO_DEVICE_RESET": an underscore is not a mnemonic here
            rb.setToggleGroup(group);
            rb.setDisable(!o.available());
            rb.setSelected(o.kind() == model.method());
            rb.selectedProperty().addListener((obs, was, now) -> {
                if (now) {
                    model.methodProperty().set(o.kind());
                }
            });
            Label detail = Views.text(o.detail(), "option-detail");
            // the same verdict as the blast panel's badge for this kind: the block shows here, not only on page 2
            KindVerdict v = model.verdict(o.kind());
            Label verdict = Views.text("Verdict: " + v.label(), "option-verdict", switch (v.state()) {
                case BLOCKED -> "blocker";
                case READY -> "option-ready";
                default -> "muted";
            });
            verdict.setId(o.kind() == ResetKind.HOT_RESET ? "verdict-hot" : "verdict-flr");
            content.getChildren().addAll(rb, detail, verdict);
            v.blockers().stream().limit(2).forEach(b -> content.getChildren().add(Views.text("✖ " + b.message(),
                    "blocker", "option-detail")));
        }
        Optional<ResetKind> least = model.leastInvasive();
        String banner;
        if (model.recommended().isPresent()) {
            banner = (model.recommended().get() == ResetKind.FUNCTION_RESET ? "" : "Recommended: hot reset. ")
                    + model.recommendationReason(); // the recommendation already says which function reset
        } else if (least.isPresent()) {
            KindVerdict v = model.verdict(least.get());
            banner = "Nothing is recommended: " + v.name() + ", the least invasive reset the kernel offers, is blocked ("
                    + v.blockers().get(0).message() + ")";
        } else {
            banner = "No VFIO reset is possible for this function. " + model.recommendationReason();
        }
        content.getChildren().add(Views.banner(banner, model.recommended().isPresent() ? "info" : "error"));
        content.getChildren().add(Views.text(model.automaticResetNote(), "muted", "small"));
    }

    /** Offers to put back the drivers an earlier run left on vfio-pci. */
    private VBox pendingBox() {
        String list = model.pendingProperty().stream()
                .map(e -> e.address() + " (was " + e.driver().orElse("no driver") + ")").collect(Collectors.joining(", "));
        Label what = Views.banner("An earlier run left " + Counted.of(model.pendingProperty().size(), "function")
                + " on vfio-pci and never put " + (model.pendingProperty().size() == 1 ? "it" : "them") + " back: " + list + ".", "warning");
        Button restore = new Button("Restore the original drivers now");
        restore.setId("restore-pending");
        restore.disableProperty().bind(model.restoringPendingProperty().or(model.pendingProperty().emptyProperty()));
        restore.setOnAction(e -> model.restorePending());
        Label message = Views.text("", "muted");
        message.textProperty().bind(model.pendingMessageProperty());
        message.visibleProperty().bind(model.pendingMessageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        return Views.column(what, new HBox(10, restore), message);
    }
}

package org.vfioinspector.app.gui.wizard;

import java.util.ArrayList;
import java.util.List;

import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

import org.controlsfx.dialog.Wizard;
import org.controlsfx.validation.Validator;
import org.vfioinspector.core.text.Counted;

/**
 * Step 5: exactly what Finish will do, the expected downtime and how it was estimated, and a field where
 * the user types the target address; only that enables Finish. Finish does not close the wizard: it moves
 * on to the execution page, from which there is no way back.
 */
final class ConfirmPage extends StepPage {

    private final Runnable onFinish;
    private Node finishWithFilter;

    ConfirmPage(ResetWizardModel model, Runnable onFinish) {
        super(model, 5, "Final confirmation", "confirm-page", model.confirmReadyProperty());
        this.onFinish = onFinish;
    }

    @Override
    protected void build(VBox content) {
        content.getChildren().add(Views.section("Finish will"));
        List<String> plan = new ArrayList<>();
        int n = 1;
        for (String s : model.finishPlan()) {
            plan.add(n++ + ". " + s);
        }
        content.getChildren().add(Views.lines(plan));
        DowntimeEstimate d = model.downtime();
        content.getChildren().addAll(Views.section("Expected downtime"),
                Views.text("The affected functions are out of service for " + d.sentence() + ".", "downtime"),
                Views.text("How this is estimated: " + d.method(), "muted", "small"));
        int warnings = model.acknowledgementsProperty().size();
        if (warnings > 0) {
            content.getChildren().add(Views.text("You accepted " + Counted.of(warnings, "warning") + " in step 2.", "muted"));
        }
        content.getChildren().addAll(Views.section("Command"), Views.command(model.executeCommand()));
        content.getChildren().add(Views.section("Type " + model.target() + " to enable Finish"));
        TextField typed = new TextField();
        typed.setId("typed-address");
        typed.setPromptText(model.target().toString());
        typed.setMaxWidth(260);
        typed.getStyleClass().add("mono");
        typed.textProperty().bindBidirectional(model.typedAddressProperty());
        validation.registerValidator(typed, true, Validator.<String>createPredicateValidator(model::matchesTarget,
                "Type " + model.target() + " exactly"));
        content.getChildren().add(typed);
    }

    @Override
    protected void entered(Wizard wizard) {
        Node finish = lookupButton(ButtonType.FINISH);
        if (finish != null && finish != finishWithFilter) {
            finish.addEventFilter(ActionEvent.ACTION, e -> {
                // keep the dialog open: the reset runs on the next page, with progress and the result
                e.consume();
                if (model.confirmReadyProperty().get()) {
                    onFinish.run();
                }
            });
            finishWithFilter = finish;
        }
    }
}

package org.vfioinspector.app.gui.wizard;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import org.controlsfx.validation.Validator;
import org.vfioinspector.core.reset.Finding;

/**
 * Step 2: every function the chosen reset reaches, with drivers, groups and what uses it; blockers
 * (Next stays disabled, each says what to do) and warnings (each needs a tick).
 */
final class BlastPage extends StepPage {

    BlastPage(ResetWizardModel model) {
        super(model, 2, "Blast radius", "blast-page", model.blastReadyProperty());
    }

    @Override
    protected void build(VBox content) {
        List<AffectedRow> rows = model.affectedProperty();
        // the chosen kind's one verdict, as on page 1 and in the blast panel's badge
        // bold like page 1's verdicts, but not indented under a choice: there is none on this page
        Label verdict = Views.text("Verdict: " + model.verdict(model.method()).label(), "option-verdict", "verdict-flush");
        verdict.setId("verdict-chosen");
        content.getChildren().add(verdict);
        content.getChildren().add(Views.text(model.scopeSentence()));
        content.getChildren().add(Views.section("The reset reaches " + functions(rows.size())));
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("Function", "Device", "Driver", "Group", "In use"));
        for (AffectedRow r : rows) {
            table.add(List.of(r.address().toString(), r.name(),
                    r.driver() + (r.needsBinding() ? " → vfio-pci (step 3)" : ""), r.group(),
                    r.inUse().isEmpty() ? "nothing seen" : r.inUse()));
        }
        content.getChildren().add(Views.table(table, 110, 230, 150, 45, 0));
        List<Finding> blockers = model.blockersProperty();
        if (!blockers.isEmpty()) {
            content.getChildren().add(Views.banner("Blocked: this reset must not run. Next stays disabled until "
                    + (blockers.size() == 1 ? "this is" : "these are") + " resolved; then start the wizard again.", "error"));
            VBox list = new VBox(6);
            list.setId("blockers");
            for (Finding b : blockers) {
                list.getChildren().add(Views.text("✖ " + b.message(), "blocker"));
            }
            content.getChildren().add(list);
        }
        List<Acknowledgement> acks = model.acknowledgementsProperty();
        if (!acks.isEmpty()) {
            content.getChildren().add(Views.section("Warnings: tick each one to accept it"));
            int i = 0;
            for (Acknowledgement a : acks) {
                CheckBox cb = new CheckBox(a.warning().message());
                cb.setId("ack-" + i++);
                cb.setWrapText(true);
                cb.setMnemonicParsing(false);
                cb.setMaxWidth(Double.MAX_VALUE);
                cb.getStyleClass().add("warning-check");
                cb.selectedProperty().bindBidirectional(a.tickedProperty());
                validation.registerValidator(cb, false, Validator.<Boolean>createPredicateValidator(
                        Boolean.TRUE::equals, "Tick to accept this warning"));
                content.getChildren().add(cb);
            }
        }
        List<Finding> unknowns = model.unknowns();
        if (!unknowns.isEmpty()) {
            // never green: what this view cannot see is checked again by the privileged run and the kernel
            content.getChildren().add(Views.banner("Unknown from here: the privileged run checks these again with "
                    + "the kernel's own answers, and stops if they forbid the reset.", "warning"));
            VBox list = new VBox(6);
            list.setId("unknowns");
            for (Finding u : unknowns) {
                list.getChildren().add(Views.text("? " + u.message(), "muted"));
            }
            content.getChildren().add(list);
        }
        if (blockers.isEmpty() && acks.isEmpty() && unknowns.isEmpty()) {
            content.getChildren().add(Views.banner("No blockers, warnings or unknowns for this reset"
                    + (model.toBindProperty().isEmpty() ? "." : "; step 3 moves " + functions(model.toBindProperty().size())
                    + " to vfio-pci first."), "ok"));
        }
    }

    /** {@code 1 function}, {@code 2 functions}. */
    static String functions(int n) {
        return n + (n == 1 ? " function" : " functions");
    }
}

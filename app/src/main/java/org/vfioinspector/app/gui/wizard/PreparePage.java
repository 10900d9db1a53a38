package org.vfioinspector.app.gui.wizard;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import org.controlsfx.validation.Validator;

/**
 * Step 3: which functions must move to vfio-pci first (listed exactly), whether the tool may bind
 * them, and whether to put the original drivers back afterwards (default yes).
 */
final class PreparePage extends StepPage {

    PreparePage(ResetWizardModel model) {
        super(model, 3, "Preparation", "prepare-page", model.prepareReadyProperty());
    }

    @Override
    protected void build(VBox content) {
        List<AffectedRow> rows = model.toBindProperty();
        if (rows.isEmpty()) {
            content.getChildren().add(Views.banner("All " + model.affectedProperty().size()
                    + " affected function(s) are already on vfio-pci: nothing to bind.", "ok"));
        } else {
            content.getChildren().add(Views.text("The kernel resets only a set whose functions are all bound to "
                    + "vfio-pci. These " + rows.size() + " function(s) are not, and would be moved:"));
            List<List<String>> table = new ArrayList<>();
            table.add(List.of("Function", "Device", "Now", "Then"));
            for (AffectedRow r : rows) {
                table.add(List.of(r.address().toString(), r.name(), r.driver(), "vfio-pci"));
            }
            content.getChildren().add(Views.table(table, 110, 0, 110, 80));
            CheckBox bind = new CheckBox("Let the tool bind exactly these " + rows.size()
                    + " function(s) to vfio-pci, journaled in " + model.journalFile());
            bind.setId("let-bind");
            bind.setWrapText(true);
            bind.setMnemonicParsing(false);
            bind.selectedProperty().bindBidirectional(model.letToolBindProperty());
            validation.registerValidator(bind, true, Validator.<Boolean>createPredicateValidator(Boolean.TRUE::equals,
                    "The reset needs these functions on vfio-pci"));
            CheckBox restore = new CheckBox("Put the original drivers back afterwards (recommended)");
            restore.setId("restore-after");
            restore.setMnemonicParsing(false);
            restore.selectedProperty().bindBidirectional(model.restoreAfterwardsProperty());
            content.getChildren().addAll(bind, restore, Views.text("Untick the second box to leave them on vfio-pci "
                    + "after the reset, e.g. to hand them to a VM; 'vfio-inspector restore' puts them back later. "
                    + "If anything fails, the tool puts the original drivers back either way.", "muted"),
                    Views.text("To bind them yourself instead:", "muted"), Views.command(model.bindCommand()));
            Label problem = Views.text("", "problem");
            problem.setId("prepare-problem");
            problem.textProperty().bind(model.prepareProblemProperty());
            problem.visibleProperty().bind(model.prepareProblemProperty().isNotEmpty());
            problem.managedProperty().bind(problem.visibleProperty());
            content.getChildren().add(problem);
        }
        content.getChildren().addAll(Views.section("Root"), Views.text("Viewing needs no privilege. The next steps "
                + "bind, check and reset as root: they run " + model.privilegeDescription() + "."));
    }
}

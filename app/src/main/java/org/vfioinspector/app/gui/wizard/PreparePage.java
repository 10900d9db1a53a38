package org.vfioinspector.app.gui.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import org.controlsfx.validation.Validator;
import org.vfioinspector.core.reset.Finding;

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
            content.getChildren().add(Views.banner(model.affectedProperty().size() == 1
                    ? "The one affected function is already on vfio-pci: nothing to bind."
                    : "All " + model.affectedProperty().size() + " affected functions are already on vfio-pci: nothing to bind.",
                    "ok"));
        } else {
            content.getChildren().add(Views.text("The kernel resets only a set whose functions are all bound to "
                    + "vfio-pci. " + (rows.size() == 1 ? "This function is not, and would be moved:"
                    : "These " + rows.size() + " functions are not, and would be moved:")));
            List<List<String>> table = new ArrayList<>();
            table.add(List.of("Function", "Device", "Now", "Then"));
            for (AffectedRow r : rows) {
                table.add(List.of(r.address().toString(), r.name(), r.driver(), "vfio-pci"));
            }
            content.getChildren().add(Views.table(table, 110, 0, 110, 80));
            CheckBox bind = new CheckBox("Let the tool bind exactly " + (rows.size() == 1 ? "this function"
                    : "these " + rows.size() + " functions") + " to vfio-pci, journaled in " + model.journalFile());
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
                    + "If anything fails, the tool puts the original drivers back either way.", "muted"));
            if (!model.hostRisksProperty().isEmpty()) {
                hostImpact(content);
            } else {
                content.getChildren().addAll(Views.text("To bind them yourself instead:", "muted"),
                        Views.command(model.bindCommand()));
            }
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

    /**
     * Binding takes a function from its driver at once: its disks and interfaces vanish from the host. When
     * the host is seen to use them (or cannot be seen), each risk is listed and the bind runs only after the
     * user ticks a box that names them; only then does the tool pass --force-host-impact.
     */
    private void hostImpact(VBox content) {
        content.getChildren().add(Views.banner("Binding these functions takes from this host what it is using:",
                "problem"));
        for (Finding f : model.hostRisksProperty()) {
            content.getChildren().add(Views.text(f.code() + ": " + f.message(), "problem"));
        }
        String named = model.hostRisksProperty().stream()
                .map(f -> f.code() + " on " + f.device().map(Object::toString).orElse("?")).distinct()
                .collect(Collectors.joining(", "));
        CheckBox accept = new CheckBox("I accept that binding detaches these from the host: " + named);
        accept.setId("accept-host-impact");
        accept.setWrapText(true);
        accept.setMnemonicParsing(false);
        accept.selectedProperty().bindBidirectional(model.acceptHostImpactProperty());
        validation.registerValidator(accept, true, Validator.<Boolean>createPredicateValidator(Boolean.TRUE::equals,
                "Binding detaches what the host uses: accept it explicitly, or stop here"));
        content.getChildren().add(accept);
    }
}

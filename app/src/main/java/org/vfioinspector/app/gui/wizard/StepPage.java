package org.vfioinspector.app.gui.wizard;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.layout.VBox;

import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;
import org.controlsfx.validation.ValidationSupport;

/**
 * One wizard step. Its content is rebuilt each time the page is entered (an earlier choice may have
 * changed what it shows), with a fresh {@link ValidationSupport} for its input controls. The wizard's
 * Next/Finish is disabled while that support is invalid or the model's gate for this step is closed.
 */
abstract class StepPage extends WizardPane {

    static final String CSS = StepPage.class.getResource("wizard.css").toExternalForm();
    static final int STEPS = 6;

    protected final ResetWizardModel model;
    private final ObservableBooleanValue ready;
    protected ValidationSupport validation = new ValidationSupport();

    StepPage(ResetWizardModel model, int number, String title, String id, ObservableBooleanValue ready) {
        this.model = model;
        this.ready = ready;
        setHeaderText((model.mode() == WizardEnvironment.Mode.SIMULATION ? "SIMULATION · "
                : model.mode() == WizardEnvironment.Mode.ELSEWHERE ? "ANOTHER MACHINE, NOTHING RUNS HERE · " : "")
                + "Step " + number + " of " + STEPS + " · " + title);
        getStylesheets().add(CSS);
        getStyleClass().add("reset-wizard-page");
        setId(id);
        setPrefSize(880, 660);
    }

    @Override
    public void onEnteringPage(Wizard wizard) {
        validation = new ValidationSupport();
        VBox content = new VBox(12);
        build(content);
        where().ifPresent(l -> content.getChildren().add(0, l));
        setContent(Views.body(content));
        wizard.invalidProperty().unbind();
        wizard.invalidProperty().bind(validation.invalidProperty().or(Bindings.not(ready)));
        Views.tagButtons(this);
        entered(wizard);
    }

    /**
     * On every page of the demo's simulation, and of a snapshot's or directory's wizard: what a run from this
     * window does (nothing on this machine, in both cases).
     */
    private java.util.Optional<javafx.scene.control.Label> where() {
        javafx.scene.control.Label l;
        if (model.mode() == WizardEnvironment.Mode.SIMULATION) {
            l = Views.banner("Simulation — nothing on this machine is touched. The demo's commands run against a "
                    + "simulated kernel on the demo's own copy of its host.", "simulation");
            l.setId("simulation-label");
        } else if (!model.cannotRunHere().isEmpty()) {
            l = Views.banner(model.cannotRunHere(), "elsewhere");
            l.setId("elsewhere-label");
        } else {
            return java.util.Optional.empty();
        }
        l.setMaxWidth(Double.MAX_VALUE);
        return java.util.Optional.of(l);
    }

    /** Fills the page body; register input validators on {@link #validation}. */
    protected abstract void build(VBox content);

    /** After the page is shown: start work, adjust buttons. */
    protected void entered(Wizard wizard) {
    }
}

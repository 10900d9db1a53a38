package org.vfioinspector.app.gui.wizard;

import java.util.List;
import java.util.Optional;

import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;

/**
 * The guided hot reset: a ControlsFX {@link Wizard} with one page per step over a
 * {@link ResetWizardModel}. Steps 1–5 form one flow whose last page has Finish; Finish swaps in a
 * second flow holding only the execution page, so there is no way back once the reset starts.
 *
 * <p>The main window opens it through {@link WizardFlows}, which reads the host first.
 */
public final class ResetWizard {

    private final ResetWizardModel model;
    private final Wizard wizard;
    private final List<StepPage> pages;

    /** Builds the wizard over a model (tests pass one made with a recording runner). */
    public ResetWizard(Window owner, ResetWizardModel model) {
        this.model = model;
        this.wizard = new Wizard(owner, "Reset " + model.target() + " · VFIO Inspector");
        ExecutePage execute = new ExecutePage(model);
        StepPage[] steps = {new TargetPage(model), new BlastPage(model), new PreparePage(model),
                new KernelCheckPage(model), new ConfirmPage(model, () -> wizard.setFlow(new PageFlow(execute)))};
        this.pages = List.of(steps[0], steps[1], steps[2], steps[3], steps[4], execute);
        wizard.setReadSettings(false); // state lives in the typed model, not the reflective settings map
        wizard.setFlow(new PageFlow(steps));
    }

    public Optional<ButtonType> showAndWait() {
        return wizard.showAndWait();
    }

    public Wizard wizard() {
        return wizard;
    }

    public ResetWizardModel model() {
        return model;
    }

    /** The pages in step order (the last is the execution page). */
    public List<? extends WizardPane> pages() {
        return pages;
    }

    /** A linear flow over some pages; the last one shows Finish. */
    private static final class PageFlow implements Wizard.Flow {
        private final List<WizardPane> order;

        PageFlow(WizardPane... pages) {
            this.order = List.of(pages);
        }

        @Override
        public Optional<WizardPane> advance(WizardPane current) {
            int i = current == null ? -1 : order.indexOf(current);
            return i + 1 < order.size() ? Optional.of(order.get(i + 1)) : Optional.empty();
        }

        @Override
        public boolean canAdvance(WizardPane current) {
            int i = current == null ? -1 : order.indexOf(current);
            return i + 1 < order.size();
        }
    }
}

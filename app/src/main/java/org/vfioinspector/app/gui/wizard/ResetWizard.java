package org.vfioinspector.app.gui.wizard;

import java.util.List;
import java.util.Optional;

import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.model.PciAddress;

/**
 * The guided hot reset: a ControlsFX {@link Wizard} with one page per step over a
 * {@link ResetWizardModel}. Steps 1–5 form one flow whose last page has Finish; Finish swaps in a
 * second flow holding only the execution page, so there is no way back once the reset starts.
 *
 * <p>The main window calls {@link #open(Window, Session, PciAddress)}; on startup it may call
 * {@link #pendingRestore(Session)} to offer putting back drivers a crashed run left on vfio-pci.
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

    /**
     * Opens the wizard for {@code target}: reads the host in the background (a fresh scan, the host state
     * and the bind journal), then shows the wizard, which blocks until it is closed.
     */
    public static void open(Window owner, Session session, PciAddress target) {
        WizardEnvironment env = WizardEnvironment.forHost(session.root());
        Task<ResetWizardModel> load = new Task<>() {
            @Override
            protected ResetWizardModel call() {
                return new ResetWizardModel(HostView.read(session, env.journalDir()), target, env);
            }
        };
        load.setOnSucceeded(e -> new ResetWizard(owner, load.getValue()).showAndWait());
        load.setOnFailed(e -> {
            Alert a = new Alert(Alert.AlertType.ERROR, "Cannot open the reset wizard for " + target + ": "
                    + load.getException().getMessage(), ButtonType.CLOSE);
            a.initOwner(owner);
            a.showAndWait();
        });
        Thread t = new Thread(load, "reset-wizard-load");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Functions an earlier run left on vfio-pci without putting them back (a crash, a killed process),
     * from root's bind journal. Reads one small file; the result's {@link PendingRestore#offer(Window)}
     * asks the user and restores through the privileged runner.
     */
    public static Optional<PendingRestore> pendingRestore(Session session) {
        return PendingRestore.find(session.root(), WizardEnvironment.forHost(session.root()));
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

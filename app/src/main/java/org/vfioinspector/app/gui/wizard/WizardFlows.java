package org.vfioinspector.app.gui.wizard;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import javafx.stage.Window;

import org.vfioinspector.app.gui.Background;
import org.vfioinspector.app.gui.Dialogs;
import org.vfioinspector.app.gui.PrivilegedFlows;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.model.PciAddress;

/**
 * The main window's way into the reset wizard and the pending restore. Opening the wizard reads the host
 * in the background (a fresh scan, the host state and the bind journal), then shows the wizard; a failure
 * is told through the {@link Dialogs}, as is the offer to restore.
 */
public final class WizardFlows implements PrivilegedFlows {

    private final Background background;
    private final Dialogs dialogs;
    private final Function<LoadedHost, WizardEnvironment> environment;
    private final Predicate<LoadedHost> journalApplies;
    private final Consumer<ResetWizardModel> show;

    /**
     * @param environment    the wizard's environment for a host
     * @param journalApplies whether the environment's bind journal is about this host
     * @param show           shows the wizard over a model read for it (on the UI thread)
     */
    public WizardFlows(Background background, Dialogs dialogs, Function<LoadedHost, WizardEnvironment> environment,
                       Predicate<LoadedHost> journalApplies, Consumer<ResetWizardModel> show) {
        this.background = Objects.requireNonNull(background, "background");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.journalApplies = Objects.requireNonNull(journalApplies, "journalApplies");
        this.show = Objects.requireNonNull(show, "show");
    }

    /**
     * The application's: the privileged runner for the host, and root's bind journal, read for the live host
     * only (a snapshot's or the demo's journal is not this machine's); the demo's wizard runs as a simulation
     * on the demo's own tree; the wizard is modal over {@code owner}.
     */
    public static WizardFlows forWindow(Window owner, Background background, Dialogs dialogs) {
        return new WizardFlows(background, dialogs, h -> WizardEnvironment.forHost(h.source().kind(), h.session().root()),
                h -> h.source().equals(HostSource.LIVE), m -> new ResetWizard(owner, m).showAndWait());
    }

    @Override
    public void openReset(LoadedHost host, PciAddress target) {
        WizardEnvironment env;
        try {
            env = environment.apply(host);
        } catch (RuntimeException e) { // e.g. the demo's simulation could not prepare its tree: a sentence, no trace
            dialogs.show(Dialogs.Kind.ERROR, null, "Cannot open the reset wizard for " + target + ": " + e.getMessage());
            return;
        }
        background.run("Reading the host for the reset wizard",
                // a snapshot's or directory's wizard (nothing runs from it) does not read this machine's journal:
                // its pending binds are not the captured machine's
                () -> new ResetWizardModel(HostView.read(host.session(),
                        env.mode() == WizardEnvironment.Mode.ELSEWHERE ? Optional.empty() : Optional.of(env.journalDir())),
                        target, env), show,
                e -> dialogs.show(Dialogs.Kind.ERROR, null, "Cannot open the reset wizard for " + target + ": "
                        + e.getMessage()));
    }

    @Override
    public Optional<Runnable> pendingRestore(LoadedHost host) {
        if (!journalApplies.test(host)) {
            return Optional.empty();
        }
        return PendingRestore.find(host.session().root(), environment.apply(host)).map(p -> () -> p.offer(dialogs));
    }
}

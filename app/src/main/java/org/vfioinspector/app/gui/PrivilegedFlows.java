package org.vfioinspector.app.gui;

import java.util.Optional;

import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.model.PciAddress;

/**
 * The two privileged flows the main window starts: the reset wizard, and the offer to put back drivers a
 * crashed run left on vfio-pci. Implemented by the wizard package ({@code gui.wizard.WizardFlows}), so the
 * window's model does not depend on it.
 */
public interface PrivilegedFlows {

    /** Neither flow: no journal is read and no wizard opens (hosts in tests of the window's model). */
    PrivilegedFlows NONE = new PrivilegedFlows() {
        @Override
        public void openReset(LoadedHost host, PciAddress target) {
        }

        @Override
        public Optional<Runnable> pendingRestore(LoadedHost host) {
            return Optional.empty();
        }
    };

    /** Opens the reset wizard for {@code target} of {@code host} (call on the UI thread). */
    void openReset(LoadedHost host, PciAddress target);

    /**
     * Reads the bind journal that applies to {@code host} (blocking: call off the UI thread) and, when an
     * earlier run left functions on vfio-pci, returns the offer to put them back, to run on the UI thread.
     */
    Optional<Runnable> pendingRestore(LoadedHost host);
}

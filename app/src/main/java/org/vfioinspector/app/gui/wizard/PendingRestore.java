package org.vfioinspector.app.gui.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.vfioinspector.app.gui.Dialogs;
import org.vfioinspector.app.priv.CliInvocation;
import org.vfioinspector.app.priv.RunResult;
import org.vfioinspector.core.bind.JournalEntry;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * Functions the bind journal still lists as moved to vfio-pci, and the offer to put them back (the
 * same as the CLI's {@code restore}, run through the privileged runner).
 */
public final class PendingRestore {

    private final List<JournalEntry> entries;
    private final WizardEnvironment env;

    PendingRestore(List<JournalEntry> entries, WizardEnvironment env) {
        this.entries = List.copyOf(entries);
        this.env = env;
    }

    /**
     * The journal's open entries; only for the live host (a snapshot's journal is not this machine's) or a
     * test host named by {@link WizardEnvironment#hostRootArgument()}.
     */
    public static Optional<PendingRestore> find(HostRoot root, WizardEnvironment env) {
        if (!root.isLive() && env.hostRootArgument().isEmpty()) {
            return Optional.empty();
        }
        List<JournalEntry> open = HostView.pending(env.journalDir(), new ArrayList<>());
        return open.isEmpty() ? Optional.empty() : Optional.of(new PendingRestore(open, env));
    }

    public List<JournalEntry> entries() {
        return entries;
    }

    /** One line per function: address and the driver it had. */
    public String describe() {
        return entries.stream().map(e -> e.address() + " (was on " + e.driver().orElse("no driver") + ", moved "
                + e.time() + ")").collect(Collectors.joining("\n"));
    }

    /** Runs the restore through the privileged runner; blocking, so not on the FX thread. */
    public RunResult restore() {
        return env.runner().run(CliInvocation.restore(env.journalDir(), env.hostRootArgument()));
    }

    /** Asks the user, then restores in the background and reports the outcome. */
    public void offer(Dialogs dialogs) {
        if (!dialogs.confirm("Restore drivers from the bind journal?", "An earlier run moved these functions to "
                + "vfio-pci and never put them back (it may have crashed):\n\n" + describe() + "\n\nPut them back on "
                + "their original drivers now? This runs " + env.runner().description() + ".")) {
            return;
        }
        env.executor().run("Restoring drivers", this::restore, r -> dialogs.show(
                r.status() == RunResult.Status.COMPLETED && r.bind().map(b -> b.ok()).orElse(false)
                        ? Dialogs.Kind.INFORMATION : Dialogs.Kind.WARNING, "Restore",
                r.summary() + (r.status() == RunResult.Status.NOT_RUN ? "\n\n" + r.command() : "")),
                e -> dialogs.show(Dialogs.Kind.ERROR, null, "Restore failed: " + e));
    }
}

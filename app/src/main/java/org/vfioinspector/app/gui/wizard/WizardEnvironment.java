package org.vfioinspector.app.gui.wizard;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.app.gui.Background;
import org.vfioinspector.app.gui.FxBackground;
import org.vfioinspector.app.priv.PrivilegedRunner;
import org.vfioinspector.app.priv.PrivilegedRunners;
import org.vfioinspector.core.audit.AuditLog;
import org.vfioinspector.core.audit.StateDirectory;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.vfio.ProcessIdentity;

/**
 * What the wizard needs from outside: who runs privileged commands, where background work runs, the
 * journal directory passed to the CLI as {@code --state-dir}, the {@code --root} for a test host, the
 * audit log, the clock and the user's name.
 *
 * @param journalDir       the state directory of the privileged commands (root's: /var/lib/vfio-inspector)
 * @param hostRootArgument {@code --root DIR} for the CLI; empty for the live host
 */
public record WizardEnvironment(PrivilegedRunner runner, Background executor, Path journalDir,
                                Optional<Path> hostRootArgument, AuditLog audit, Clock clock, String user) {

    public WizardEnvironment {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(journalDir, "journalDir");
        Objects.requireNonNull(hostRootArgument, "hostRootArgument");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clock, "clock");
        user = user == null || user.isBlank() ? "unknown" : user;
    }

    /**
     * The application's environment: the privileged commands run as root, so their journal is root's
     * state directory, which the wizard reads to offer a pending restore; the audit log goes to this
     * process's own state directory.
     */
    public static WizardEnvironment forHost(HostRoot root) {
        return new WizardEnvironment(PrivilegedRunners.choose(root), FxBackground.threadPerTask("reset-wizard"), StateDirectory.SYSTEM,
                Optional.empty(), new AuditLog(StateDirectory.current(ProcessIdentity.isRoot())), Clock.systemUTC(),
                System.getProperty("user.name"));
    }
}

package org.vfioinspector.app.gui.wizard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.app.gui.Background;
import org.vfioinspector.app.gui.FxBackground;
import org.vfioinspector.app.priv.PrivilegedRunner;
import org.vfioinspector.app.priv.PrivilegedRunners;
import org.vfioinspector.app.priv.SimulatedRunner;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.audit.AuditLog;
import org.vfioinspector.core.audit.StateDirectory;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * What the wizard needs from outside: who runs privileged commands, where background work runs, the
 * journal directory passed to the CLI as {@code --state-dir}, the {@code --root} for a test host, the
 * audit log the privileged commands write (the window only reads it, for History), the clock and the user's
 * name, and whether a run here is real, simulated, or impossible.
 *
 * @param journalDir       the state directory of the privileged commands (root's: /var/lib/vfio-inspector)
 * @param hostRootArgument {@code --root DIR} for the CLI; empty for the live host
 * @param mode             what a run from this window does
 */
public record WizardEnvironment(PrivilegedRunner runner, Background executor, Path journalDir,
                                Optional<Path> hostRootArgument, AuditLog audit, Clock clock, String user,
                                Mode mode) {

    /** What running the wizard's commands from this window does. */
    public enum Mode {
        /** They act on the host the window shows: this machine, or a test tree named by {@code --root}. */
        HOST,
        /** The demo: they run against a simulated kernel on the demo's own temporary tree. */
        SIMULATION,
        /** A snapshot or a directory: nothing can run from here; the commands are for the machine captured. */
        ELSEWHERE
    }

    public WizardEnvironment {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(journalDir, "journalDir");
        Objects.requireNonNull(hostRootArgument, "hostRootArgument");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(mode, "mode");
        user = user == null || user.isBlank() ? "unknown" : user;
        if (mode == Mode.SIMULATION && !(runner instanceof SimulatedRunner)) {
            throw new IllegalArgumentException("a simulation runs only through the simulated runner");
        }
    }

    /** An environment that acts on the host it names ({@link Mode#HOST}). */
    public WizardEnvironment(PrivilegedRunner runner, Background executor, Path journalDir,
                             Optional<Path> hostRootArgument, AuditLog audit, Clock clock, String user) {
        this(runner, executor, journalDir, hostRootArgument, audit, clock, user, Mode.HOST);
    }

    /** True for the demo's simulation: every page says so, and its audit lines stay in the demo's tree. */
    public boolean simulated() {
        return mode == Mode.SIMULATION;
    }

    /**
     * The application's environment: the privileged commands run as root, so their journal is root's
     * state directory, which the wizard reads to offer a pending restore; they write the host's audit log
     * themselves. A snapshot or directory cannot be reset from here: its commands, run on the machine captured,
     * write that machine's log.
     */
    public static WizardEnvironment forHost(HostRoot root) {
        AuditLog log = root.isLive() ? AuditLog.forHost(root) : new AuditLog(AuditLog.SYSTEM_DIRECTORY);
        return new WizardEnvironment(PrivilegedRunners.choose(root), FxBackground.threadPerTask("reset-wizard"), StateDirectory.SYSTEM,
                Optional.empty(), log, Clock.systemUTC(), System.getProperty("user.name"),
                root.isLive() ? Mode.HOST : Mode.ELSEWHERE);
    }

    /** As {@link #forHost(HostRoot)}, but the demo gets the simulation ({@link #simulation}). */
    public static WizardEnvironment forHost(Session.Source source, HostRoot root) {
        return source == Session.Source.DEMO && !root.isLive()
                ? simulation(root, FxBackground.threadPerTask("reset-wizard"), Clock.systemUTC())
                : forHost(root);
    }

    /**
     * The demo's simulation: the commands act only on the demo's temporary {@code tree} (named by {@code --root}),
     * through {@link SimulatedRunner}; the bind journal and the audit log live inside that tree, so nothing of
     * this machine's state directory or audit log is read or written.
     *
     * @throws IllegalArgumentException for the live host
     */
    public static WizardEnvironment simulation(HostRoot tree, Background executor, Clock clock) {
        SimulatedRunner runner = new SimulatedRunner(tree);
        Path state = tree.path().resolve("var/lib/vfio-inspector");
        try {
            Files.createDirectories(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the simulation's state directory", e);
        }
        return new WizardEnvironment(runner, executor, state, Optional.of(tree.path()),
                AuditLog.forHost(tree), clock, System.getProperty("user.name"), Mode.SIMULATION);
    }
}

package org.vfioinspector.app.priv;

import java.util.function.Consumer;

import org.vfioinspector.app.report.ProgressLine;

/**
 * Runs one CLI command that needs root ({@code reset}, {@code bind}, {@code restore}) and reads its
 * {@code --json} report. Implementations: {@link InProcessRunner} (already root), {@link PkexecRunner}
 * (asks polkit), {@link ManualRunner} (cannot run it: shows the command instead). Blocking: call it from
 * a background thread, never the FX thread.
 */
public interface PrivilegedRunner {

    /** How this runner gets root, in a few words for the UI. */
    String description();

    /** True when {@link #run} can actually execute commands (false for {@link ManualRunner}). */
    boolean canRun();

    /** Runs the command and returns its parsed report. Never throws for a failure of the command itself. */
    RunResult run(CliInvocation invocation);

    /**
     * As {@link #run(CliInvocation)}, handing each {@code --progress} line of the command to {@code progress}
     * as it arrives (on the calling thread or a reader thread). Runners that cannot see the command run
     * report nothing.
     */
    default RunResult run(CliInvocation invocation, Consumer<ProgressLine> progress) {
        return run(invocation);
    }

    /** The exact command a person would type to do the same by hand. */
    String commandLine(CliInvocation invocation);
}

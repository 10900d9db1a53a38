package org.vfioinspector.app.priv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cannot run anything (no pkexec, or the session is not the live host): every run returns
 * {@link RunResult.Status#NOT_RUN} with the reason and the exact command to run as root by hand.
 */
public final class ManualRunner implements PrivilegedRunner {

    private final String reason;
    private final Launcher launcher;

    public ManualRunner(String reason, Launcher launcher) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
    }

    @Override
    public String description() {
        return "by hand (" + reason + ")";
    }

    @Override
    public boolean canRun() {
        return false;
    }

    @Override
    public RunResult run(CliInvocation invocation) {
        return RunResult.notRun(invocation, RunResult.Status.NOT_RUN, reason,
                commandLine(invocation));
    }

    @Override
    public String commandLine(CliInvocation invocation) {
        List<String> words = new ArrayList<>(List.of("sudo"));
        words.addAll(launcher.with(invocation));
        return ShellWords.join(words);
    }
}

package org.vfioinspector.app.priv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cannot run anything (no pkexec, or the session is not the live host): every run returns
 * {@link RunResult.Status#NOT_RUN} with the reason and the exact command to run as root by hand.
 *
 * <p>For a snapshot or a directory ({@link #elsewhere}) the command is for the machine that was captured, not
 * this one: it is shown commented out, after where to run it, so pasting it here runs nothing.
 */
public final class ManualRunner implements PrivilegedRunner {

    private final String reason;
    private final Launcher launcher;
    private final Optional<String> elsewhere;

    /** For this machine: the command runs here, by hand, as root. */
    public ManualRunner(String reason, Launcher launcher) {
        this(reason, launcher, Optional.empty());
    }

    private ManualRunner(String reason, Launcher launcher, Optional<String> elsewhere) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.elsewhere = Objects.requireNonNull(elsewhere, "elsewhere");
    }

    /**
     * For a host that is not this machine, e.g. {@code snapshot host.tar.gz}: the commands are shown as
     * {@code # run on the machine captured in snapshot host.tar.gz, not on this one: sudo vfio-inspector reset …}.
     */
    public static ManualRunner elsewhere(String reason, String where) {
        Objects.requireNonNull(where, "where");
        return new ManualRunner(reason, new Launcher(List.of("/usr/bin/vfio-inspector")), Optional.of(where));
    }

    @Override
    public String description() {
        return elsewhere.isPresent() ? "nowhere from this window (" + reason + ")" : "by hand (" + reason + ")";
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
        if (elsewhere.isPresent()) {
            // this machine's launcher path means nothing there: the command as a person types it on that host
            List<String> words = new ArrayList<>(List.of("sudo", "vfio-inspector"));
            words.addAll(invocation.arguments());
            return "# run on the machine captured in " + oneLine(elsewhere.get()) + ", not on this one: "
                    + ShellWords.join(words);
        }
        List<String> words = new ArrayList<>(List.of("sudo"));
        words.addAll(launcher.with(invocation));
        return ShellWords.join(words);
    }

    /** A description must not end the comment early: no line breaks in it. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\p{Cntrl}]+", " ");
    }
}

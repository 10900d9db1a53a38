package org.vfioinspector.app.priv;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link PrivilegedRunner} for tests: records every invocation and answers with whatever the test
 * supplies (usually a canned CLI JSON report parsed by {@link CliOutput}, exactly like a real run).
 * It never starts a process.
 */
public final class RecordingRunner implements PrivilegedRunner {

    private final List<CliInvocation> calls = new CopyOnWriteArrayList<>();
    private final Function<CliInvocation, RunResult> answer;

    public RecordingRunner(Function<CliInvocation, RunResult> answer) {
        this.answer = answer;
    }

    public List<CliInvocation> calls() {
        return List.copyOf(calls);
    }

    /** The argument lists of every call, in order. */
    public List<List<String>> arguments() {
        return calls.stream().map(CliInvocation::arguments).toList();
    }

    @Override
    public String description() {
        return "by the test's recording runner";
    }

    @Override
    public boolean canRun() {
        return true;
    }

    @Override
    public RunResult run(CliInvocation invocation) {
        calls.add(invocation);
        return answer.apply(invocation);
    }

    @Override
    public String commandLine(CliInvocation invocation) {
        return "vfio-inspector " + ShellWords.join(invocation.arguments());
    }

    /** Parses a canned report as if the CLI had printed it. */
    public static RunResult report(CliInvocation inv, int exitCode, String json) {
        return CliOutput.parse(inv, exitCode, json, "", "vfio-inspector " + ShellWords.join(inv.arguments()));
    }
}

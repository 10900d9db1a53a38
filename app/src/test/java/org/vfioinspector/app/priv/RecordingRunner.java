package org.vfioinspector.app.priv;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.vfioinspector.app.report.ProgressLine;

/**
 * A {@link PrivilegedRunner} for tests: records every invocation and answers with whatever the test
 * supplies (usually the real CLI run in this process on a fixture tree, see the wizard tests' FakeKernel).
 * It never starts a process.
 */
public final class RecordingRunner implements PrivilegedRunner {

    private final List<CliInvocation> calls = new CopyOnWriteArrayList<>();
    private final Function<CliInvocation, RunResult> answer;
    private volatile Function<CliInvocation, List<String>> stderr = inv -> List.of();

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

    /** Standard-error lines each call prints before it answers ({@code --progress} lines are heard). */
    public RecordingRunner printing(Function<CliInvocation, List<String>> lines) {
        this.stderr = lines;
        return this;
    }

    @Override
    public RunResult run(CliInvocation invocation) {
        return run(invocation, e -> { });
    }

    @Override
    public RunResult run(CliInvocation invocation, java.util.function.Consumer<ProgressLine> progress) {
        calls.add(invocation);
        for (String line : stderr.apply(invocation)) {
            CliOutput.progress(line).ifPresent(progress);
        }
        return answer.apply(invocation);
    }

    @Override
    public String commandLine(CliInvocation invocation) {
        return "vfio-inspector " + ShellWords.join(invocation.arguments());
    }
}

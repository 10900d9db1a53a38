package org.vfioinspector.app.priv;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.vfioinspector.app.report.ProgressLine;

/**
 * For a GUI that already runs as root: runs the CLI command in this process ({@link InProcessCommands}), through
 * exactly the code (argument validation, planner, journaled binder, {@code HotResetExecutor}) that the
 * {@code vfio-inspector} command runs, and takes the document it builds as it is: nothing is printed and parsed.
 */
public final class InProcessRunner implements PrivilegedRunner {

    private final InProcessCommands commands = InProcessCommands.provided();
    private final HostAccess access;

    public InProcessRunner() {
        this(HostAccess.LIVE);
    }

    /** Acting through {@code access}: tests run the real commands on a fixture tree with a simulated kernel. */
    public InProcessRunner(HostAccess access) {
        this.access = java.util.Objects.requireNonNull(access, "access");
    }

    @Override
    public String description() {
        return "in this process (already root)";
    }

    @Override
    public boolean canRun() {
        return true;
    }

    @Override
    public RunResult run(CliInvocation invocation) {
        return run(invocation, e -> { });
    }

    @Override
    public RunResult run(CliInvocation invocation, Consumer<ProgressLine> progress) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StderrLines err = new StderrLines(progress);
        InProcessCommands.Result r = commands.run(invocation.arguments().toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), access,
                err::heard);
        String command = commandLine(invocation);
        return r.document().map(d -> CliOutput.of(invocation, r.exitCode(), d, err.rest(), command))
                .orElseGet(() -> CliOutput.parse(invocation, r.exitCode(), out.toString(StandardCharsets.UTF_8),
                        err.rest(), command));
    }

    @Override
    public String commandLine(CliInvocation invocation) {
        List<String> words = new ArrayList<>(List.of("vfio-inspector"));
        words.addAll(invocation.arguments());
        return ShellWords.join(words);
    }
}

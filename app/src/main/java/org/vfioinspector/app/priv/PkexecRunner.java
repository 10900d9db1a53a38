package org.vfioinspector.app.priv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.vfioinspector.app.report.ProgressLine;

/**
 * Runs the CLI as root through {@code pkexec}, which asks polkit (packaging ships a policy for the
 * installed launcher). The command is an argument list for {@link ProcessBuilder}: no shell. Output goes
 * to a private temporary file, deleted afterwards; standard error is read as it
 * arrives, so {@code --progress} lines reach the wizard while the command runs.
 */
public final class PkexecRunner implements PrivilegedRunner {

    /** pkexec's exit codes when it did not run the program: not authorized / dialog dismissed. */
    static final int NOT_AUTHORIZED = 126;
    static final int PKEXEC_ERROR = 127;

    /** Long enough for a password prompt left open a while; a reset itself takes seconds. */
    private static final long TIMEOUT_MINUTES = 15;

    private final Path pkexec;
    private final Launcher launcher;

    public PkexecRunner(Path pkexec, Launcher launcher) {
        this.pkexec = Objects.requireNonNull(pkexec, "pkexec");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        if (!pkexec.isAbsolute()) {
            throw new IllegalArgumentException("pkexec must be an absolute path");
        }
    }

    @Override
    public String description() {
        return "through pkexec (asks for an administrator's password)";
    }

    @Override
    public boolean canRun() {
        return true;
    }

    /** The full argument list handed to the process. */
    public List<String> command(CliInvocation invocation) {
        List<String> cmd = new ArrayList<>(List.of(pkexec.toString()));
        cmd.addAll(launcher.with(invocation));
        return cmd;
    }

    @Override
    public RunResult run(CliInvocation invocation) {
        return run(invocation, e -> { });
    }

    /** Standard output goes to a private temporary file; standard error is read line by line as it comes. */
    @Override
    public RunResult run(CliInvocation invocation, Consumer<ProgressLine> progress) {
        List<String> cmd = command(invocation);
        String shown = commandLine(invocation);
        Path out = null;
        try {
            out = Files.createTempFile("vfio-inspector-", ".out");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
            StderrLines err = new StderrLines(progress);
            Thread reader = new Thread(() -> readLines(p.getErrorStream(), err), "pkexec-stderr");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroy();
                return RunResult.notRun(invocation, RunResult.Status.LAUNCH_FAILED, "pkexec did not finish within "
                        + TIMEOUT_MINUTES + " minutes and was stopped.", shown);
            }
            reader.join(TimeUnit.SECONDS.toMillis(10)); // the pipe ends with the process; a grandchild may hold it
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = err.rest();
            int code = p.exitValue();
            if ((code == NOT_AUTHORIZED || code == PKEXEC_ERROR) && stdout.isBlank()) {
                return new RunResult(invocation, RunResult.Status.NOT_AUTHORIZED, code, java.util.Optional.empty(),
                        java.util.Optional.empty(), "pkexec did not authorize the command"
                        + (stderr.isBlank() ? "" : ": " + stderr.strip()) + ". Nothing was changed.", shown);
            }
            return CliOutput.parse(invocation, code, stdout, stderr, shown);
        } catch (IOException e) {
            return RunResult.notRun(invocation, RunResult.Status.LAUNCH_FAILED, "Could not start " + pkexec + ": "
                    + e.getMessage(), shown);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunResult.notRun(invocation, RunResult.Status.LAUNCH_FAILED, "Interrupted while waiting for pkexec.",
                    shown);
        } finally {
            deleteQuietly(out);
        }
    }

    private static void readLines(InputStream in, StderrLines sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                sink.line(line);
            }
        } catch (IOException e) {
            sink.line("(reading the command's error output failed: " + e.getMessage() + ")");
        }
    }

    @Override
    public String commandLine(CliInvocation invocation) {
        return ShellWords.join(command(invocation));
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a leftover temp file is harmless; the report was already read
            }
        }
    }
}

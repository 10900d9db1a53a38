package org.vfioinspector.app.priv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI as root through {@code pkexec}, which asks polkit (packaging ships a policy for the
 * installed launcher). The command is an argument list for {@link ProcessBuilder}: no shell. Output goes
 * to private temporary files, which are deleted afterwards.
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
        List<String> cmd = command(invocation);
        String shown = commandLine(invocation);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("vfio-inspector-", ".out");
            err = Files.createTempFile("vfio-inspector-", ".err");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroy();
                return RunResult.notRun(invocation, RunResult.Status.LAUNCH_FAILED, "pkexec did not finish within "
                        + TIMEOUT_MINUTES + " minutes and was stopped.", shown);
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
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
            deleteQuietly(err);
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

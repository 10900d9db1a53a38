package org.vfioinspector.core.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Runs pciutils and hwloc on synthetic trees; a missing tool fails the test unless {@code BENCH_TOOLS_OPTIONAL=1}. */
final class ExternalTool {

    private ExternalTool() {
    }

    /** Fails (or, with {@code BENCH_TOOLS_OPTIONAL=1}, skips) when {@code program} is not on the PATH. */
    static void require(String program, String debianPackage) {
        boolean found = List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")).stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
        if (found) {
            return;
        }
        String message = program + " is not installed; these tests prove that the synthetic trees are realistic by "
                + "reading them with it. Install it (apt-get install " + debianPackage + ") or set BENCH_TOOLS_OPTIONAL=1 "
                + "to skip.";
        if ("1".equals(System.getenv("BENCH_TOOLS_OPTIONAL"))) {
            Assumptions.abort(message);
        }
        Assertions.fail(message);
    }

    /** Runs a command and returns its standard output; fails on a non-zero exit or after a minute. */
    static String run(Map<String, String> env, String... command) {
        try {
            Path err = Files.createTempFile("bench-tool", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    Assertions.fail(String.join(" ", command) + " did not finish within a minute");
                }
                if (p.exitValue() != 0) {
                    Assertions.fail(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                            + Files.readString(err));
                }
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

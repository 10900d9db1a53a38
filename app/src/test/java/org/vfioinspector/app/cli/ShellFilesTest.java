package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.vfioinspector.app.report.ToolVersion;

/** The manual page and bash completion the package installs: valid troff, working completion, every command. */
class ShellFilesTest {

    @TempDir
    Path dir;
    String page;

    @BeforeEach
    void write() throws IOException {
        ShellFiles.write(dir, "2026-12-05");
        page = Files.readString(dir.resolve("vfio-inspector.1"));
    }

    @Test
    void thePageHasEveryCommandAndItsOptions() {
        assertThat(page).startsWith(".\\\"").contains(".TH VFIO\\-INSPECTOR 1 \"2026-12-05\" \"vfio-inspector " + ToolVersion.VERSION);
        for (String c : List.of("tree", "groups", "show", "blast", "snapshot", "reset", "bind", "restore")) {
            assertThat(page).as(c).contains(".SS \"" + c);
        }
        assertThat(page).contains("\\fB\\-\\-confirm\\fR").contains("\\fB\\-\\-root\\fR").contains(".SH EXIT STATUS");
        // no line may start a troff request by accident (a description starting with a dot or quote)
        for (String line : page.lines().toList()) {
            if (line.startsWith(".") || line.startsWith("'")) {
                assertThat(line).as(line).matches("^\\.(\\\\\"|TH|SH|SS|TP|PP|B|I) ?.*");
            }
        }
    }

    @Test
    void groffFormatsThePageWithoutWarnings() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "groff is not installed");
        Process p = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", dir.resolve("vfio-inspector.1").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEmpty();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void bashCompletesCommandsAndOptions() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash");
        Path script = dir.resolve("vfio-inspector.bash");
        assertThat(complete(script, "vfio-inspector bl")).contains("blast");
        assertThat(complete(script, "vfio-inspector reset --con")).contains("--confirm");
        assertThat(complete(script, "vfio-inspector tree --")).contains("--json", "--help");
    }

    /** Runs the completion function for the words typed, as bash does after a Tab; returns COMPREPLY. */
    private static List<String> complete(Path script, String typed) throws Exception {
        String[] words = typed.split(" ");
        StringBuilder arr = new StringBuilder();
        for (String w : words) {
            arr.append('\'').append(w).append("' ");
        }
        String cmd = "source '" + script + "'; COMP_WORDS=(" + arr + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + typed + "'; COMP_POINT=${#COMP_LINE}; "
                + "_complete_vfio-inspector vfio-inspector; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().map(String::strip).toList();
    }
}

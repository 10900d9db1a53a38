package org.vfioinspector.app.priv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vfioinspector.app.report.BindDocument;
import org.vfioinspector.app.report.ResetDocument;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * The pkexec runner's reading of what the CLI printed: the captured documents (report's test resources) read,
 * and hostile or truncated output a clear message, never an exception.
 */
class CliOutputTest {

    private static final PciAddress A = PciAddress.parse("0000:01:00.0");
    private static final PciAddress B = PciAddress.parse("0000:01:00.1");
    private static final CliInvocation RESET = CliInvocation.reset(A, List.of(A, B), ResetKind.HOT_RESET, false, true,
            Path.of("/var/lib/vfio-inspector"), Optional.empty());
    private static final CliInvocation RESTORE = CliInvocation.restore(Path.of("/var/lib/vfio-inspector"),
            Optional.empty());

    private static String captured(String name) throws IOException {
        try (InputStream in = ResetDocument.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static RunResult reset(String stdout) {
        return CliOutput.parse(RESET, 0, stdout, "", "cmd");
    }

    @Test
    void capturedDocumentsAreRead() throws IOException {
        RunResult r = CliOutput.parse(RESET, 3, captured("reset.json"), "warning: slow\n", "cmd");

        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.message()).isEqualTo("warning: slow");
        assertThat(r.reset().orElseThrow().kernelAddresses()).containsExactly(A, B);
        assertThat(r.summary()).isEqualTo("Reset 0000:01:00.0 and 0000:01:00.1.");
        assertThat(r.bind()).isEmpty();

        RunResult restore = CliOutput.parse(RESTORE, 3, captured("restore.json"), "", "cmd");
        assertThat(restore.bind().orElseThrow().outcome()).isEqualTo(BindDocument.Outcome.INCOMPLETE);
        assertThat(restore.reset()).isEmpty();
    }

    @Test
    void fieldsOfANewerCliAreSkipped() throws IOException {
        String newer = captured("reset-dry-run.json").replaceFirst("\\{", "{\"comesLater\":{\"x\":[1,2]},");

        RunResult r = reset(newer);

        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.reset().orElseThrow().outcome()).isEqualTo(ResetDocument.Outcome.DRY_RUN);
    }

    @Test
    void truncatedOrHostileOutputIsNoReportWithAMessage() throws IOException {
        String full = captured("reset.json");
        for (String bad : List.of(full.substring(0, full.length() / 2),
                full.replace("\"outcome\" : \"reset\"", "\"outcome\" : \"exploded\""),
                full.replace("\"0000:01:00.1\"", "\"0000:01:00.1;reboot\""),
                full.replace("\"outcome\" : \"reset\",", ""),
                full.replace("\"steps\" : [", "\"steps\" : [ null,"),
                "{\"device\": 7}", "{}")) {
            RunResult r = reset(bad);
            assertThat(r.status()).as(bad).isEqualTo(RunResult.Status.NO_REPORT);
            assertThat(r.message()).as(bad).startsWith("The command's report could not be read (")
                    .doesNotContain("\n").doesNotContain("Exception").doesNotContain("(through reference chain");
        }
        assertThat(reset("[1, 2, 3]").message()).isEqualTo("The command printed no report (exit code 0).");
    }

    @Test
    void aReportOfTheWrongKindIsNotTakenForTheOneAskedFor() throws IOException {
        assertThat(reset(captured("restore.json")).status()).isEqualTo(RunResult.Status.NO_REPORT);
        assertThat(CliOutput.parse(RESTORE, 0, captured("reset.json"), "", "cmd").status())
                .isEqualTo(RunResult.Status.NO_REPORT);
        assertThat(CliOutput.of(RESTORE, 0, CliOutput.parse(RESET, 0, captured("reset.json"), "", "c").reset()
                .orElseThrow(), "", "cmd").message()).contains("another kind of report");
    }

    @Test
    void progressLinesThatAreNotWellFormedAreNotProgress() {
        assertThat(CliOutput.progress("{\"progress\":\"step\",\"outcome\":\"exploded\"}")).isEmpty();
        assertThat(CliOutput.progress("{\"progress\":\"phase\",\"text\":\"Binding\"")).isEmpty();
        assertThat(CliOutput.progress("{\"progress\":\"phase\",\"text\":\"Binding\",\"since\":1}").orElseThrow()
                .describe()).isEqualTo("Binding…");
    }
}

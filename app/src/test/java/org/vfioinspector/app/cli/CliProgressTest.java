package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vfioinspector.app.priv.CliOutput;
import org.vfioinspector.app.report.ProgressLine;
import org.vfioinspector.app.report.ProtocolStep;
import org.vfioinspector.core.vfio.ResetReport;
import org.vfioinspector.core.vfio.Stage;

/** {@code reset --progress}: what the CLI writes, and that the GUI's reader reads it back unchanged. */
class CliProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void withJsonEachEventIsOneSingleLineObjectThatTheGuiReadsBack() {
        CliProgress p = new CliProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

        p.phase("Binding 2 function(s) to vfio-pci (journaled)");
        p.starting(Stage.HOT_RESET, "0000:03:00.0");
        p.finished(new ResetReport.Step(Stage.HOT_RESET, "0000:03:00.0", ResetReport.StepOutcome.FAILED,
                "EBUSY: \"quoted\"\nand a newline"));

        assertThat(lines()).hasSize(3).allMatch(l -> l.startsWith("{\"progress\":"));
        List<ProgressLine> back = lines().stream().map(l -> CliOutput.progress(l).orElseThrow()).toList();
        assertThat(back.get(0)).isEqualTo(new ProgressLine(ProgressLine.Kind.PHASE,
                "Binding 2 function(s) to vfio-pci (journaled)", null, null, null, null, null));
        assertThat(back.get(1)).isEqualTo(new ProgressLine(ProgressLine.Kind.STARTING, null, "hot_reset",
                "VFIO_DEVICE_PCI_HOT_RESET", "0000:03:00.0", null, null));
        assertThat(back.get(2)).isEqualTo(new ProgressLine(ProgressLine.Kind.STEP, null, "hot_reset",
                "VFIO_DEVICE_PCI_HOT_RESET", "0000:03:00.0", ProtocolStep.Outcome.FAILED, "EBUSY: \"quoted\"\nand a newline"));
        assertThat(back.get(2).describe()).startsWith("✖ VFIO_DEVICE_PCI_HOT_RESET 0000:03:00.0: EBUSY");
    }

    @Test
    void withoutJsonTheLinesAreForPeople() {
        CliProgress p = new CliProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        p.starting(Stage.GET_STATUS, "/dev/vfio/7");
        p.finished(new ResetReport.Step(Stage.GET_STATUS, "/dev/vfio/7", ResetReport.StepOutcome.OK, "viable"));

        assertThat(lines()).containsExactly("vfio-inspector: VFIO_GROUP_GET_STATUS /dev/vfio/7 …",
                "vfio-inspector:   ok  VFIO_GROUP_GET_STATUS: viable");
        assertThat(lines()).allMatch(l -> CliOutput.progress(l).isEmpty());
    }

    @Test
    void linesThatAreNotProgressAreNotMistakenForIt() {
        assertThat(CliOutput.progress("vfio-inspector: cannot read /sys")).isEmpty();
        assertThat(CliOutput.progress("{\"progress\":\"bogus\"}")).isEmpty();
        assertThat(CliOutput.progress("{\"progress\":\"step\", broken")).isEmpty();
        assertThat(CliOutput.progress("{\"outcome\":\"reset\"}")).isEmpty();
        assertThat(CliOutput.progress(null)).isEmpty();
    }
}

package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vfioinspector.app.priv.ProgressEvent;
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
        List<ProgressEvent> back = lines().stream().map(l -> ProgressEvent.parse(l).orElseThrow()).toList();
        assertThat(back.get(0)).isEqualTo(new ProgressEvent(ProgressEvent.Kind.PHASE, "",
                "Binding 2 function(s) to vfio-pci (journaled)", "", "", ""));
        assertThat(back.get(1)).isEqualTo(new ProgressEvent(ProgressEvent.Kind.STARTING, "hot_reset",
                "VFIO_DEVICE_PCI_HOT_RESET", "0000:03:00.0", "", ""));
        assertThat(back.get(2)).isEqualTo(new ProgressEvent(ProgressEvent.Kind.STEP, "hot_reset",
                "VFIO_DEVICE_PCI_HOT_RESET", "0000:03:00.0", "failed", "EBUSY: \"quoted\"\nand a newline"));
        assertThat(back.get(2).describe()).startsWith("✖ VFIO_DEVICE_PCI_HOT_RESET 0000:03:00.0: EBUSY");
    }

    @Test
    void withoutJsonTheLinesAreForPeople() {
        CliProgress p = new CliProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        p.starting(Stage.GET_STATUS, "/dev/vfio/7");
        p.finished(new ResetReport.Step(Stage.GET_STATUS, "/dev/vfio/7", ResetReport.StepOutcome.OK, "viable"));

        assertThat(lines()).containsExactly("vfio-inspector: VFIO_GROUP_GET_STATUS /dev/vfio/7 …",
                "vfio-inspector:   ok  VFIO_GROUP_GET_STATUS: viable");
        assertThat(lines()).allMatch(l -> ProgressEvent.parse(l).isEmpty());
    }

    @Test
    void linesThatAreNotProgressAreNotMistakenForIt() {
        assertThat(ProgressEvent.parse("vfio-inspector: cannot read /sys")).isEmpty();
        assertThat(ProgressEvent.parse("{\"progress\":\"bogus\"}")).isEmpty();
        assertThat(ProgressEvent.parse("{\"progress\":\"step\", broken")).isEmpty();
        assertThat(ProgressEvent.parse("{\"outcome\":\"reset\"}")).isEmpty();
        assertThat(ProgressEvent.parse(null)).isEmpty();
    }
}

package org.vfioinspector.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProcTextTest {

    @Test
    void commandLineJoinsNulSeparatedArgumentsWithSpaces() {
        byte[] raw = "/usr/bin/qemu-system-x86_64\0-name\0vm1\0\0".getBytes(StandardCharsets.UTF_8);

        assertThat(ProcText.commandLine(raw)).isEqualTo("/usr/bin/qemu-system-x86_64 -name vm1");
    }

    @Test
    void controlCharactersCannotForgeOutput() {
        byte[] raw = "evil\0\u001b[2J\nline".getBytes(StandardCharsets.UTF_8);

        assertThat(ProcText.commandLine(raw)).isEqualTo("evil ?[2J?line");
    }

    @Test
    void longCommandLinesAreCut() {
        byte[] raw = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);

        String s = ProcText.commandLine(raw);
        assertThat(s).hasSize(ProcText.MAX_CMDLINE + 1).endsWith("…");
    }
}

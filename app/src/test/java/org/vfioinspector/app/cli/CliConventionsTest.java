package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.report.ToolVersion;

/** What users of Debian command-line tools expect: --help and --version everywhere, clear refusals, --json. */
class CliConventionsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"tree", "groups", "show", "blast", "snapshot", "reset", "bind", "restore"})
    void everySubcommandTakesHelpAndVersion(String command) {
        CliTest.Result help = CliTest.run(command, "--help");
        assertThat(help.code()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: vfio-inspector " + command).contains("--help").contains("--version");
        CliTest.Result version = CliTest.run(command, "--version");
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out().strip()).isEqualTo("vfio-inspector " + ToolVersion.VERSION);
    }

    @Test
    void noSubcommandIsLeftWithoutHelp() {
        CommandLine cmd = Cli.commandLine();
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                assertThat(sub.getCommandSpec().mixinStandardHelpOptions()).as(name).isTrue();
            }
        });
        assertThat(cmd.getSubcommands()).containsKeys("tree", "groups", "show", "blast", "snapshot", "reset", "bind",
                "restore");
    }

    @Test
    void anEmptyFolderIsNotAHostRoot() {
        CliTest.Result r = CliTest.run("--root", dir.toString(), "tree");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is not a host root").contains("sys/bus/pci/devices").contains("snapshot")
                .doesNotContain("\tat ");
        assertThat(r.out()).doesNotContain("No PCI functions found");
    }

    @Test
    void aSysfsMountGivenAsTheRootIsNamedAsSuch() throws IOException {
        Files.createDirectories(dir.resolve("bus/pci/devices"));
        Files.createDirectories(dir.resolve("kernel/iommu_groups"));
        CliTest.Result r = CliTest.run("--root", dir.toString(), "groups", "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("looks like a sysfs mount itself").contains("'/'");
    }

    @Test
    void anUnrelatedArchiveIsNotAHostRoot() throws IOException {
        Path archive = dir.resolve("photos.tar.gz");
        try (OutputStream f = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(f))) {
            byte[] text = "holiday\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("README.txt");
            e.setSize(text.length);
            tar.putArchiveEntry(e);
            tar.write(text);
            tar.closeArchiveEntry();
        }
        CliTest.Result r = CliTest.run("--root", archive.toString(), "tree");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is not a host root").doesNotContain("\tat ");
    }

    @Test
    void aHostRootWithoutPciFunctionsIsStillAHost() throws IOException {
        Files.createDirectories(dir.resolve("sys/devices"));
        CliTest.Result r = CliTest.run("--root", dir.toString(), "tree");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("No PCI functions found");
    }

    @Test
    void snapshotTakesJson() throws Exception {
        Path out = dir.resolve("demo.tar.gz");
        CliTest.Result r = CliTest.run("--demo", "snapshot", out.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = Json.mapper().readTree(r.out());
        assertThat(j.get("archive").asText()).isEqualTo(out.toString());
        assertThat(j.get("files").asInt()).isPositive();
        assertThat(j.get("bytes").asLong()).isPositive();
        assertThat(j.get("notes").isArray()).isTrue();
        assertThat(Files.size(out)).isPositive();
    }

    @Test
    void helpGoesToStandardOutput() {
        CliTest.Result r = CliTest.run("blast", "--help");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("BDF");
    }
}

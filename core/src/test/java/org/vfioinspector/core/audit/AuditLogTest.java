package org.vfioinspector.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.model.PciAddress;

class AuditLogTest {

    @TempDir
    Path dir;

    private static final PciAddress GPU = PciAddress.parse("0000:03:00.0");
    private static final PciAddress AUDIO = PciAddress.parse("0000:03:00.1");

    private static AuditRecord dryRun() {
        return new AuditRecord(Instant.parse("2026-03-01T10:00:00Z"), "alice", GPU, "hot-reset", true,
                List.of(AUDIO, GPU), List.of(GPU, AUDIO), "dry-run", OptionalInt.empty(), Optional.empty(),
                "Dry run passed.");
    }

    private static AuditRecord failedReset() {
        return new AuditRecord(Instant.parse("2026-03-01T10:01:00Z"), "alice", GPU, "hot-reset", false,
                List.of(GPU, AUDIO), List.of(), "failed", OptionalInt.of(16), Optional.of("EBUSY"),
                "IOMMU group 7 is open in \"qemu\"\nelsewhere");
    }

    @Test
    void everyFieldSurvivesTheRoundTripThroughTheFile() throws IOException {
        AuditLog log = new AuditLog(dir.resolve("state"));
        log.append(dryRun());
        log.append(failedReset());

        AuditLog.Contents c = log.read();

        assertThat(c.notes()).isEmpty();
        assertThat(c.records()).containsExactly(dryRun(), failedReset());
        assertThat(c.records().get(1).errno()).hasValue(16);
        assertThat(c.records().get(1).summary()).contains("\"qemu\"\nelsewhere");
    }

    @Test
    void eachRecordIsExactlyOneLineEvenWithNewlinesInTheSummary() throws IOException {
        AuditLog log = new AuditLog(dir);
        log.append(failedReset());

        List<String> lines = Files.readAllLines(log.file(), StandardCharsets.UTF_8);

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("{\"time\":\"2026-03-01T10:01:00Z\",\"user\":\"alice\"")
                .contains("\"confirmed\":[\"0000:03:00.0\",\"0000:03:00.1\"]", "\"errno\":16", "\"errnoName\":\"EBUSY\"");
    }

    @Test
    void appendingNeverChangesEarlierLines() throws IOException {
        AuditLog log = new AuditLog(dir);
        log.append(dryRun());
        String first = Files.readString(log.file());

        log.append(failedReset());

        assertThat(Files.readString(log.file())).startsWith(first);
        assertThat(log.read().records()).hasSize(2);
    }

    @Test
    void unreadableLinesAreSkippedWithANote() {
        String good = AuditMapper.line(dryRun());
        String text = good + "\n{\"time\":\"yesterday\"}\nnot json\n" + good.substring(0, 40) + "\n"
                + good.replace("\"0000:03:00.0\"", "\"zz:00.0\"") + "\n\n" + AuditMapper.line(failedReset()) + "\n";

        AuditLog.Contents c = AuditLog.parse(text);

        assertThat(c.records()).containsExactly(dryRun(), failedReset());
        assertThat(c.notes()).containsExactly("audit line 2 is not a record; skipped",
                "audit line 3 is not a record; skipped", "audit line 4 is not a record; skipped",
                "audit line 5 is not a record; skipped");
    }

    @Test
    void aMissingLogIsEmpty() throws IOException {
        assertThat(new AuditLog(dir.resolve("nowhere")).read().records()).isEmpty();
    }

    @Test
    void controlCharactersAreEscaped() {
        AuditRecord r = new AuditRecord(Instant.EPOCH, "a", GPU, "hot-reset", false, List.of(), List.of(), "failed",
                OptionalInt.empty(), Optional.empty(), "a\u0001b\tc\\");
        assertThat(AuditMapper.line(r)).endsWith("\"summary\":\"a\\u0001b\\tc\\\\\"}");
    }

    /** The three records whose lines the hand-written writer (before Jackson) put into audit/old-writer.jsonl. */
    private static List<AuditRecord> oldWriterRecords() {
        PciAddress far = PciAddress.parse("10000:e1:00.0");
        return List.of(dryRun(),
                new AuditRecord(Instant.parse("2026-03-01T10:01:00.123456789Z"), "bob \"b\" \\o", GPU, "hot-reset",
                        false, List.of(GPU, AUDIO), List.of(), "failed", OptionalInt.of(16), Optional.of("EBUSY"),
                        "IOMMU group 7 is open in \"qemu\"\nelsewhere\r\tctl\u0001\u001f\b\f sep\u2028\u2029 é ✓ 😀 </script>"),
                new AuditRecord(Instant.parse("2026-03-02T00:00:00Z"), "", far, "function-reset", false, List.of(far),
                        List.of(), "reset", OptionalInt.of(-1), Optional.empty(), null));
    }

    private static String oldWriterLog() throws IOException {
        try (var in = AuditLogTest.class.getResourceAsStream("/audit/old-writer.jsonl")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aLogWrittenBeforeJacksonStillReads() throws IOException {
        AuditLog.Contents c = AuditLog.parse(oldWriterLog());

        assertThat(c.notes()).isEmpty();
        assertThat(c.records()).containsExactlyElementsOf(oldWriterRecords());
    }

    @Test
    void recordsAreWrittenByteForByteAsBeforeJackson() throws IOException {
        StringBuilder log = new StringBuilder();
        oldWriterRecords().forEach(r -> log.append(AuditMapper.line(r)).append('\n'));

        assertThat(log.toString()).isEqualTo(oldWriterLog());
    }

    @Test
    void hostileOrIncompleteLinesAreNotRecords() {
        String good = AuditMapper.line(dryRun());
        assertThat(AuditMapper.parse(good)).hasValue(dryRun());
        assertThat(AuditMapper.parse(good.replace("}", ",\"later\":[1,{\"x\":2}]}"))).as("a field added later").hasValue(dryRun());
        for (String bad : List.of(good.replace("\"alice\"", "null"), good.replace("\"user\":\"alice\",", ""),
                good.replace("true", "\"true\""), good.replace("true", "1"), good + "{}", good + " x",
                good.replace("[\"0000:03:00.0\",", "[null,"), good.replace("[\"0000:03:00.0\",", "[7,"),
                good.replace("\"errno\":null", "\"errno\":1.5"), good.replace("\"errno\":null", "\"errno\":99999999999999"),
                good.replace("\"2026-03-01T10:00:00Z\"", "{\"t\":1}"), good.replace("\"confirmed\":[", "\"confirmed\":[["),
                "[]", "null", "", "{\"time\":\"2026-03-01T10:00:00Z\"", "\u0000")) {
            assertThat(AuditMapper.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void rootUsesVarLibAndOthersTheirXdgStateHome() {
        assertThat(StateDirectory.resolve(true, Optional.of("/home/a/.state"), "/home/a"))
                .isEqualTo(Path.of("/var/lib/vfio-inspector"));
        assertThat(StateDirectory.resolve(false, Optional.of("/home/a/.state"), "/home/a"))
                .isEqualTo(Path.of("/home/a/.state/vfio-inspector"));
        assertThat(StateDirectory.resolve(false, Optional.of("relative"), "/home/a"))
                .isEqualTo(Path.of("/home/a/.local/state/vfio-inspector"));
        assertThat(StateDirectory.resolve(false, Optional.empty(), "/home/a"))
                .isEqualTo(Path.of("/home/a/.local/state/vfio-inspector"));
    }
}

package org.vfioinspector.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.vfio.ProcessIdentity;

class AuditLogTest {

    @TempDir
    Path dir;

    private static final PciAddress GPU = PciAddress.parse("0000:03:00.0");
    private static final PciAddress AUDIO = PciAddress.parse("0000:03:00.1");
    private static final Invoker ALICE_BY_SUDO = Invoker.of(0, "root", Map.of("SUDO_UID", "1000", "SUDO_USER", "alice"),
            uid -> Optional.empty());

    private static AuditRecord intent() {
        return new AuditRecord(Instant.parse("2026-03-01T10:00:00Z"), "reset", "intent", ALICE_BY_SUDO,
                Optional.of("lab"), Optional.of(GPU), Optional.of("hot-reset"), false, List.of(AUDIO, GPU), List.of(),
                List.of(), OptionalInt.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty(), "Hot reset of 0000:03:00.0 (confirmed 2 functions).");
    }

    private static AuditRecord failedRound() {
        return new AuditRecord(Instant.parse("2026-03-01T10:01:00Z"), "soak-round", "result", ALICE_BY_SUDO,
                Optional.of("lab"), Optional.of(GPU), Optional.of("hot-reset"), false, List.of(GPU, AUDIO),
                List.of(AUDIO, GPU), List.of(), OptionalInt.of(3), Optional.of("lost"), Optional.of("failed"),
                OptionalInt.of(25), Optional.of("ENOTTY"), "The link did not come back:\n\"reboot\"\u2028now");
    }

    private static AuditLog.Contents parse(String text) throws IOException {
        return AuditLog.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyFieldSurvivesTheRoundTripThroughTheFile() throws IOException {
        AuditLog log = new AuditLog(dir.resolve("log"));
        log.append(intent());
        log.append(failedRound());

        AuditLog.Contents c = log.read();

        assertThat(c.skipped()).isZero();
        assertThat(c.records()).containsExactly(intent(), failedRound());
        AuditRecord r = c.records().get(1);
        assertThat(r.invoker().askingUser()).hasValue("alice");
        assertThat(r.invoker().sudoUid()).hasValue(1000);
        assertThat(r.round()).hasValue(3);
        assertThat(r.errno()).hasValue(25);
        assertThat(r.message()).contains("\"reboot\"\u2028now");
    }

    @Test
    void eachRecordIsExactlyOneLineAndCompleteWhenAppendReturns() throws IOException {
        AuditLog log = new AuditLog(dir);
        log.append(failedRound());

        // read through a separate file handle: the line is whole, newline-terminated, escapes included
        String text = new String(Files.readAllBytes(log.file()), StandardCharsets.UTF_8);

        assertThat(text).endsWith("}\n").doesNotContain("\u2028").hasLineCount(1);
        assertThat(text).startsWith("{\"time\":\"2026-03-01T10:01:00Z\",\"action\":\"soak-round\",\"phase\":\"result\","
                        + "\"invoker\":{\"uid\":0,\"user\":\"root\",\"via\":\"sudo\",\"askingUid\":1000,\"askingUser\":\"alice\"")
                .contains("\"round\":3", "\"verification\":\"lost\"", "\"errno\":25", "\"errnoName\":\"ENOTTY\"",
                        "\\n\\\"reboot\\\"\\u2028now");
    }

    @Test
    void everyLineIsForcedToDiskBeforeAppendReturnsAndAFailedSyncIsAnError() throws IOException {
        List<String> atSync = new ArrayList<>();
        AuditLog log = new AuditLog(dir, ch -> atSync.add(Files.readString(dir.resolve(AuditLog.FILE))));
        log.append(intent());
        log.append(failedRound());

        // each sync saw the file with the line just written, whole
        assertThat(atSync).containsExactly(AuditMapper.line(intent()) + "\n",
                AuditMapper.line(intent()) + "\n" + AuditMapper.line(failedRound()) + "\n");

        AuditLog full = new AuditLog(dir, ch -> {
            throw new IOException("No space left on device");
        });
        assertThatThrownBy(() -> full.append(intent())).hasMessageContaining("No space left on device");
    }

    @Test
    void appendingNeverChangesEarlierLines() throws IOException {
        AuditLog log = new AuditLog(dir);
        log.append(intent());
        String first = Files.readString(log.file());

        log.append(failedRound());

        assertThat(Files.readString(log.file())).startsWith(first);
        assertThat(log.read().records()).hasSize(2);
    }

    @Test
    void aNewLogIsMadeClosedToOthers() throws IOException {
        AuditLog log = new AuditLog(dir.resolve("var/log/vfio-inspector"));
        log.append(intent());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.file().getParent())))
                .isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.file()))).isEqualTo("rw-r-----");
        assertThat(Files.getAttribute(log.file(), "unix:uid")).isEqualTo(ProcessIdentity.effectiveUid());
    }

    @Test
    void aLogOthersCanWriteIsRefusedAndLeftAsItWas() throws IOException {
        AuditLog log = new AuditLog(dir);
        log.append(intent());
        byte[] before = Files.readAllBytes(log.file());
        Files.setPosixFilePermissions(log.file(), PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThatThrownBy(() -> log.append(failedRound())).isInstanceOf(IOException.class)
                .hasMessageContaining("writable by others").hasMessageContaining("forged");
        assertThat(Files.readAllBytes(log.file())).isEqualTo(before);

        Files.setPosixFilePermissions(log.file(), PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> log.append(failedRound())).hasMessageContaining(dir + " is writable by others");
    }

    @Test
    void aLinkInPlaceOfTheLogIsRefused() throws IOException {
        Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "keep\n");
        Path logDir = Files.createDirectory(dir.resolve("log"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-x---")));
        Files.createSymbolicLink(logDir.resolve(AuditLog.FILE), elsewhere);

        assertThatThrownBy(() -> new AuditLog(logDir).append(intent())).isInstanceOf(IOException.class)
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(elsewhere)).isEqualTo("keep\n");

        Path linkedDir = Files.createSymbolicLink(dir.resolve("linked"), logDir);
        assertThatThrownBy(() -> new AuditLog(linkedDir).append(intent())).hasMessageContaining("symbolic link");
    }

    @Test
    void aLogOfAnotherUserIsRefused() throws IOException {
        assumeTrue(ProcessIdentity.isRoot(), "only root can give a file away");
        AuditLog log = new AuditLog(dir);
        log.append(intent());
        Files.setAttribute(log.file(), "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

        assertThatThrownBy(() -> log.append(failedRound())).hasMessageContaining("belongs to uid 65534, not to uid 0");
    }

    @Test
    void aLogThatCannotBeMadeIsAnError() throws IOException {
        Files.writeString(dir.resolve("var"), "a file where the directory should be");

        assertThatThrownBy(() -> new AuditLog(dir.resolve("var/log")).append(intent())).isInstanceOf(IOException.class);
    }

    @Test
    void hostileAndCorruptLinesAreSkippedAndCountedNeverThrown() throws IOException {
        String good = AuditMapper.line(intent());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes((good + "\n{\"time\":\"yesterday\"}\nnot json\n" + good.substring(0, 40) + "\n").getBytes(StandardCharsets.UTF_8));
        text.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '\n'}); // line 5: not UTF-8
        text.writeBytes(("{\"x\":\"" + "a".repeat(AuditLog.MAX_LINE) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        text.writeBytes((good.replace("\"reset\"", "\"format-disk\"") + "\n").getBytes(StandardCharsets.UTF_8));
        text.writeBytes(("[".repeat(5000) + "\n\n" + AuditMapper.line(failedRound())).getBytes(StandardCharsets.UTF_8));

        AuditLog.Contents c = AuditLog.parse(new ByteArrayInputStream(text.toByteArray()));

        assertThat(c.records()).containsExactly(intent(), failedRound());
        assertThat(c.skipped()).isEqualTo(7);
        assertThat(c.notes()).contains("audit line 2 is not a record; skipped", "audit line 5 is not a record; skipped",
                "audit line 6 is longer than 65536 bytes; skipped", "audit line 7 is not a record; skipped");
    }

    @Test
    void aFloodOfBadLinesGivesFewNotes() throws IOException {
        AuditLog.Contents c = parse("junk\n".repeat(1000));

        assertThat(c.skipped()).isEqualTo(1000);
        assertThat(c.notes()).hasSize(21).last().isEqualTo("… and 980 more lines skipped");
    }

    @Test
    void aMissingLogIsEmpty() throws IOException {
        assertThat(new AuditLog(dir.resolve("nowhere")).read().records()).isEmpty();
    }

    @Test
    void aLogThatCannotBeSeenIsAnErrorNotAnEmptyHistory() throws IOException {
        Files.writeString(dir.resolve("log"), "a file where the directory should be");

        assertThatThrownBy(() -> new AuditLog(dir.resolve("log")).read()).isInstanceOf(IOException.class);
    }

    @Test
    void strictReadingRejectsIncompleteOrMistypedRecords() {
        String good = AuditMapper.line(intent());
        assertThat(AuditMapper.parse(good)).hasValue(intent());
        assertThat(AuditMapper.parse(good.replace("}", ",\"later\":[1,{\"x\":2}]}"))).as("a field added later")
                .hasValue(intent());
        for (String bad : List.of(good.replace("\"intent\"", "null"), good.replace("\"phase\":\"intent\",", ""),
                good.replace("\"phase\":\"intent\"", "\"phase\":\"result\""), good.replace("false", "\"false\""),
                good.replace("false", "0"), good + "{}", good + " x", good.replace("\"uid\":0", "\"uid\":\"0\""),
                good.replace("[\"0000:03:00.0\",", "[null,"), good.replace("[\"0000:03:00.0\",", "[7,"),
                good.replace("\"round\":null", "\"round\":1.5"), good.replace("\"errno\":null", "\"errno\":99999999999999"),
                good.replace("\"2026-03-01T10:00:00Z\"", "{\"t\":1}"), good.replace("\"confirmed\":[", "\"confirmed\":[["),
                good.replace("\"invoker\":{", "\"invoker\":{\"x\":{").replace("\"user\":\"root\",", ""),
                "[]", "null", "", "{\"time\":\"2026-03-01T10:00:00Z\"", "\u0000")) {
            assertThat(AuditMapper.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void theInvokerSaysWhoAskedThroughSudoOrPkexec() {
        assertThat(Invoker.of(0, "root", Map.of(), uid -> Optional.empty()).describe()).isEqualTo("root");
        Invoker sudo = Invoker.of(0, "root", Map.of("SUDO_UID", "1000", "SUDO_USER", "alice"), uid -> Optional.of("x"));
        assertThat(sudo.via()).isEqualTo("sudo");
        assertThat(sudo.describe()).isEqualTo("alice (uid 1000) via sudo as root");
        Invoker pkexec = Invoker.of(0, "root", Map.of("PKEXEC_UID", "1001"),
                uid -> UserNames.parse("root:x:0:0::/root:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh\n", uid));
        assertThat(pkexec.via()).isEqualTo("pkexec");
        assertThat(pkexec.askingUid()).isEqualTo(1001);
        assertThat(pkexec.askingUser()).hasValue("bob");
        assertThat(pkexec.sudoUid()).isEmpty();
        Invoker unknown = Invoker.of(0, "root", Map.of("PKEXEC_UID", "1002"), uid -> Optional.empty());
        assertThat(unknown.describe()).isEqualTo("uid 1002 via pkexec as root");
        // garbage in the variables is as if they were not set
        Invoker garbage = Invoker.of(1000, "alice", Map.of("SUDO_UID", "0; rm", "PKEXEC_UID", "99999999999"),
                uid -> Optional.empty());
        assertThat(garbage.via()).isEqualTo("direct");
        assertThat(garbage.askingUid()).isEqualTo(1000);
    }

    @Test
    void thisHostsLogIsRedirectedForTestsAndATreesLogStaysInTheTree() {
        assertThat(AuditLog.systemDirectory()).as("the build must point tests away from /var/log")
                .isNotEqualTo(AuditLog.SYSTEM_DIRECTORY);
        assertThat(AuditLog.forHost(HostRoot.of(dir)).file()).isEqualTo(dir.resolve("var/log/vfio-inspector/audit.jsonl"));
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

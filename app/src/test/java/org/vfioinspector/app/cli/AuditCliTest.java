package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.priv.HostAccess;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.core.audit.AuditLog;
import org.vfioinspector.core.audit.AuditRecord;
import org.vfioinspector.core.audit.Invoker;
import org.vfioinspector.core.bind.SimulatedSysfsKernel;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.vfio.FixtureVfioKernel;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The audit lines of {@code reset}, {@code bind} and {@code restore}, written by the command that acts, and
 * {@code history}, which reads them. A fixture tree with a simulated kernel and sysfs: its log is the tree's own
 * ({@code var/log/vfio-inspector} inside it), never this machine's.
 */
class AuditCliTest {

    private static final PciAddress A = PciAddress.parse("0000:01:00.0");
    private static final PciAddress B = PciAddress.parse("0000:01:00.1");
    private static final Invoker ALICE_BY_SUDO = Invoker.of(0, "root",
            Map.of("SUDO_UID", "1000", "SUDO_USER", "alice", "HOME", "/root"), uid -> Optional.empty());
    private static final Invoker BOB_BY_PKEXEC = Invoker.of(0, "root", Map.of("PKEXEC_UID", "1001"),
            uid -> uid == 1001 ? Optional.of("bob") : Optional.empty());

    @TempDir
    Path dir;
    @TempDir
    Path state;
    private SimulatedSysfsKernel sysfs;
    private FixtureVfioKernel kernel;
    /** How many audit records the log held at each sysfs write: proves the intent came first. */
    private final List<Integer> recordsAtWrite = new ArrayList<>();
    private String out;
    private String err;

    @BeforeEach
    void twoFunctionsOnHostDrivers() throws IOException {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(3);
        fx.add(A.toString()).under(rp).nic(0x8086, 0x10d3).driver("e1000e").group(7).resetMethods("pm");
        fx.add(B.toString()).under(rp).audio(0x8086, 0x10d4).driver("snd_hda_intel").group(7).resetMethods("pm");
        fx.file("proc/self/mountinfo", "22 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw\n");
        fx.file("proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n");
        fx.file("proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n");
        fx.file("proc/sys/kernel/hostname", "lab-guest\n");
        fx.file("dev/vfio/vfio", "");
        fx.write();
        Files.createDirectories(dir.resolve("sys/block"));
        Files.createDirectories(dir.resolve("sys/bus/pci/drivers/vfio-pci"));
        sysfs = new SimulatedSysfsKernel(HostRoot.of(dir));
        kernel = new FixtureVfioKernel(dir);
    }

    private HostAccess access(Invoker who, boolean root) {
        return new HostAccess(kernel.kernel(), r -> (path, value) -> {
            recordsAtWrite.add(records().size());
            sysfs.write(path, value);
        }, () -> root, () -> who);
    }

    private int run(HostAccess access, String... args) {
        List<String> all = new ArrayList<>(List.of("--root", dir.toString()));
        all.addAll(List.of(args));
        if (!args[0].equals("history")) {
            all.addAll(List.of("--state-dir", state.toString()));
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(all.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), access);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private AuditLog log() {
        return AuditLog.forHost(HostRoot.of(dir));
    }

    private List<AuditRecord> records() {
        try {
            return log().read().records();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aResetWritesItsIntentBeforeTheFirstWriteAndItsResultAfter() {
        List<Integer> recordsAtInfo = new ArrayList<>();
        kernel.beforeHotResetInfo = () -> recordsAtInfo.add(records().size());
        int code = run(access(ALICE_BY_SUDO, true), "reset", A.toString(), "--confirm", A + "," + B, "--bind",
                "--force-host-impact", "--json");

        assertThat(code).as(err).isEqualTo(ExitCodes.OK);
        assertThat(recordsAtWrite).as("every sysfs write came after the intent line").isNotEmpty().allMatch(n -> n == 1);
        assertThat(recordsAtInfo).as("and the ioctls").isNotEmpty().containsOnly(1);
        List<AuditRecord> r = records();
        assertThat(r).extracting(x -> x.action() + " " + x.phase()).containsExactly("reset intent", "reset result");
        AuditRecord intent = r.get(0);
        AuditRecord result = r.get(1);
        assertThat(intent.target()).hasValue(A);
        assertThat(intent.kind()).hasValue("hot-reset");
        assertThat(intent.confirmed()).containsExactly(A, B);
        assertThat(intent.kernelSet()).isEmpty();
        assertThat(intent.result()).isEmpty();
        assertThat(intent.host()).hasValue("lab-guest");
        assertThat(intent.message()).isEqualTo("Hot reset of " + A + " (2 functions confirmed, bound to vfio-pci first).");
        assertThat(result.result()).hasValue("ok");
        assertThat(result.kernelSet()).containsExactly(A, B);
        assertThat(result.errno()).isEmpty();
        assertThat(result.verification()).as("the reset's verification verdict").hasValue("came-back");
        for (AuditRecord x : r) {
            assertThat(x.invoker().uid()).isZero();
            assertThat(x.invoker().via()).isEqualTo("sudo");
            assertThat(x.invoker().askingUid()).isEqualTo(1000);
            assertThat(x.invoker().askingUser()).hasValue("alice");
        }
    }

    @Test
    void aFailedResetRecordsItsErrno() {
        kernel.hotResetBusy = true;
        HostAccess access = access(ALICE_BY_SUDO, true);

        assertThat(run(access, "reset", A.toString(), "--confirm", A + "," + B, "--bind", "--force-host-impact",
                "--json")).isEqualTo(ExitCodes.IO);

        AuditRecord last = records().get(records().size() - 1);
        assertThat(last.action()).isEqualTo("reset");
        assertThat(last.result()).hasValue("failed");
        assertThat(last.errno()).hasValue(16);
        assertThat(last.errnoName()).hasValue("EBUSY");
    }

    @Test
    void bindAndRestoreThroughPkexecRecordWhoAskedAndWhatMoved() {
        assertThat(run(access(BOB_BY_PKEXEC, true), "bind", A.toString(), B.toString(), "--vfio", "--force-host-impact"))
                .as(err).isEqualTo(ExitCodes.OK);
        assertThat(recordsAtWrite).allMatch(n -> n == 1);
        assertThat(run(access(BOB_BY_PKEXEC, true), "restore")).as(err).isEqualTo(ExitCodes.OK);

        List<AuditRecord> r = records();
        assertThat(r).extracting(x -> x.action() + " " + x.phase() + " " + x.result().orElse("-"))
                .containsExactly("bind intent -", "bind result ok", "restore intent -", "restore result ok");
        assertThat(r.get(0).confirmed()).containsExactly(A, B);
        assertThat(r.get(1).functions()).containsExactly(A, B);
        assertThat(r.get(3).functions()).containsExactly(A, B);
        assertThat(r).allMatch(x -> x.invoker().via().equals("pkexec") && x.invoker().askingUid() == 1001
                && x.invoker().askingUser().equals(Optional.of("bob")) && x.target().isEmpty());
    }

    @Test
    void aRefusedBindIsRecordedAsRefused() {
        assertThat(run(access(ALICE_BY_SUDO, true), "bind", A.toString(), "--vfio")).isEqualTo(ExitCodes.REFUSED);

        assertThat(records()).extracting(x -> x.phase() + " " + x.result().orElse("-"))
                .containsExactly("intent -", "result refused");
        assertThat(sysfs.writes).isEmpty();
    }

    @Test
    void anUnwritableLogRefusesTheActionBeforeAnyWrite() throws IOException {
        Files.createDirectories(dir.resolve("var"));
        Files.writeString(dir.resolve("var/log"), "a file where the log's directory should be");

        int code = run(access(ALICE_BY_SUDO, true), "reset", A.toString(), "--confirm", A + "," + B, "--bind",
                "--force-host-impact", "--json");

        assertThat(code).isEqualTo(ExitCodes.REFUSED);
        assertThat(err).contains("refused: the audit log " + log().file() + " cannot be written",
                "an action that cannot be audited does not run").doesNotContain("Exception\n\tat");
        assertThat(sysfs.writes).isEmpty();
        assertThat(run(access(ALICE_BY_SUDO, true), "bind", A.toString(), "--vfio", "--force-host-impact"))
                .isEqualTo(ExitCodes.REFUSED);
        assertThat(run(access(ALICE_BY_SUDO, true), "restore")).isEqualTo(ExitCodes.REFUSED);
        assertThat(sysfs.writes).isEmpty();
    }

    @Test
    void aRunThatIsNotRootWritesNoLog() {
        int code = run(access(ALICE_BY_SUDO, false), "reset", A.toString(), "--confirm", A + "," + B, "--json");

        assertThat(code).isEqualTo(ExitCodes.REFUSED);
        assertThat(out).contains("NOT_ROOT");
        assertThat(Files.exists(log().file().getParent())).isFalse();
    }

    @Test
    void aSoakRecordsEveryRoundWithItsNumberAndVerdictBeforeItsWrites() {
        List<Integer> recordsAtInfo = new ArrayList<>();
        kernel.beforeHotResetInfo = () -> recordsAtInfo.add(records().size());
        int code = run(access(ALICE_BY_SUDO, true), "reset", A.toString(), "--confirm", A + "," + B, "--bind",
                "--force-host-impact", "--soak", "3", "--json");

        assertThat(code).as(err).isEqualTo(ExitCodes.OK);
        List<AuditRecord> r = records();
        assertThat(r).extracting(x -> x.action() + " " + x.phase() + " " + x.round().orElse(0))
                .containsExactly("soak-round intent 1", "soak-round result 1", "soak-round intent 2",
                        "soak-round result 2", "soak-round intent 3", "soak-round result 3");
        assertThat(recordsAtInfo).as("each round's ioctls come after its own intent line").containsSubsequence(1, 3, 5)
                .allMatch(n -> n % 2 == 1);
        for (AuditRecord x : r.subList(0, 6)) {
            if (x.phase().equals("result")) {
                assertThat(x.verification()).hasValue("came-back");
                assertThat(x.result()).hasValue("ok");
                assertThat(x.kernelSet()).containsExactly(A, B);
            }
            assertThat(x.invoker().askingUser()).hasValue("alice");
        }
    }

    @Test
    void historyListsTheRecordsAndSaysWhoAsked() throws IOException {
        run(access(ALICE_BY_SUDO, true), "bind", A.toString(), B.toString(), "--vfio", "--force-host-impact");
        run(access(BOB_BY_PKEXEC, true), "restore");

        assertThat(run(access(ALICE_BY_SUDO, true), "history")).isEqualTo(ExitCodes.OK);
        assertThat(out).contains("4 of 4 records", "bind  intent  by alice (uid 1000) via sudo as root",
                "restore  ok  by bob (uid 1001) via pkexec as root", "on lab-guest");

        assertThat(run(access(ALICE_BY_SUDO, true), "history", "--json", "--limit", "1")).isEqualTo(ExitCodes.OK);
        JsonNode doc = Json.mapper().readTree(out);
        assertThat(doc.get("log").asText()).isEqualTo(log().file().toString());
        assertThat(doc.get("records")).hasSize(1);
        assertThat(doc.get("records").get(0).get("action").asText()).isEqualTo("restore");
        assertThat(doc.get("records").get(0).get("invoker").get("pkexecUid").asInt()).isEqualTo(1001);
        assertThat(doc.get("skipped").asInt()).isZero();

        assertThat(run(access(ALICE_BY_SUDO, true), "history", "--json", "--since", "2999-01-01")).isEqualTo(ExitCodes.OK);
        assertThat(Json.mapper().readTree(out).get("records")).isEmpty();
    }

    @Test
    void historySurvivesAHostileLogAndPrintsNoEscapeSequences() throws IOException {
        run(access(ALICE_BY_SUDO, true), "bind", A.toString(), "--vfio", "--force-host-impact");
        // a record whose message holds terminal escape sequences (as JSON escapes: it is a valid record)
        String line = AuditLog.line(records().get(0)).replace("Binding 1", "\\u001b[2J\\u001b]0;pwned\\u0007Binding 1");
        Files.write(log().file(), (line + "\n\u0000\u00ff garbage {\n" + "[".repeat(100_000) + "\n")
                .getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.APPEND);

        assertThat(run(access(ALICE_BY_SUDO, true), "history")).as(err).isEqualTo(ExitCodes.OK);

        assertThat(out).contains("3 of 3 records, 2 lines skipped (not records)", "?[2J?]0;pwned?Binding 1")
                .doesNotContain("\u001b", "\u0007");
        assertThat(run(access(ALICE_BY_SUDO, true), "history", "--json")).isEqualTo(ExitCodes.OK);
        assertThat(Json.mapper().readTree(out).get("skipped").asInt()).isEqualTo(2);
    }

    @Test
    void anInterruptedActionShowsThatNoResultWasRecorded() throws IOException {
        run(access(ALICE_BY_SUDO, true), "bind", A.toString(), "--vfio", "--force-host-impact");
        // the process died after its intent: only the intent line is there
        List<String> lines = Files.readAllLines(log().file());
        Files.writeString(log().file(), lines.get(0) + "\n");

        run(access(ALICE_BY_SUDO, true), "history");

        assertThat(out).contains("[no result recorded]");
    }

    @Test
    void historyRefusesMalformedOptions() {
        assertThat(run(access(ALICE_BY_SUDO, true), "history", "--since", "yesterday")).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("--since needs a date (2026-03-01) or a UTC time");
        assertThat(run(access(ALICE_BY_SUDO, true), "history", "--limit", "0")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void thisHostsHistoryIsReadFromTheTestDirectoryNeverVarLog() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"history"}, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(o.toString(StandardCharsets.UTF_8)).contains(AuditLog.systemDirectory().toString())
                .doesNotContain("/var/log/vfio-inspector");
        assertThat(Files.exists(AuditLog.SYSTEM_DIRECTORY)).as("tests never create the real log").isFalse();
    }
}

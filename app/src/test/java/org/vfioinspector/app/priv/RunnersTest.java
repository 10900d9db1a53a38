package org.vfioinspector.app.priv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.report.BindDocument;
import org.vfioinspector.app.report.ProgressLine;
import org.vfioinspector.app.report.ProtocolStep;
import org.vfioinspector.app.report.ResetDocument;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.vfio.ProcessIdentity;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * The runners against fixture trees and a stand-in for pkexec (a script in a temporary directory): the
 * real pkexec is never run, and nothing touches this machine's /sys or /dev/vfio.
 */
class RunnersTest {

    @TempDir
    Path dir;
    @TempDir
    Path state;

    private static final PciAddress A = PciAddress.parse("0000:01:00.0");
    private static final PciAddress B = PciAddress.parse("0000:01:00.1");

    private void twoFunctionsOnVfioPci() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(3);
        fx.add(A.toString()).under(rp).nic(0x8086, 0x10d3).driver("vfio-pci").group(7).resetMethods("pm");
        fx.add(B.toString()).under(rp).audio(0x8086, 0x10d4).driver("vfio-pci").group(7).resetMethods("pm");
        fx.write();
    }

    @Test
    void inProcessRunnerReadsTheCliReportOfTheSameExecutor() {
        twoFunctionsOnVfioPci();
        // no dev/vfio in the fixture: as root the protocol stops at opening the container, else NOT_ROOT refuses
        CliInvocation inv = CliInvocation.reset(A, List.of(A, B), ResetKind.HOT_RESET, true, false,
                state.toAbsolutePath(), Optional.of(dir.toAbsolutePath()));

        List<ProgressLine> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunResult r = new InProcessRunner().run(inv, heard::add);

        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        ResetDocument rr = r.reset().orElseThrow();
        assertThat(rr.confirmedAddresses()).containsExactly(A, B);
        assertThat(rr.predicted()).containsExactly(A, B);
        assertThat(rr.dryRun()).isTrue();
        if (ProcessIdentity.isRoot()) {
            assertThat(rr.outcome()).isEqualTo(ResetDocument.Outcome.FAILED);
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(rr.error().orElseThrow().errnoName()).isEqualTo("ENOENT");
            assertThat(rr.steps()).extracting(ProtocolStep::step).contains("open_container");
            // which path the run takes (group: the fixture has no /dev/iommu), then the same call, heard as it
            // started and as it failed; none of it left in the error text
            assertThat(heard.get(0).progress()).isEqualTo(ProgressLine.Kind.PHASE);
            assertThat(heard.get(0).text()).startsWith("Through the group path");
            assertThat(heard.subList(1, heard.size())).extracting(ProgressLine::progress, ProgressLine::label).startsWith(
                    org.assertj.core.groups.Tuple.tuple(ProgressLine.Kind.STARTING, "open /dev/vfio/vfio"),
                    org.assertj.core.groups.Tuple.tuple(ProgressLine.Kind.STEP, "open /dev/vfio/vfio"));
            assertThat(heard.get(2).outcome()).isEqualTo(ProtocolStep.Outcome.FAILED);
            assertThat(r.message()).doesNotContain("\"progress\"");
        } else {
            assertThat(heard).as("a refused plan makes no call, so there is nothing to hear").isEmpty();
            assertThat(rr.outcome()).isEqualTo(ResetDocument.Outcome.REFUSED);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(rr.refusals()).extracting(ResetDocument.Finding::code).contains("NOT_ROOT");
        }
        assertThat(r.command()).startsWith("vfio-inspector --root ");
    }

    @Test
    void aCliErrorWithoutAReportKeepsItsMessage() {
        CliInvocation inv = CliInvocation.restore(state.toAbsolutePath(), Optional.of(dir.resolve("missing")));

        RunResult r = new InProcessRunner().run(inv);

        assertThat(r.status()).isEqualTo(RunResult.Status.NO_REPORT);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.summary()).isNotBlank();
    }

    private Path fakePkexec(String body) throws IOException {
        Path script = dir.resolve("fake-pkexec");
        Files.writeString(script, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void pkexecRunnerHandsOnProgressLinesWhileTheCommandStillRuns() throws IOException {
        Path heardFirst = dir.resolve("heard-first");
        // the stand-in prints a step, then waits (up to 20 s) until the test has heard it: only a runner that
        // reads standard error as it comes lets the command finish early with outcome "done"
        Path script = fakePkexec("printf '%s\\n' '{\"progress\":\"starting\",\"step\":\"hot_reset\","
                + "\"label\":\"VFIO_DEVICE_PCI_HOT_RESET\",\"target\":\"0000:01:00.0\"}' >&2\n"
                + "echo 'warning: not a progress line' >&2\n"
                + "i=0; while [ ! -e '" + heardFirst + "' ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done\n"
                + "if [ -e '" + heardFirst + "' ]; then o=done; else o=incomplete; fi\n"
                + "printf '%s\\n' '{\"progress\":\"step\",\"step\":\"hot_reset\",\"label\":\"VFIO_DEVICE_PCI_HOT_RESET\","
                + "\"target\":\"0000:01:00.0\",\"outcome\":\"ok\",\"detail\":\"1 group fd(s) passed\"}' >&2\n"
                + "printf '{\"operation\":\"restore\",\"outcome\":\"%s\",\"summary\":\"s\",\"functions\":[],"
                + "\"notes\":[]}' \"$o\"\n");
        PkexecRunner runner = new PkexecRunner(script, new Launcher(List.of("/usr/lib/vfio-inspector/bin/vfio-inspector")));
        List<ProgressLine> heard = new java.util.concurrent.CopyOnWriteArrayList<>();

        RunResult r = runner.run(CliInvocation.restore(state.toAbsolutePath(), Optional.empty()), e -> {
            heard.add(e);
            try {
                Files.createFile(heardFirst);
            } catch (IOException ignored) {
                // already there: a later line
            }
        });

        assertThat(r.bind().orElseThrow().outcome()).isEqualTo(BindDocument.Outcome.DONE);
        assertThat(heard).extracting(ProgressLine::describe).containsExactly(
                "… VFIO_DEVICE_PCI_HOT_RESET 0000:01:00.0", "✔ VFIO_DEVICE_PCI_HOT_RESET 0000:01:00.0: 1 group fd(s) passed");
        assertThat(r.message()).isEqualTo("warning: not a progress line");
    }

    @Test
    void pkexecRunnerPassesEachArgumentSeparatelyWithoutAShell() throws IOException {
        Path args = dir.resolve("args");
        Path script = fakePkexec("for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + args + "'; done\n"
                + "printf '%s' '{\"operation\":\"restore\",\"outcome\":\"done\",\"summary\":\"Nothing to restore.\","
                + "\"functions\":[],\"notes\":[]}'\n");
        Path odd = state.resolve("dir with space;$(reboot)");
        PkexecRunner runner = new PkexecRunner(script, new Launcher(List.of("/usr/lib/vfio-inspector/bin/vfio-inspector")));

        RunResult r = runner.run(CliInvocation.restore(odd.toAbsolutePath(), Optional.empty()));

        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.bind().orElseThrow().ok()).isTrue();
        assertThat(Files.readAllLines(args)).containsExactly("/usr/lib/vfio-inspector/bin/vfio-inspector", "restore",
                "--json", "--state-dir", odd.toAbsolutePath().toString());
        assertThat(r.command()).contains("'" + odd.toAbsolutePath() + "'");
    }

    @Test
    void pkexecThatDoesNotAuthorizeRunsNothing() throws IOException {
        Path script = fakePkexec("echo 'Error executing command as another user: Not authorized' >&2\nexit 126\n");
        PkexecRunner runner = new PkexecRunner(script, new Launcher(List.of("/usr/lib/vfio-inspector/bin/vfio-inspector")));

        RunResult r = runner.run(CliInvocation.restore(state.toAbsolutePath(), Optional.empty()));

        assertThat(r.status()).isEqualTo(RunResult.Status.NOT_AUTHORIZED);
        assertThat(r.message()).contains("Not authorized", "Nothing was changed");
    }

    @Test
    void aManualRunnerNeverRunsAndShowsTheCommandForRoot() {
        ManualRunner runner = new ManualRunner("pkexec is not installed.",
                new Launcher(List.of("/usr/bin/java", "-jar", "/opt/app/vfio inspector.jar")));

        RunResult r = runner.run(CliInvocation.bind(List.of(A), Path.of("/var/lib/vfio-inspector"), Optional.empty()));

        assertThat(runner.canRun()).isFalse();
        assertThat(r.status()).isEqualTo(RunResult.Status.NOT_RUN);
        assertThat(r.command()).isEqualTo("sudo /usr/bin/java -jar '/opt/app/vfio inspector.jar' bind 0000:01:00.0 "
                + "--vfio --json --state-dir /var/lib/vfio-inspector");
    }

    @Test
    void unreadableOutputBecomesNoReportWithTheErrorText() {
        CliInvocation inv = CliInvocation.restore(Path.of("/var/lib/vfio-inspector"), Optional.empty());

        assertThat(CliOutput.parse(inv, 2, "not json", "vfio-inspector: --demo is read-only", "x").message())
                .isEqualTo("vfio-inspector: --demo is read-only");
        assertThat(CliOutput.parse(inv, 0, "{\"outcome\":\"\"}", "", "x").status())
                .isEqualTo(RunResult.Status.NO_REPORT);
        RunResult badAddress = CliOutput.parse(CliInvocation.reset(A, List.of(A), ResetKind.FUNCTION_RESET, true,
                false, Path.of("/s"), Optional.empty()), 0, "{\"device\":\"0000:01:00.0\",\"outcome\":\"dry-run\",\"kernelSet\":[\"zz\"]}", "", "x");
        assertThat(badAddress.status()).isEqualTo(RunResult.Status.NO_REPORT);
        assertThat(badAddress.message()).contains("could not be read");
    }
}

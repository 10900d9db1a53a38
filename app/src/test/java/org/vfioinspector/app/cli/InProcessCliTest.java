package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.priv.CliInvocation;
import org.vfioinspector.app.priv.CliOutput;
import org.vfioinspector.app.priv.HostAccess;
import org.vfioinspector.app.priv.InProcessCommands;
import org.vfioinspector.app.report.BindDocument;
import org.vfioinspector.app.report.CliDocument;
import org.vfioinspector.app.report.ProgressLine;
import org.vfioinspector.app.report.ResetDocument;
import org.vfioinspector.core.bind.SimulatedSysfsKernel;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.vfio.FixtureVfioKernel;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * The in-process runner's command line: it prints no document and no progress line, and hands over the very
 * record that the printed path (pkexec) reads back from standard output. Fixture tree, simulated VFIO and
 * sysfs: never this machine's.
 */
class InProcessCliTest {

    private static final PciAddress A = PciAddress.parse("0000:01:00.0");
    private static final PciAddress B = PciAddress.parse("0000:01:00.1");

    @TempDir
    Path dir;
    @TempDir
    Path state;
    private HostAccess access;

    @BeforeEach
    void twoFunctionsOnHostDrivers() throws IOException {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(3);
        fx.add(A.toString()).under(rp).nic(0x8086, 0x10d3).driver("e1000e").group(7).resetMethods("pm");
        fx.add(B.toString()).under(rp).audio(0x8086, 0x10d4).driver("snd_hda_intel").group(7).resetMethods("pm");
        fx.file("proc/self/mountinfo", "22 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw\n");
        fx.file("proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n");
        fx.file("proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n");
        fx.file("dev/vfio/vfio", ""); // under the fixture root: the simulated kernel's container
        fx.write();
        Files.createDirectories(dir.resolve("sys/block"));
        Files.createDirectories(dir.resolve("sys/bus/pci/drivers/vfio-pci"));
        SimulatedSysfsKernel sysfs = new SimulatedSysfsKernel(HostRoot.of(dir));
        access = new HostAccess(new FixtureVfioKernel(dir).kernel(), r -> sysfs, () -> true);
    }

    private String[] args(CliInvocation inv) {
        return inv.arguments().toArray(String[]::new);
    }

    /** The fixture has no network tables, so the bind is refused (ROUTES_UNKNOWN) unless forced. */
    private CliInvocation dryRunWithBind(boolean force) {
        return CliInvocation.reset(A, List.of(A, B), ResetKind.HOT_RESET, true, true, force, state.toAbsolutePath(),
                Optional.of(dir.toAbsolutePath()));
    }

    /** Runs {@code inv} printed and read back, then in process: both must give the same document. */
    private CliDocument bothWays(CliInvocation inv) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int printedCode = Cli.run(args(inv), new PrintStream(printed, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), access);
        ResetDocument read = CliOutput.parse(inv, printedCode, printed.toString(StandardCharsets.UTF_8), "", "c")
                .reset().orElseThrow();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<ProgressLine> heard = new ArrayList<>();
        InProcessCommands.Result r = new InProcessCli().run(args(inv), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), access, heard::add);

        assertThat(out.size()).as("nothing printed").isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("\"progress\"");
        assertThat(heard).as("the bind phase is heard, as a record").isNotEmpty()
                .first().extracting(ProgressLine::progress).isEqualTo(ProgressLine.Kind.PHASE);
        assertThat(r.exitCode()).isEqualTo(printedCode);
        assertThat(r.document().orElseThrow()).isEqualTo(read);
        return read;
    }

    @Test
    void theDocumentIsHandedOverAsThePrintedPathReadsIt() {
        ResetDocument doc = (ResetDocument) bothWays(dryRunWithBind(true));

        assertThat(doc.outcome()).isEqualTo(ResetDocument.Outcome.DRY_RUN);
        assertThat(doc.kernelAddresses()).containsExactly(A, B);
        assertThat(doc.bind().orElseThrow().ok()).isTrue();
        assertThat(doc.restore().orElseThrow().outcome()).isEqualTo(BindDocument.Outcome.DONE);
    }

    @Test
    void aResetRefusedAtItsBindIsHandedOverAsItReadsToo() {
        ResetDocument doc = (ResetDocument) bothWays(dryRunWithBind(false));

        assertThat(doc.kind()).isEmpty();
        assertThat(doc.outcome()).isEqualTo(ResetDocument.Outcome.REFUSED);
        assertThat(doc.bind().orElseThrow().outcome()).isEqualTo(BindDocument.Outcome.REFUSED);
        assertThat(doc.steps()).isEmpty();
    }

    @Test
    void aCommandWithoutADocumentHandsOverNone() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InProcessCommands.Result r = new InProcessCli().run(new String[] {"--root", dir.toString(), "reset", "zz"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), access, l -> { });

        assertThat(r.document()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("vfio-inspector:");
    }
}

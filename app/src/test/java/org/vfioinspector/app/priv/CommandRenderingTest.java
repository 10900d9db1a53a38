package org.vfioinspector.app.priv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * The command a user is shown to copy, per kind of host: for this machine the command itself; for a capture
 * of another machine (a directory or a snapshot) and for the demo, never something that runs here as it
 * stands. Nothing here runs a command.
 */
class CommandRenderingTest {

    private static final PciAddress A = PciAddress.parse("0000:01:00.0");
    private static final Path STATE = Path.of("/var/lib/vfio-inspector");

    @TempDir
    Path dir;

    private static CliInvocation reset() {
        return CliInvocation.reset(A, List.of(A), ResetKind.FUNCTION_RESET, false, false, STATE, Optional.empty());
    }

    @Test
    void thisMachineWithoutPkexecGetsTheCommandToRunHere() {
        String shown = new ManualRunner("pkexec is not installed", new Launcher(List.of("/usr/bin/vfio-inspector")))
                .commandLine(reset());
        assertThat(shown).isEqualTo("sudo /usr/bin/vfio-inspector reset 0000:01:00.0 --confirm 0000:01:00.0 --function "
                + "--progress --json --state-dir /var/lib/vfio-inspector");
    }

    @Test
    void aDirectoryHostsCommandsAreCommentedOutAndSayWhereToRunThem() {
        new SysfsFixture(dir).write();
        PrivilegedRunner r = PrivilegedRunners.choose(HostRoot.of(dir));

        assertThat(r.canRun()).isFalse();
        assertThat(r.commandLine(reset())).isEqualTo("# run on the machine captured in " + dir + ", not on this one: "
                + "sudo vfio-inspector reset 0000:01:00.0 --confirm 0000:01:00.0 --function --progress --json "
                + "--state-dir /var/lib/vfio-inspector");
        assertThat(r.commandLine(CliInvocation.restore(STATE, Optional.empty()))).startsWith("# ");
        assertThat(r.run(reset()).status()).isEqualTo(RunResult.Status.NOT_RUN);
        assertThat(r.run(reset()).command()).startsWith("# run on the machine captured in ");
    }

    @Test
    void aSnapshotsDescriptionCannotBreakOutOfTheComment() {
        String shown = ManualRunner.elsewhere("not here", "snapshot evil\nrm -rf x.tar.gz").commandLine(reset());
        assertThat(shown).startsWith("# run on the machine captured in snapshot evil rm -rf x.tar.gz, not on this one: ")
                .doesNotContain("\n");
    }
}

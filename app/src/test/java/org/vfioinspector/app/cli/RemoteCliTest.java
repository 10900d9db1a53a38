package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.remote.TestSshd;
import org.vfioinspector.core.snapshot.Limits;
import org.vfioinspector.core.snapshot.SnapshotReader;

/**
 * {@code --host} through the CLI in-process, against an sshd this test starts ({@link TestSshd}); the client is
 * pointed at it with the {@code vfio.inspector.ssh} property (what {@code VFIO_INSPECTOR_SSH} does for users) and
 * the capture reads the lab guest's tree instead of {@code /}.
 */
class RemoteCliTest {

    @TempDir
    Path dir;
    private TestSshd sshd;

    @AfterEach
    void stop() {
        System.clearProperty(HostSource.SSH_PROPERTY);
        System.clearProperty(HostSource.CAPTURE_ROOT_PROPERTY);
        if (sshd != null) {
            sshd.close();
        }
    }

    private Path startWithLabTree() throws Exception {
        String why = TestSshd.unavailable();
        if (why != null) {
            System.out.println(getClass().getSimpleName() + " " + why);
        }
        assumeTrue(why == null, why);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        sshd = TestSshd.start(Files.createDirectory(dir.resolve("ssh")), "");
        Path archive = dir.resolve("lab-guest-snapshot.tar.gz");
        try (var in = RemoteCliTest.class.getResourceAsStream("/fixtures/lab/lab-guest-snapshot.tar.gz")) {
            Files.copy(in, archive);
        }
        Path tree = dir.resolve("lab");
        SnapshotReader.unpack(archive, tree, Limits.DEFAULT);
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path p : all.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                            Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        System.setProperty(HostSource.SSH_PROPERTY, String.join(" ", sshd.sshCommand()));
        System.setProperty(HostSource.CAPTURE_ROOT_PROPERTY, tree.toString());
        return tree;
    }

    @Test
    void aHostReadsLikeItsTreeAndItsSnapshotKeepsIt() throws Exception {
        Path tree = startWithLabTree();
        String host = "root@127.0.0.1:" + sshd.port();
        for (String cmd : List.of("groups")) {
            CliTest.Result remote = CliTest.run(new String[] {"--host", host, "--progress", cmd, "--json"});
            CliTest.Result local = CliTest.run(new String[] {"--root", tree.toString(), cmd, "--json"});
            assertThat(remote.code()).as(remote.err()).isEqualTo(local.code());
            assertThat(remote.out()).as(cmd).isEqualTo(local.out());
            assertThat(remote.err()).contains("received").contains("KiB from " + host);
        }
        Path out = dir.resolve("lab-over-ssh.tar.gz");
        CliTest.Result snap = CliTest.run(new String[] {"--host", host, "snapshot", out.toString()});
        assertThat(snap.code()).as(snap.err()).isZero();
        for (String cmd : List.of("tree", "groups")) {
            assertThat(CliTest.run(new String[] {"--root", out.toString(), cmd, "--json"}).out())
                    .isEqualTo(CliTest.run(new String[] {"--root", tree.toString(), cmd, "--json"}).out());
        }
        // what the tool suggests for a remote host names it, so pasted here it is refused rather than acting
        CliTest.Result blast = CliTest.run(new String[] {"--host", host, "blast", "0000:01:00.0"});
        CliTest.Result bind = CliTest.run(new String[] {"--host", host, "bind", "0000:01:00.0", "--vfio"});
        assertThat(bind.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bind.err()).contains("run 'vfio-inspector bind ...' on " + host + " itself");
        assertThat(blast.code()).as(blast.err()).isLessThan(2);
        if (blast.out().contains("vfio-inspector ")) {
            assertThat(blast.out()).contains("--host " + host);
        }
    }

    @Test
    void badHostsAndCombinationsAreUsageErrors() {
        for (String[] args : List.of(
                new String[] {"--host", "-oProxyCommand=touch /tmp/x", "tree"},
                new String[] {"--host", "lab1;reboot", "tree"},
                new String[] {"--host", "lab 1", "tree"},
                new String[] {"--host", "fe80::1", "tree"},
                new String[] {"--host", "lab1:99999", "tree"},
                new String[] {"--host", "lab1", "--demo", "tree"},
                new String[] {"--host", "lab1", "--root", "/", "tree"},
                new String[] {"--sudo", "tree"},
                new String[] {"--host", "lab1", "reset", "0000:01:00.0"},
                new String[] {"--host", "lab1", "restore"},
                new String[] {"--host", "lab1", "--timeout", "0", "tree"},
                new String[] {"--host", "-x"})) {
            CliTest.Result r = CliTest.run(args);
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().strip().lines().filter(l -> !l.startsWith("Try ")).count())
                    .as(r.err()).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableHostIsOneLineAndTheIoCode() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        System.setProperty(HostSource.SSH_PROPERTY, "ssh -o StrictHostKeyChecking=yes -o UserKnownHostsFile=/dev/null");
        CliTest.Result r = CliTest.run(new String[] {"--host", "nobody@127.0.0.1:" + closed, "groups"});
        assertThat(r.code()).isEqualTo(ExitCodes.IO);
        assertThat(r.err().strip().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains("connection refused");
    }

}

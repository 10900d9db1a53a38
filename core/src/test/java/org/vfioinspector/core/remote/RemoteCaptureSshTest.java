package org.vfioinspector.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.host.HostStateReader;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.BlastRadiusAnalyzer;
import org.vfioinspector.core.reset.Verdict;
import org.vfioinspector.core.snapshot.Limits;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * Remote captures through a real OpenSSH session to an sshd this test starts ({@link TestSshd}): fixture trees
 * read as root and as an unprivileged user, this machine's own /sys (read-only), a hostile server, and every
 * failure that must be one line.
 */
class RemoteCaptureSshTest {

    @TempDir
    Path dir;
    private TestSshd sshd;
    private String user;

    @BeforeEach
    void sshd() throws Exception {
        String why = TestSshd.unavailable();
        if (why != null) {
            System.out.println(getClass().getSimpleName() + " " + why);
        }
        assumeTrue(why == null, why);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // sshd reads keys as the user
        sshd = TestSshd.start(Files.createDirectory(dir.resolve("ssh")), "");
    }

    @AfterEach
    void stop() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
        if (user != null) {
            run("userdel", user);
        }
    }

    private RemoteOptions options(String root) {
        return new RemoteOptions(false, Duration.ofSeconds(30), sshd.sshCommand(), root, "test");
    }

    /** The QEMU lab guest's snapshot unpacked into a directory every user can read. */
    private Path labTree() throws Exception {
        Path tree = dir.resolve("lab");
        SnapshotReader.unpack(Path.of(getClass().getResource("/fixtures/lab/lab-guest-snapshot.tar.gz").toURI()),
                tree, Limits.DEFAULT);
        readableByAll(tree);
        return tree;
    }

    @Test
    void aFixtureCapturedAsRootOverSshReadsLikeTheTreeItself() throws Exception {
        Path tree = labTree();
        AtomicLong progress = new AtomicLong();
        try (RemoteSnapshot s = RemoteCapture.capture(sshd.host("root"), options(tree.toString()), progress::set);
             HostRoot remote = SnapshotReader.open(s.archive())) {
            assertThat(progress.get()).isEqualTo(s.received()).isPositive();
            Map<String, String> local = verdicts(HostRoot.of(tree));
            Map<String, String> captured = verdicts(remote);
            assertThat(captured).isEqualTo(local);
            assertThat(Files.readString(remote.resolve("snapshot-info.txt")))
                    .contains("source: host root@127.0.0.1:" + sshd.port() + " over ssh");
        }
    }

    @Test
    void anUnprivilegedUserSeesUnknownNeverReady() throws Exception {
        Path tree = labTree();
        // a process of root's holding a VFIO group (the lab snapshot was taken while none did)
        Path fd = Files.createDirectories(tree.resolve("proc/4242/fd"));
        Files.createSymbolicLink(fd.resolve("7"), Path.of("/dev/vfio/13"));
        Files.writeString(tree.resolve("proc/4242/comm"), "qemu-system-x86\n");
        // what the kernel hides from a user who is not root: config space past the header (unreadable here:
        // nothing), and other users' open files
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path p : all.toList()) {
                String name = p.getFileName().toString();
                if (!Files.isSymbolicLink(p) && (name.equals("config")
                        || name.equals("fd") && p.getParent().getParent().getFileName().toString().equals("proc"))) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                            Files.isDirectory(p) ? "rwx------" : "rw-------"));
                }
            }
        }
        user = "vfiotest" + Long.toHexString(System.nanoTime() & 0xffffff);
        Path home = Files.createDirectory(dir.resolve("home"));
        run("useradd", "-M", "-d", home.toString(), "-s", "/bin/sh", user);
        run("usermod", "-p", "*", user); // no password, but not a locked account (sshd refuses locked ones)
        run("chown", user, home.toString());
        try (RemoteSnapshot s = RemoteCapture.capture(sshd.host(user), options(tree.toString()), b -> { });
             HostRoot remote = SnapshotReader.open(s.archive())) {
            Map<String, String> local = verdicts(HostRoot.of(tree));
            Map<String, String> captured = verdicts(remote);
            assertThat(captured.keySet()).isEqualTo(local.keySet());
            assertThat(captured.values()).as("nothing is ready when config space and holders cannot be read")
                    .noneMatch(v -> v.contains("READY"));
            assertThat(holdersComplete(HostRoot.of(tree))).as("root sees every holder of the tree").isTrue();
            assertThat(holdersComplete(remote)).as("the user could not read them: holders unknown").isFalse();
            assertThat(s.notes()).anyMatch(n -> n.contains("without --sudo"));
        }
    }

    @Test
    void sudoThatWantsAPasswordIsOneLine() throws Exception {
        user = "vfiotest" + Long.toHexString(System.nanoTime() & 0xffffff);
        Path home = Files.createDirectory(dir.resolve("home"));
        run("useradd", "-M", "-d", home.toString(), "-s", "/bin/sh", user);
        run("usermod", "-p", "*", user);
        RemoteOptions o = new RemoteOptions(true, Duration.ofSeconds(20), sshd.sshCommand(), "/", "test");
        assertThatThrownBy(() -> RemoteCapture.capture(sshd.host(user), o, b -> { }))
                .isInstanceOfSatisfying(RemoteCaptureException.class, e -> {
                    assertThat(e.problem()).isEqualTo(RemoteCaptureException.Problem.SUDO);
                    assertThat(e.getMessage()).doesNotContain("\n").contains("sudo");
                });
    }

    @Test
    void thisMachinesOwnSysReadOnlyWithSudo() throws Exception {
        RemoteOptions o = new RemoteOptions(Files.isExecutable(Path.of("/usr/bin/sudo")), Duration.ofSeconds(60),
                sshd.sshCommand(), "/", "test");
        Topology here = new SysfsReader(HostRoot.live()).scan();
        try (RemoteSnapshot s = RemoteCapture.capture(sshd.host("root"), o, b -> { });
             HostRoot remote = SnapshotReader.open(s.archive())) {
            Topology there = new SysfsReader(remote).scan();
            assertThat(there.devices().stream().map(d -> d.address().toString()).toList())
                    .isEqualTo(here.devices().stream().map(d -> d.address().toString()).toList());
            for (PciDevice d : there.devices()) {
                PciDevice h = here.device(d.address()).orElseThrow();
                assertThat(d.iommuGroup()).as(d.address().toString()).isEqualTo(h.iommuGroup());
                assertThat(d.driver()).as(d.address().toString()).isEqualTo(h.driver());
            }
        }
    }

    @Test
    void aHostileServerIsRefusedWithOneLineAndNothingWrittenOutside() throws Exception {
        Path outside = dir.resolve("outside");
        Files.createDirectory(outside);
        Map<String, ArchiveBody> evil = new TreeMap<>();
        evil.put("traversal", tar -> file(tar, "../outside/pwned", "x".getBytes(StandardCharsets.UTF_8)));
        evil.put("huge", tar -> file(tar, "sys/big", new byte[(int) Limits.DEFAULT.maxFileBytes() + 1]));
        evil.put("escape", tar -> {
            TarArchiveEntry l = new TarArchiveEntry("sys", TarConstants.LF_SYMLINK);
            l.setLinkName(outside.toString());
            tar.putArchiveEntry(l);
            tar.closeArchiveEntry();
            file(tar, "sys/pwned", new byte[1]);
        });
        evil.put("not an archive", null);
        for (Map.Entry<String, ArchiveBody> e : evil.entrySet()) {
            Path archive = dir.resolve("ssh/" + e.getKey().replace(' ', '-') + ".tar.gz");
            if (e.getValue() == null) {
                Files.writeString(archive, "Welcome to the lab!\n");
            } else {
                tarGz(archive, e.getValue());
            }
            sshd.authorize("command=\"cat " + archive + "\"", sshd.dir().resolve("client_key.pub"));
            assertThatThrownBy(() -> RemoteCapture.capture(sshd.host("root"), options("/"), b -> { }))
                    .as(e.getKey())
                    .isInstanceOfSatisfying(RemoteCaptureException.class, x -> {
                        assertThat(x.problem()).as(e.getKey()).isEqualTo(RemoteCaptureException.Problem.REFUSED);
                        assertThat(x.getMessage()).as(e.getKey()).doesNotContain("\n").contains("refused");
                    });
            try (Stream<Path> s = Files.list(outside)) {
                assertThat(s.toList()).as(e.getKey()).isEmpty();
            }
        }
    }

    @Test
    void unreachableHostsAreOneLine() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        expect(RemoteHost.parse("root@127.0.0.1:" + closed), options("/"), RemoteCaptureException.Problem.UNREACHABLE,
                "refused");
        expect(RemoteHost.parse("root@no-such-host.invalid"), options("/"), RemoteCaptureException.Problem.UNREACHABLE,
                "does not resolve");
    }

    @Test
    void aRefusedKeyIsOneLine() throws Exception {
        Path other = dir.resolve("other_key");
        TestSshd.keygen(other);
        sshd.authorize("", Path.of(other + ".pub"));
        expect(sshd.host("root"), options("/"), RemoteCaptureException.Problem.AUTH_REFUSED, "authentication refused");
    }

    @Test
    void anUnknownHostKeyIsOneLine() throws Exception {
        Files.writeString(sshd.dir().resolve("known_hosts"), "");
        expect(sshd.host("root"), options("/"), RemoteCaptureException.Problem.HOST_KEY, "not known");
    }

    @Test
    void aChangedHostKeyIsOneLine() throws Exception {
        Path other = dir.resolve("other_host_key");
        TestSshd.keygen(other);
        Files.writeString(sshd.dir().resolve("known_hosts"), "[127.0.0.1]:" + sshd.port() + " "
                + Files.readString(Path.of(other + ".pub")));
        expect(sshd.host("root"), options("/"), RemoteCaptureException.Problem.HOST_KEY, "CHANGED");
    }

    @Test
    void noSysOnTheRemoteIsOneLine() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        expect(sshd.host("root"), options(empty.toString()), RemoteCaptureException.Problem.NO_SYS, "no ");
    }

    /**
     * Not Linux: the remote's {@code uname} says so. There is no other system here, so a {@code uname} printing
     * FreeBSD comes first on the session's PATH (authorized_keys {@code environment=}); the script's own check is real.
     */
    @Test
    void notLinuxIsOneLine() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path uname = bin.resolve("uname");
        Files.writeString(uname, "#!/bin/sh\necho FreeBSD\n");
        Files.setPosixFilePermissions(uname, PosixFilePermissions.fromString("rwxr-xr-x"));
        sshd.authorize("environment=\"PATH=" + bin + ":/usr/bin:/bin\"", sshd.dir().resolve("client_key.pub"));
        expect(sshd.host("root"), options("/"), RemoteCaptureException.Problem.NOT_LINUX, "FreeBSD");
    }

    @Test
    void aCaptureThatTakesTooLongTimesOut() throws Exception {
        sshd.authorize("command=\"sleep 30\"", sshd.dir().resolve("client_key.pub"));
        RemoteOptions o = new RemoteOptions(false, Duration.ofSeconds(2), sshd.sshCommand(), "/", "test");
        long start = System.nanoTime();
        expect(sshd.host("root"), o, RemoteCaptureException.Problem.TIMEOUT, "within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    private static void expect(RemoteHost host, RemoteOptions o, RemoteCaptureException.Problem problem, String text) {
        assertThatThrownBy(() -> RemoteCapture.capture(host, o, b -> { }))
                .isInstanceOfSatisfying(RemoteCaptureException.class, e -> {
                    assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem);
                    assertThat(e.getMessage()).doesNotContain("\n").contains(text);
                });
    }

    private static boolean holdersComplete(HostRoot root) {
        Topology t = new SysfsReader(root).scan();
        return HostStateReader.read(root, t).holders().complete();
    }

    /** Every function's group, driver and verdicts of both reset kinds, as text. */
    static Map<String, String> verdicts(HostRoot root) {
        Topology t = new SysfsReader(root).scan();
        BlastRadiusAnalyzer an = new BlastRadiusAnalyzer(t, HostStateReader.read(root, t));
        Map<String, String> out = new TreeMap<>();
        for (PciDevice d : t.devices()) {
            var b = an.analyze(d.address());
            out.put(d.address().toString(), d.iommuGroup() + " " + d.driver() + " " + b.verdict() + " "
                    + b.hotResetVerdict() + " " + b.functionReset().verdict() + " " + b.blockers().size()
                    + " " + b.unknowns().size());
        }
        return out;
    }

    private static void readableByAll(Path tree) throws IOException {
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path p : all.toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    interface ArchiveBody {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static void tarGz(Path file, ArchiveBody body) throws IOException {
        try (OutputStream o = Files.newOutputStream(file);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(o);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            file(tar, "sys/bus/pci/devices/", null);
            body.write(tar);
            tar.finish();
        }
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        if (data != null) {
            e.setSize(data.length);
        }
        tar.putArchiveEntry(e);
        if (data != null) {
            tar.write(data);
        }
        tar.closeArchiveEntry();
    }

}

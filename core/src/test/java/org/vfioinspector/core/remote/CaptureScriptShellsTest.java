package org.vfioinspector.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.snapshot.Limits;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * The capture script under busybox sh (its own tar and head) without ssh: the tree it sends reads like the
 * fixture itself. dash runs it in {@link RemoteCaptureSshTest} (Debian's /bin/sh, what sshd starts).
 */
class CaptureScriptShellsTest {

    @TempDir
    Path dir;

    @Test
    void busyboxShCapturesTheLabGuestLikeTheTreeItself() throws Exception {
        Path busybox = Path.of("/usr/bin/busybox");
        assumeTrue(Files.isExecutable(busybox), "busybox is not installed");
        Path tree = dir.resolve("lab");
        SnapshotReader.unpack(Path.of(getClass().getResource("/fixtures/lab/lab-guest-snapshot.tar.gz").toURI()),
                tree, Limits.DEFAULT);
        Path out = dir.resolve("sent.tar.gz");
        Process p = new ProcessBuilder(List.of(busybox.toString(), "sh", "-s", "--", tree.toString()))
                .redirectOutput(out.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(RemoteCapture.script().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        Path unpacked = dir.resolve("unpacked");
        SnapshotReader.unpack(out, unpacked, Limits.DEFAULT);
        assertThat(RemoteCaptureSshTest.verdicts(HostRoot.of(unpacked)))
                .isEqualTo(RemoteCaptureSshTest.verdicts(HostRoot.of(tree)));
    }
}

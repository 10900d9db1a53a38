package org.vfioinspector.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * Hostile and broken archives, each built here with Commons Compress. Every test checks the
 * message, that nothing appeared outside the target, and that the partial target is gone.
 */
class SnapshotReaderSafetyTest {

    @TempDir
    Path work;

    private Path target;
    private Path outside;
    private List<Path> before;

    @BeforeEach
    void layout() throws IOException {
        target = work.resolve("a/b/unpacked");
        outside = Files.createDirectories(work.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "do not touch");
        Files.createDirectories(work.resolve("a/b"));
    }

    /** Unpacks and expects a refusal; then checks nothing changed outside and the target is gone. */
    private AbstractThrowableAssert<?, ? extends Throwable> refused(Path archive, Limits limits) throws IOException {
        before = tree();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> SnapshotReader.unpack(archive, target, limits));
        assertThat(Files.exists(target, LinkOption.NOFOLLOW_LINKS)).as("partial target removed").isFalse();
        assertThat(tree()).as("nothing written outside the target").isEqualTo(before);
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("do not touch");
        return assertThat(thrown).isInstanceOf(SnapshotException.class);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(Path archive) throws IOException {
        return refused(archive, Limits.DEFAULT);
    }

    private List<Path> tree() throws IOException {
        try (Stream<Path> s = Files.walk(work)) {
            return s.sorted().toList();
        }
    }

    private Path archive(Archives.Body body) throws IOException {
        return Archives.tarGz(work.resolve("evil.tar.gz"), body);
    }

    @Test
    void absolutePathIsRefused() throws IOException {
        String absolute = work.resolve("outside/planted").toString();
        Path a = archive(tar -> Archives.file(tar, new TarArchiveEntry(absolute, true), new byte[] {1}));
        refused(a).hasMessageContaining("absolute path").hasMessageContaining(absolute);
    }

    @Test
    void longAbsolutePathInAPaxHeaderIsRefused() throws IOException {
        // longer than ustar's 100 bytes, so the name travels in a PAX "path" record
        String absolute = work.resolve("outside/" + "deep/".repeat(30) + "planted").toString();
        Path a = archive(tar -> Archives.file(tar, new TarArchiveEntry(absolute, true), new byte[] {1}));
        refused(a).hasMessageContaining("absolute path");
    }

    @Test
    void longAbsolutePathAsAGnuLongNameIsRefused() throws IOException {
        String absolute = work.resolve("outside/" + "deep/".repeat(30) + "planted").toString();
        Path a = Archives.tarGz(work.resolve("gnu.tar.gz"), tar -> {
            tar.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_GNU);
            Archives.file(tar, new TarArchiveEntry(absolute, true), new byte[] {1});
        });
        refused(a).hasMessageContaining("absolute path");
    }

    @Test
    void dotDotIsRefused() throws IOException {
        Path a = archive(tar -> {
            Archives.file(tar, "sys/ok", "fine");
            Archives.file(tar, "../evil", "boom");
        });
        refused(a).hasMessageContaining("'..'").hasMessageContaining("../evil");
        assertThat(work.resolve("a/b/evil")).doesNotExist();
    }

    @Test
    void dotDotInsideAPathIsRefused() throws IOException {
        Path a = archive(tar -> Archives.file(tar, "sys/../../../outside/secret", "overwritten"));
        refused(a).hasMessageContaining("'..'");
    }

    @Test
    void controlCharacterInANameIsRefused() throws IOException {
        Path a = archive(tar -> Archives.file(tar, "sys/bus\u001b[31m/x", "x"));
        refused(a).hasMessageContaining("control character").hasMessageContaining("sys/bus\\x1b[31m/x");
    }

    @Test
    void symlinkEscapingTheRootThenAFileThroughItIsRefusedAtTheLink() throws IOException {
        Path a = archive(tar -> {
            Archives.symlink(tar, "sys/escape", "../../../../outside");
            Archives.file(tar, "sys/escape/planted", "boom");
        });
        refused(a).hasMessageContaining("sys/escape").hasMessageContaining("points outside the snapshot");
        assertThat(outside.resolve("planted")).doesNotExist();
    }

    @Test
    void absoluteSymlinkIsRefused() throws IOException {
        Path a = archive(tar -> Archives.symlink(tar, "sys/root", "/"));
        refused(a).hasMessageContaining("sys/root").hasMessageContaining("absolute path /");
    }

    @Test
    void deviceLinkOutsideAProcessFdDirectoryIsRefused() throws IOException {
        Path a = archive(tar -> Archives.symlink(tar, "sys/vfio", "/dev/vfio/12"));
        refused(a).hasMessageContaining("sys/vfio").hasMessageContaining("absolute path /dev/vfio/12");
    }

    @Test
    void fdLinkClimbingOutOfDevIsRefused() throws IOException {
        Path a = archive(tar -> Archives.symlink(tar, "proc/1234/fd/7", "/dev/../etc/shadow"));
        refused(a).hasMessageContaining("proc/1234/fd/7");
    }

    @Test
    void fileWrittenThroughAnInsideSymlinkIsRefused() throws IOException {
        Path a = archive(tar -> {
            Archives.dir(tar, "proc");
            Archives.symlink(tar, "sys/link", "../proc");
            Archives.file(tar, "sys/link/planted", "boom");
        });
        refused(a).hasMessageContaining("sys/link/planted")
                .hasMessageContaining("written through the symbolic link sys/link");
    }

    @Test
    void fileAtTheSamePathAsASymlinkNeverWritesThroughIt() throws IOException {
        Path a = archive(tar -> {
            Archives.file(tar, "sys/real", "original");
            Archives.symlink(tar, "sys/alias", "real");
            Archives.file(tar, "sys/alias", "overwritten");
        });
        refused(a).hasMessageContaining("sys/alias twice");
    }

    @Test
    void duplicateFileIsRefused() throws IOException {
        Path a = archive(tar -> {
            Archives.file(tar, "proc/cmdline", "one");
            Archives.file(tar, "proc/cmdline", "two");
        });
        refused(a).hasMessageContaining("proc/cmdline twice");
    }

    @Test
    void symlinkThatEscapesOnlyThroughAnotherLinkIsRefused() throws IOException {
        // each target looks harmless by name; together t resolves to ../outside
        Path a = archive(tar -> {
            Archives.symlink(tar, "s", ".");
            Archives.symlink(tar, "t", "s/../outside");
        });
        refused(a).hasMessageContaining("symbolic link t leads outside the snapshot through other links");
    }

    @Test
    void symlinkLoopIsRefused() throws IOException {
        Path a = archive(tar -> {
            Archives.symlink(tar, "sys/a", "b");
            Archives.symlink(tar, "sys/b", "a");
        });
        refused(a).hasMessageContaining("link loop");
    }

    @Test
    void hardLinkIsRefused() throws IOException {
        Path a = archive(tar -> Archives.hardLink(tar, "sys/passwd", "../../../../outside/secret"));
        refused(a).hasMessageContaining("sys/passwd").hasMessageContaining("hard link");
    }

    @Test
    void characterDeviceIsRefused() throws IOException {
        Path a = archive(tar -> {
            TarArchiveEntry dev = new TarArchiveEntry("dev/vfio/vfio", TarConstants.LF_CHR);
            dev.setDevMajor(10);
            dev.setDevMinor(196);
            tar.putArchiveEntry(dev);
            tar.closeArchiveEntry();
        });
        refused(a).hasMessage("archive entry dev/vfio/vfio is a device file");
    }

    @Test
    void fifoIsRefused() throws IOException {
        Path a = archive(tar -> {
            tar.putArchiveEntry(new TarArchiveEntry("proc/pipe", TarConstants.LF_FIFO));
            tar.closeArchiveEntry();
        });
        refused(a).hasMessage("archive entry proc/pipe is a FIFO");
    }

    @Test
    void headerClaimingTenGibibytesIsRefusedBeforeReadingIt() throws IOException {
        TarArchiveEntry huge = new TarArchiveEntry("sys/huge");
        huge.setSize(10L << 30);
        byte[] header = new byte[512];
        // star mode: base-256 size, the only way to put 10 GiB in a plain header
        huge.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding("UTF-8"), true);
        Path a = work.resolve("huge.tar.gz");
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(a))) {
            out.write(header);
            out.write(new byte[4096]); // a little of the promised data, then nothing
        }
        refused(a).hasMessageContaining("sys/huge").hasMessageContaining("claims 10 GiB")
                .hasMessageContaining("1 MiB");
    }

    @Test
    void fileOverTheSizeLimitIsRefused() throws IOException {
        Limits small = new Limits(100, 1024, 4096);
        Path a = archive(tar -> Archives.file(tar, new TarArchiveEntry("sys/big"), new byte[1025]));
        refused(a, small).hasMessageContaining("sys/big").hasMessageContaining("claims 1.0 KiB");
    }

    @Test
    void totalOverTheLimitIsRefused() throws IOException {
        Limits small = new Limits(100, 1024, 4096);
        Path a = archive(tar -> {
            for (int i = 0; i < 5; i++) {
                Archives.file(tar, new TarArchiveEntry("sys/f" + i), new byte[1000]);
            }
        });
        refused(a, small).hasMessageContaining("more than 4 KiB of data").hasMessageContaining("sys/f4");
    }

    @Test
    void tooManyEntriesAreRefusedAtTheLoweredLimit() throws IOException {
        int limit = 5_000;
        Path a = work.resolve("many.tar.gz");
        GzipParameters fast = new GzipParameters();
        fast.setCompressionLevel(1);
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(a), fast);
             var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
            byte[] one = {'x'};
            for (int i = 0; i <= 100_000; i++) {
                Archives.file(tar, new TarArchiveEntry("sys/many/" + i), one);
            }
            tar.finish();
        }
        refused(a, Limits.DEFAULT.withMaxEntries(limit)).hasMessageContaining("more than " + limit + " entries");
    }

    @Test
    void truncatedGzipIsReported() throws IOException {
        HostTree host = HostTree.sample(work.resolve("host"));
        Path whole = work.resolve("whole.tar.gz");
        new SnapshotWriter("t").write(HostRoot.of(host.root), whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(work.resolve("cut.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        refused(cut).hasMessage("archive cut.tar.gz is truncated (it ends in the middle of the data)");
    }

    @Test
    void gzipCutJustBeforeItsTrailerIsReported() throws IOException {
        Path a = archive(tar -> Archives.file(tar, "proc/version", "Linux"));
        byte[] bytes = Files.readAllBytes(a);
        // the last 8 bytes are the CRC and length; all tar data is still there
        Path cut = Files.write(work.resolve("cut.tar.gz"), Arrays.copyOf(bytes, bytes.length - 4));
        refused(cut).hasMessageContaining("truncated");
    }

    @Test
    void randomGarbageIsNotATarGz() throws IOException {
        byte[] junk = new byte[8192];
        new Random(42).nextBytes(junk);
        junk[0] = 'J'; // never a gzip magic by accident
        Path a = Files.write(work.resolve("junk.tar.gz"), junk);
        refused(a).hasMessage("junk.tar.gz is not a gzip-compressed tar archive");
    }

    @Test
    void gzippedTextIsNotATarGz() throws IOException {
        Path a = work.resolve("text.tar.gz");
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(a))) {
            out.write("just some text, not a tar archive\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        }
        refused(a).hasMessage("text.tar.gz is not a gzip-compressed tar archive");
    }

    @Test
    void emptyFileIsNotATarGz() throws IOException {
        Path a = Files.write(work.resolve("empty.tar.gz"), new byte[0]);
        refused(a).hasMessage("empty.tar.gz is not a gzip-compressed tar archive");
    }

    @Test
    void oversizedPaxHeaderIsRefused() throws IOException {
        Path a = archive(tar -> {
            TarArchiveEntry e = new TarArchiveEntry("sys/padded");
            e.addPaxHeader("VFIO.padding", "x".repeat(GuardedTarInputStream.MAX_METADATA + 1));
            Archives.file(tar, e, new byte[] {1});
        });
        refused(a).hasMessageContaining("extended header").hasMessageContaining("at most 64 KiB");
    }

    @Test
    void bulkyHeadersAreCappedByTheExpansionLimit() throws IOException {
        // each header is under the metadata limit, but together they expand far beyond the data limit
        Limits small = new Limits(1000, 1024, 1024);
        Path a = archive(tar -> {
            for (int i = 0; i < 100; i++) {
                TarArchiveEntry e = new TarArchiveEntry("sys/f" + i);
                e.addPaxHeader("VFIO.padding", "x".repeat(60 * 1024));
                Archives.file(tar, e, new byte[] {1});
            }
        });
        refused(a, small).hasMessageContaining("archive expands to more than");
    }

    @Test
    void dataAfterTheEndOfTheTarIsRefused() throws IOException {
        Path a = work.resolve("trailer.tar.gz");
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(a));
             var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(new java.io.FilterOutputStream(out) {
                 @Override
                 public void close() {
                     // keep the gzip stream open for the trailer below
                 }
             })) {
            Archives.file(tar, "proc/version", "Linux");
            tar.finish();
            out.write(new byte[2 << 20]);
        }
        refused(a).hasMessageContaining("unexpected data after the end of the tar archive");
    }

    @Test
    void nonEmptyTargetIsRefusedAndKept() throws IOException {
        Path a = archive(tar -> Archives.file(tar, "proc/version", "Linux"));
        Files.createDirectories(target);
        Files.writeString(target.resolve("mine"), "keep");
        assertThatThrownBy(() -> SnapshotReader.unpack(a, target, Limits.DEFAULT))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("not empty");
        assertThat(Files.readString(target.resolve("mine"))).isEqualTo("keep");
    }

    @Test
    void failureInAnExistingEmptyTargetEmptiesItButKeepsIt() throws IOException {
        Path a = archive(tar -> {
            Archives.file(tar, "proc/version", "Linux");
            Archives.file(tar, "../evil", "boom");
        });
        Files.createDirectories(target);
        assertThatThrownBy(() -> SnapshotReader.unpack(a, target, Limits.DEFAULT))
                .isInstanceOf(SnapshotException.class);
        assertThat(target).isEmptyDirectory();
    }

    @Test
    void openRemovesItsTemporaryDirectoryOnFailure() throws IOException {
        Path tmpRoot = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> snapshotsBefore = snapshotDirs(tmpRoot);
        Path a = archive(tar -> {
            Archives.file(tar, "proc/version", "Linux");
            Archives.symlink(tar, "sys/x", "/etc");
        });
        assertThatThrownBy(() -> SnapshotReader.open(a)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("sys/x");
        assertThat(snapshotDirs(tmpRoot)).isEqualTo(snapshotsBefore);
    }

    private static List<Path> snapshotDirs(Path tmpRoot) throws IOException {
        try (Stream<Path> s = Files.list(tmpRoot)) {
            return s.filter(p -> p.getFileName().toString().startsWith("vfio-inspector-snapshot-")).sorted().toList();
        }
    }

    @Test
    void wellFormedArchiveFromAnotherToolUnpacks() throws IOException {
        // "./" prefixes as written by tar -C root ., a holder fd link and a kvm-vfio anon inode
        Path a = archive(tar -> {
            Archives.dir(tar, "./");
            Archives.dir(tar, "./proc/");
            Archives.file(tar, "./proc/version", "Linux");
            Archives.symlink(tar, "./proc/77/fd/4", "/dev/vfio/devices/vfio0");
            Archives.symlink(tar, "./proc/77/fd/5", "anon_inode:kvm-vfio");
        });
        SnapshotReader.unpack(a, target, Limits.DEFAULT);
        assertThat(Files.readString(target.resolve("proc/version"))).isEqualTo("Linux");
        assertThat(Files.readSymbolicLink(target.resolve("proc/77/fd/4"))).hasToString("../../../dev/vfio/devices/vfio0");
        assertThat(Files.readSymbolicLink(target.resolve("proc/77/fd/5"))).hasToString("anon_inode:kvm-vfio");
    }
}

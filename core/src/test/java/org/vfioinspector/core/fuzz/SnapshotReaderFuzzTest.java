package org.vfioinspector.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.vfioinspector.core.snapshot.Limits;
import org.vfioinspector.core.snapshot.SnapshotException;
import org.vfioinspector.core.snapshot.SnapshotReader;

/**
 * Snapshot archives from anywhere, unpacked into a fresh sandbox: the reader either unpacks inside
 * its target or refuses with one {@link SnapshotException}, removes its partial target, and never
 * touches anything else.
 */
class SnapshotReaderFuzzTest {

    /** Small limits keep each run fast; the default ones are tested in SnapshotReaderSafetyTest. */
    private static final Limits LIMITS = new Limits(64, 4096, 16 * 1024);

    private static final String[] PREFIXES = {"", "sys/", "./sys/", "proc/77/fd/", "../", "/", "sys/../", "sys/a/"};
    private static final String[] LINK_TARGETS = {"/dev/vfio/12", "../..", "a", "/etc", "../../../dev/vfio/1",
        "../../sys", "sys/a", ".", "anon_inode:kvm-vfio"};
    private static final byte[] TYPES = {TarConstants.LF_NORMAL, TarConstants.LF_DIR, TarConstants.LF_SYMLINK,
        TarConstants.LF_LINK, TarConstants.LF_CHR, TarConstants.LF_BLK, TarConstants.LF_FIFO, TarConstants.LF_CONTIG,
        TarConstants.LF_GNUTYPE_SPARSE, (byte) 'Z'};

    /** Raw archive bytes: the seeds are real tar.gz files; mutations damage gzip, tar headers and names. */
    @FuzzTest(maxDuration = "30s")
    void unpackArchiveBytes(byte[] archive) throws IOException {
        unpackInSandbox(archive);
    }

    /** Archives built entry by entry, so the fuzzer reaches the name, link and type rules quickly. */
    @FuzzTest(maxDuration = "30s")
    void unpackGeneratedEntries(FuzzedDataProvider data) throws IOException {
        byte[] archive;
        try {
            archive = build(data);
        } catch (IOException | RuntimeException e) {
            return; // Commons Compress would not write this entry; nothing to unpack
        }
        if (data.consumeBoolean()) {
            archive = Arrays.copyOf(archive, data.consumeInt(0, archive.length));
        }
        unpackInSandbox(archive);
    }

    private static byte[] build(FuzzedDataProvider data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            int entries = data.consumeInt(1, 8);
            for (int i = 0; i < entries; i++) {
                String name = data.pickValue(PREFIXES) + data.consumeString(24);
                byte type = data.pickValue(TYPES);
                TarArchiveEntry e = new TarArchiveEntry(name, type, true);
                if (type == TarConstants.LF_SYMLINK || type == TarConstants.LF_LINK) {
                    e.setLinkName(data.consumeBoolean() ? data.pickValue(LINK_TARGETS) : data.consumeString(24));
                }
                byte[] content = type == TarConstants.LF_NORMAL ? data.consumeBytes(64) : new byte[0];
                e.setSize(content.length);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return bytes.toByteArray();
    }

    private static void unpackInSandbox(byte[] archive) throws IOException {
        Path sandbox = Files.createTempDirectory("vfio-inspector-fuzz-");
        try {
            Path file = Files.write(sandbox.resolve("in.tar.gz"), archive);
            Path outside = Files.createDirectories(sandbox.resolve("outside"));
            Files.writeString(outside.resolve("secret"), "keep");
            Path target = sandbox.resolve("outside/../t/unpacked");
            Files.createDirectories(sandbox.resolve("t"));
            List<Path> before = tree(sandbox);

            SnapshotException refused = null;
            try {
                SnapshotReader.unpack(file, target, LIMITS);
            } catch (SnapshotException e) {
                refused = e;
            }

            Path unpacked = sandbox.resolve("t/unpacked");
            List<Path> after = tree(sandbox).stream().filter(p -> !p.startsWith(unpacked)).toList();
            assertThat(after).as("nothing written outside the target").isEqualTo(before);
            assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("keep");
            if (refused != null) {
                assertThat(refused.getMessage()).isNotBlank();
                Invariants.printable("refusal", refused.getMessage());
                assertThat(Files.exists(unpacked, LinkOption.NOFOLLOW_LINKS)).as("partial target removed").isFalse();
            } else {
                confined(unpacked);
            }
        } finally {
            org.vfioinspector.core.fixture.TempTrees.delete(sandbox);
        }
    }

    /** Only files, directories and links that resolve inside the target; files within the limits. */
    private static void confined(Path target) throws IOException {
        Path real = target.toRealPath();
        List<Path> all = tree(target);
        assertThat(all.size() - 1).isLessThanOrEqualTo(LIMITS.maxEntries());
        for (Path p : all) {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                Path resolved = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
                // Path.startsWith, not AssertJ's: that one resolves the path, and the link may dangle
                assertThat(resolved.startsWith(target)).as("link %s stays inside", p).isTrue();
                if (Files.exists(p)) {
                    assertThat(p.toRealPath().startsWith(real)).as("link %s through other links", p).isTrue();
                }
            } else if (a.isRegularFile()) {
                assertThat(a.size()).isLessThanOrEqualTo(LIMITS.maxFileBytes());
                assertThat((Integer) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1);
            } else {
                assertThat(a.isDirectory()).as("%s is a file, directory or link", p).isTrue();
            }
        }
    }

    private static List<Path> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.sorted().toList();
        }
    }

}

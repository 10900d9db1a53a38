package org.vfioinspector.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.snapshot.Limits;
import org.vfioinspector.core.snapshot.SnapshotException;
import org.vfioinspector.core.snapshot.SnapshotReader;

/**
 * The hostile archives of issue 9 that SnapshotReaderSafetyTest does not already cover: odd bytes
 * in names, a size claimed through a PAX record, 100,000 entries at the default limits, a gzip
 * stream cut inside its header. Each is refused with one clear message or unpacked within bounds,
 * and nothing is left behind or written outside the target.
 */
class HostileSnapshotArchiveTest {

    @TempDir
    Path work;

    private Path target;
    private List<Path> before;

    @BeforeEach
    void layout() throws IOException {
        Files.createDirectories(work.resolve("into"));
        Files.writeString(work.resolve("secret"), "keep");
        target = work.resolve("into/unpacked");
    }

    @Test
    void nameWithBytesThatAreNotUtf8IsRefused() throws IOException {
        byte[] name = "sys/bus/\u00ff\u00fe-x".getBytes(StandardCharsets.ISO_8859_1); // 0xff 0xfe: never UTF-8
        Path a = gz(header(name, 1), new byte[] {'x'}, pad(1), new byte[1024]);
        refused(a).hasMessageContaining("archive entry name");
    }

    @Test
    void nameWithAC1ControlCharacterIsRefused() throws IOException {
        // U+009B is CSI to a UTF-8 terminal: the name could rewrite the screen when printed
        Path a = tarGz(Map.of("sys/bus/pci/devices/x\u009b2J", "x"));
        refused(a).hasMessageContaining("control character").hasMessageContaining("\\x9b");
    }

    @Test
    void shellMetacharactersInNamesStayPlainNamesInsideTheTarget() throws IOException {
        String odd = "sys/a $(touch pwned); `id` 'q' \"d\" \\b *?[x] ~ & | > <";
        Path a = tarGz(Map.of(odd, "v", "proc/version", "Linux"));
        before = tree();

        SnapshotReader.unpack(a, target, Limits.DEFAULT);

        assertThat(Files.readString(target.resolve(odd))).isEqualTo("v");
        assertThat(tree().stream().filter(p -> !p.startsWith(target)).toList()).isEqualTo(before);
    }

    @Test
    void tenGibibyteSizeClaimedInAPaxRecordIsRefusedBeforeReadingIt() throws IOException {
        // the ustar size says 1 byte; the PAX "size" record that overrides it says 10 GiB
        byte[] pax = paxRecord("size", Long.toString(10L << 30));
        Path a = gz(header("PaxHeaders/huge".getBytes(StandardCharsets.US_ASCII), pax.length, (byte) 'x'), pax, pad(pax.length),
                header("sys/huge".getBytes(StandardCharsets.US_ASCII), 1), new byte[4096]);
        refused(a).hasMessageContaining("sys/huge").hasMessageContaining("claims 10 GiB");
    }

    @Test
    void gzipCutInsideItsHeaderIsReported() throws IOException {
        Path whole = tarGz(Map.of("proc/version", "Linux"));
        Path cut = Files.write(work.resolve("cut.tar.gz"), Arrays.copyOf(Files.readAllBytes(whole), 5));
        refused(cut).hasMessageMatching("archive cut.tar.gz is truncated.*|cut.tar.gz is not a gzip-compressed tar archive");
    }

    /**
     * At the default limits (200,000 entries) 100,000 entries are accepted and read in bounded
     * time and memory; one bad entry after them removes everything. Most of them repeat directory
     * entries (accepted, as tar writers do emit them) so the test does not spend minutes creating
     * 100,000 inodes; 2,000 are real files in 1,000 folders.
     */
    @Test
    @Timeout(300)
    void hundredThousandEntriesThenABadOneAreAllRemovedInBoundedTime() throws IOException {
        Path a = work.resolve("many.tar.gz");
        GzipParameters fast = new GzipParameters();
        fast.setCompressionLevel(1);
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(a), fast);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
            byte[] one = {'1'};
            for (int i = 0; i < 100_000; i++) {
                String folder = "sys/devices/d" + i / 100;
                TarArchiveEntry e = i % 100 < 2 ? new TarArchiveEntry(folder + "/f" + i) : new TarArchiveEntry(folder + "/");
                e.setSize(e.isDirectory() ? 0 : 1);
                tar.putArchiveEntry(e);
                if (!e.isDirectory()) {
                    tar.write(one);
                }
                tar.closeArchiveEntry();
            }
            tar.putArchiveEntry(new TarArchiveEntry("../escape"));
            tar.closeArchiveEntry();
            tar.finish();
        }
        long start = System.nanoTime();

        refused(a).hasMessageContaining("'..'").hasMessageContaining("../escape");

        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(seconds).as("reading and removing 100,000 entries").isLessThan(180);
        // the reader streams: its state is a counter and the list of links, so the heap stays small
        Runtime rt = Runtime.getRuntime();
        rt.gc();
        assertThat(rt.totalMemory() - rt.freeMemory()).isLessThan(512L << 20);
    }

    // --- helpers -----------------------------------------------------------------------------

    private AbstractThrowableAssert<?, ? extends Throwable> refused(Path archive) throws IOException {
        before = tree();
        Throwable thrown = catchThrowable(() -> SnapshotReader.unpack(archive, target, Limits.DEFAULT));
        assertThat(Files.exists(target, LinkOption.NOFOLLOW_LINKS)).as("partial target removed").isFalse();
        assertThat(tree()).as("nothing written outside the target").isEqualTo(before);
        assertThat(Files.readString(work.resolve("secret"))).isEqualTo("keep");
        assertThat(thrown).isInstanceOf(SnapshotException.class);
        Invariants.printable("message", thrown.getMessage());
        assertThat(thrown.getMessage()).doesNotContain("\n");
        return assertThat(thrown);
    }

    private List<Path> tree() throws IOException {
        try (Stream<Path> s = Files.walk(work)) {
            return s.sorted().toList();
        }
    }

    private Path tarGz(Map<String, String> files) throws IOException {
        Path a = work.resolve("a.tar.gz");
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(a));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] data = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(data.length);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return a;
    }

    /** A ustar header with a raw name, written byte by byte so no library cleans the name up. */
    private static byte[] header(byte[] rawName, long size) throws IOException {
        return header(rawName, size, (byte) '0');
    }

    private static byte[] header(byte[] rawName, long size, byte type) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry("placeholder", type);
        e.setSize(size);
        byte[] h = new byte[512];
        e.writeEntryHeader(h, ZipEncodingHelper.getZipEncoding("UTF-8"), false);
        Arrays.fill(h, 0, 100, (byte) 0);
        System.arraycopy(rawName, 0, h, 0, rawName.length);
        // checksum over the header with the checksum field as spaces
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] chk = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chk, 0, h, 148, 8);
        return h;
    }

    private static byte[] paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int len = body.length();
        while (Integer.toString(len).length() + body.length() != len) {
            len = Integer.toString(len).length() + body.length();
        }
        return (len + body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pad(int size) {
        return new byte[(512 - size % 512) % 512];
    }

    private Path gz(byte[]... parts) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            tar.write(p);
        }
        tar.write(new byte[1024]); // end-of-archive records
        Path a = work.resolve("raw.tar.gz");
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(a))) {
            out.write(tar.toByteArray());
        }
        return a;
    }
}

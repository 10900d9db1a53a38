package org.vfioinspector.core.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributeFileTest {

    @TempDir
    Path dir;

    @Test
    void readsAnAttributeAsTrimmedTextLikeHostRoot() throws Exception {
        Path f = Files.writeString(dir.resolve("vendor"), "0x8086\n");
        assertThat(AttributeFile.readText(f)).contains("0x8086").isEqualTo(HostRoot.readText(f));
    }

    @Test
    void readsBinaryAttributesUpToTheLimit() throws Exception {
        byte[] config = new byte[4096];
        for (int i = 0; i < config.length; i++) {
            config[i] = (byte) i;
        }
        Path f = Files.write(dir.resolve("config"), config);
        assertThat(AttributeFile.readBytes(f, 4096)).get().isEqualTo(config);
        assertThat(AttributeFile.readBytes(f, 64).orElseThrow()).hasSize(64).startsWith(config[0], config[1]);
    }

    @Test
    void filesLongerThanOneReadPieceAreReadWholeUpToTheLimit() throws Exception {
        for (int size : new int[] {0, 1, 8191, 8192, 8193, 20_000, 70_000}) {
            byte[] content = new byte[size];
            for (int i = 0; i < size; i++) {
                content[i] = (byte) (i * 7 + size);
            }
            Path f = Files.write(dir.resolve("blob-" + size), content);
            int expected = Math.min(size, AttributeFile.MAX_TEXT);
            assertThat(AttributeFile.readBytes(f, Integer.MAX_VALUE).orElseThrow()).as("size %d", size)
                    .isEqualTo(java.util.Arrays.copyOf(content, expected));
            assertThat(AttributeFile.readBytes(f, 10_000).orElseThrow()).as("size %d, limit 10000", size)
                    .isEqualTo(java.util.Arrays.copyOf(content, Math.min(size, 10_000)));
        }
    }

    @Test
    void missingFilesAndDirectoriesAreEmpty() throws Exception {
        assertThat(AttributeFile.readText(dir.resolve("absent"))).isEmpty();
        assertThat(AttributeFile.readText(Files.createDirectory(dir.resolve("power")))).isEmpty();
    }

    @Test
    void aFifoIsNeverOpened() throws Exception {
        Path fifo = dir.resolve("reset_method");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "mkfifo is not available");
            return;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        // opening a FIFO for reading blocks until a writer comes; the read must not even try
        assertThat(AttributeFile.readText(fifo)).isEmpty();
    }
}

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

package org.vfioinspector.core.pciids;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.sysfs.HostRoot;

class PciIdsLoadTest {

    @TempDir
    Path root;

    @TempDir
    Path otherRoot;

    private static Path write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Path writeGzip(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void loadsFromUsrShareMisc() throws IOException {
        Path file = write(root, "usr/share/misc/pci.ids", Fixture.text());
        PciIds ids = PciIds.load(HostRoot.of(root), false);
        assertThat(ids.vendorName(0x8086)).contains("Intel Corporation");
        assertThat(ids.source()).contains(file);
        assertThat(ids.version()).isEqualTo("2099.01.02");
    }

    @Test
    void loadsFromHwdataWhenMiscIsMissing() throws IOException {
        Path file = write(root, "usr/share/hwdata/pci.ids", Fixture.text());
        PciIds ids = PciIds.load(HostRoot.of(root), false);
        assertThat(ids.describeDevice(0x1b36, 0x000d)).isEqualTo("Red Hat, Inc. QEMU XHCI Host Controller");
        assertThat(ids.source()).contains(file);
    }

    @Test
    void loadsAGzippedCopy() throws IOException {
        Path file = writeGzip(root, "usr/share/hwdata/pci.ids.gz", Fixture.text());
        PciIds ids = PciIds.load(HostRoot.of(root), false);
        assertThat(ids.subsystemName(0x1b36, 0x0002, 0x1af4, 0x1100)).contains("QEMU Virtual Machine");
        assertThat(ids.source()).contains(file);
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws IOException {
        writeGzip(root, "usr/share/pci.ids", Fixture.text());
        assertThat(PciIds.load(HostRoot.of(root), false).vendorName(0x10de)).contains("NVIDIA Corporation");
    }

    @Test
    void miscIsPreferredOverHwdata() throws IOException {
        write(root, "usr/share/misc/pci.ids", "8086  Intel Corporation\n");
        write(root, "usr/share/hwdata/pci.ids", "8086  Name from hwdata\n");
        assertThat(PciIds.load(HostRoot.of(root), false).vendorName(0x8086)).contains("Intel Corporation");
    }

    @Test
    void anEmptyOrGarbageFileDoesNotHideTheNextLocation() throws IOException {
        write(root, "usr/share/misc/pci.ids", "");
        Files.write(root.resolve("usr/share/misc/pci.ids.gz"), new byte[] {0x1f, (byte) 0x8b, 'n', 'o', 't'});
        write(root, "usr/share/hwdata/pci.ids", "this is not\na pci.ids file\n");
        Path good = write(root, "usr/share/pci.ids", Fixture.text());
        PciIds ids = PciIds.load(HostRoot.of(root), false);
        assertThat(ids.source()).contains(good);
        assertThat(ids.vendorName(0x8086)).contains("Intel Corporation");
    }

    @Test
    void truncatedGzipIsSkipped() throws IOException {
        Path gz = writeGzip(root, "usr/share/misc/pci.ids.gz", Fixture.text());
        byte[] whole = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(whole, 10));
        assertThat(PciIds.load(HostRoot.of(root), false).isEmpty()).isTrue();
    }

    @Test
    void nothingFoundWithoutFallbackIsEmpty() throws IOException {
        Files.createDirectories(root.resolve("usr/share/misc"));
        PciIds ids = PciIds.load(HostRoot.of(root), false);
        assertThat(ids.isEmpty()).isTrue();
        assertThat(ids.source()).isEmpty();
        assertThat(ids.describeDevice(0x8086, 0x10d3)).isEqualTo("Device 8086:10d3");
    }

    @Test
    void fallbackRootIsUsedOnlyWhenTheRootHasNoFile() throws IOException {
        Path fallbackFile = write(otherRoot, "usr/share/hwdata/pci.ids", Fixture.text());
        PciIds fromFallback = PciIdsFiles.load(HostRoot.of(root), Optional.of(HostRoot.of(otherRoot)));
        assertThat(fromFallback.source()).contains(fallbackFile);

        Path own = write(root, "usr/share/misc/pci.ids", "8086  Intel Corporation\n");
        PciIds fromRoot = PciIdsFiles.load(HostRoot.of(root), Optional.of(HostRoot.of(otherRoot)));
        assertThat(fromRoot.source()).contains(own);
        assertThat(fromRoot.vendorName(0x1b36)).isEmpty();
    }
}

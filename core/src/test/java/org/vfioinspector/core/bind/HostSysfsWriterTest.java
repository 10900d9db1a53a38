package org.vfioinspector.core.bind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.sysfs.HostRoot;

/** The real writer, on a temporary root only. */
class HostSysfsWriterTest {

    @TempDir
    Path dir;
    @TempDir
    Path outside;

    @Test
    void writesTheValueOverAnExistingAttribute() throws IOException {
        Path attr = Files.createDirectories(dir.resolve("sys/bus/pci/devices/0000:01:00.0")).resolve("driver_override");
        Files.writeString(attr, "(null)\n");

        new HostSysfsWriter(HostRoot.of(dir)).write("sys/bus/pci/devices/0000:01:00.0/driver_override", "vfio-pci");

        assertThat(attr).hasContent("vfio-pci");
    }

    @Test
    void neverCreatesAFile() {
        assertThatThrownBy(() -> new HostSysfsWriter(HostRoot.of(dir)).write("sys/bus/pci/drivers_probe", "x"))
                .isInstanceOf(IOException.class);
        assertThat(dir.resolve("sys/bus/pci/drivers_probe")).doesNotExist();
    }

    @Test
    void refusesPathsWithMetacharactersOrDotDot() {
        HostSysfsWriter w = new HostSysfsWriter(HostRoot.of(dir));
        for (String bad : new String[] {"sys/../etc/passwd", "sys/bus/pci/devices/$(reboot)/driver_override",
                "sys/bus/pci/devices/0000:01:00.0;rm/x", "/sys/bus/pci/drivers_probe", "etc/shadow", "sys/a b"}) {
            assertThatThrownBy(() -> w.write(bad, "x")).as(bad).isInstanceOf(IOException.class)
                    .hasMessageContaining("refusing");
        }
    }

    @Test
    void refusesALinkThatLeadsOutsideTheRoot() throws IOException {
        Path target = Files.writeString(outside.resolve("victim"), "keep");
        Files.createDirectories(dir.resolve("sys/bus/pci"));
        Files.createSymbolicLink(dir.resolve("sys/bus/pci/drivers_probe"), target);

        assertThatThrownBy(() -> new HostSysfsWriter(HostRoot.of(dir)).write("sys/bus/pci/drivers_probe", "x"))
                .hasMessageContaining("outside");
        assertThat(target).hasContent("keep");
    }
}

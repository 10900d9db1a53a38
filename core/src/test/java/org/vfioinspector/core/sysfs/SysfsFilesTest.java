package org.vfioinspector.core.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The string shortcuts a scan takes per function must say what the path operations they replace say. */
class SysfsFilesTest {

    @Test
    void belowIsRelativizeForNormalisedAbsolutePaths() {
        List<String> bases = List.of("/", "/tmp/host", "/tmp/host/sys/devices", "/tmp/ho");
        List<String> paths = List.of("/tmp/host/sys/devices/pci0000:00/0000:00:01.0",
                "/tmp/host/sys/devices", "/tmp/host", "/tmp/hostile/sys/devices/pci0000:00/0000:00:01.0",
                "/tmp/host/sys/devicesX/0000:00:01.0", "/sys/devices/pci0000:00/0000:00:1f.0", "/tmp/ho");
        for (String base : bases) {
            for (String path : paths) {
                Path b = Path.of(base);
                Path p = Path.of(path);
                String expected = p.startsWith(b) ? b.relativize(p).toString() : null;
                assertThat(SysfsFiles.below(base, path)).as(base + " / " + path).isEqualTo(expected);
            }
        }
    }

    @Test
    void sysfsPathIsBelowSysDevicesElseBelowTheRoot(@org.junit.jupiter.api.io.TempDir Path tmp) {
        SysfsFiles io = new SysfsFiles(HostRoot.of(tmp), SysfsFiles.NOBODY);
        assertThat(io.sysfsPath(tmp.resolve("sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0")))
                .isEqualTo("pci0000:00/0000:00:01.0/0000:01:00.0");
        assertThat(io.sysfsPath(tmp.resolve("sys/bus/pci/devices/0000:01:00.0")))
                .isEqualTo("sys/bus/pci/devices/0000:01:00.0");
        SysfsFiles live = new SysfsFiles(HostRoot.live(), SysfsFiles.NOBODY);
        assertThat(live.sysfsPath(Path.of("/sys/devices/pci0000:00/0000:00:02.0"))).isEqualTo("pci0000:00/0000:00:02.0");
    }

    @Test
    void theParentIsTheFunctionWhoseFolderHoldsThisOne() {
        assertThat(FunctionReader.parent(Path.of("/r/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0")))
                .hasValueSatisfying(a -> assertThat(a).hasToString("0000:00:01.0"));
        assertThat(FunctionReader.parent(Path.of("/r/sys/devices/pci0000:00/0000:00:01.0"))).isEmpty();
        assertThat(FunctionReader.parent(Path.of("/0000:00:01.0"))).isEmpty();
    }
}

package org.vfioinspector.core.pciids;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/** Functions named as lspci names them: class, then vendor and device; numeric where pci.ids or sysfs lacks them. */
class NamesTest {

    @TempDir
    Path dir;

    private final PciIds ids = Fixture.ids();

    private String describe(Topology t, String bdf) {
        return Names.describe(t.device(PciAddress.parse(bdf)).orElseThrow(), ids);
    }

    @Test
    void namesComeFromPciIdsAndAreNumericWhereItOrSysfsLacksThem() throws Exception {
        SysfsFixture fx = new SysfsFixture(dir);
        fx.add("0000:00:19.0").endpoint(0x8086, 0x10d3, 0x020000).group(1);
        fx.add("0000:00:1a.0").endpoint(0x1b36, 0x0123, 0x0d1100).group(2);
        fx.add("0000:00:1b.0").endpoint(0xabcd, 0x000d, 0x020000).group(3);
        fx.add("0000:00:1c.0").endpoint(0x8086, 0x10d3, 0x020000).group(4);
        fx.write();
        // neither the attributes nor the config header that could stand in for them
        Path unreadable = dir.resolve("sys/bus/pci/devices/0000:00:1c.0");
        Files.delete(unreadable.resolve("vendor"));
        Files.delete(unreadable.resolve("class"));
        Files.delete(unreadable.resolve("config"));

        Topology t = new SysfsReader(HostRoot.of(dir)).scan();

        assertThat(describe(t, "0000:00:19.0"))
                .isEqualTo("Ethernet controller: Intel Corporation 82574L Gigabit Network Connection");
        assertThat(describe(t, "0000:00:1a.0")).isEqualTo("Class 0d11: Red Hat, Inc. Device 0123");
        assertThat(describe(t, "0000:00:1b.0")).isEqualTo("Ethernet controller: Device abcd:000d");
        assertThat(describe(t, "0000:00:1c.0")).isEqualTo("Unknown class: Device ????:10d3");
    }
}

package org.vfioinspector.core.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/** A scan large enough to be read in parallel gives what reading its functions one by one gives. */
class SysfsReaderParallelTest {

    @TempDir
    Path dir;

    @Test
    void aParallelScanEqualsReadingEachFunctionInTurn() {
        SysfsFixture fx = new SysfsFixture(dir);
        for (int i = 0; i < 24; i++) {
            FixtureDevice rp = fx.add(String.format("0000:00:%02x.0", i + 1)).rootPort(i + 1, i + 1).group(2 * i);
            FixtureDevice nic = fx.add(String.format("0000:%02x:00.0", i + 1)).under(rp).nic(0x8086, 0x10d3)
                    .driver("e1000e").group(2 * i + 1);
            if (i % 5 == 0) {
                nic.raw("vendor", "garbage").raw("numa_node", "x");
            }
        }
        fx.write();
        SysfsReader reader = new SysfsReader(HostRoot.of(dir));
        Topology t = reader.scan();

        List<String> notes = new ArrayList<>();
        List<PciDevice> oneByOne = new ArrayList<>();
        for (Map.Entry<PciAddress, Path> e : reader.findFunctionDirectories(notes).entrySet()) {
            oneByOne.add(reader.readDevice(e.getKey(), e.getValue()).orElseThrow());
        }
        assertThat(t.size()).isEqualTo(48);
        assertThat(t.devices()).isEqualTo(oneByOne);
        assertThat(t.devices().stream().filter(d -> !d.notes().isEmpty()).count()).isEqualTo(5);
        assertThat(t.groups()).hasSize(48);
    }
}

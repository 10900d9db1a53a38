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

    @Test
    void progressCountsEveryFunctionOnceFromTheListingToTheEnd() {
        SysfsFixture fx = new SysfsFixture(dir);
        for (int i = 0; i < 40; i++) {
            fx.add(String.format("0000:00:%02x.%d", i / 8, i % 8)).endpoint(0x8086, 0x1000 + i, 0x020000).group(i);
        }
        fx.write();
        List<int[]> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        Topology t = new SysfsReader(HostRoot.of(dir)).scan((done, total) -> heard.add(new int[] {done, total}));

        assertThat(t.size()).isEqualTo(40);
        assertThat(heard.get(0)).containsExactly(0, 40); // the listing comes first
        assertThat(heard).hasSize(41).allSatisfy(h -> assertThat(h[1]).isEqualTo(40));
        // read on several threads: the counts may arrive out of order, but each of 1..40 exactly once
        assertThat(heard.stream().skip(1).mapToInt(h -> h[0]).sorted().toArray())
                .containsExactly(java.util.stream.IntStream.rangeClosed(1, 40).toArray());
    }

    @Test
    void progressOfAHostWithoutFunctions() {
        new SysfsFixture(dir).write();
        List<int[]> heard = new ArrayList<>();
        new SysfsReader(HostRoot.of(dir)).scan((done, total) -> heard.add(new int[] {done, total}));
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0)).containsExactly(0, 0);
    }
}

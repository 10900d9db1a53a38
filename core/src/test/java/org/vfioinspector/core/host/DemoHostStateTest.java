package org.vfioinspector.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.demo.DemoTopology;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.snapshot.SnapshotWriter;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/** The readers over the demo server: the facts {@link DemoTopology} was built with come back. */
class DemoHostStateTest {

    @TempDir
    Path tmp;

    private HostState readDemo(HostRoot root) {
        Topology t = new SysfsReader(root).scan();
        return HostStateReader.read(root, t);
    }

    @Test
    void demoHostStateMatchesHowTheDemoWasBuilt() {
        DemoTopology.build(new SysfsFixture(tmp));

        assertDemo(readDemo(HostRoot.of(tmp)));
    }

    @Test
    void aSnapshotOfTheDemoReadsTheSame() throws Exception {
        Path host = tmp.resolve("host");
        DemoTopology.build(new SysfsFixture(host));
        Path archive = tmp.resolve("demo.tar.gz");
        new SnapshotWriter("test").write(HostRoot.of(host), archive);

        try (HostRoot back = SnapshotReader.open(archive)) {
            // the snapshot keeps the holder's /dev link inside the root by making it relative
            assertThat(Files.readSymbolicLink(back.resolve("proc/4242/fd/22")).isAbsolute()).isFalse();
            assertDemo(readDemo(back));
        }
    }

    private static void assertDemo(HostState s) {
        HostImpact impact = s.impact();
        assertThat(impact.disksOf(PciAddress.parse("0000:01:00.0"))).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("nvme0n1");
            assertThat(d.holdsRootFilesystem()).isTrue();
            assertThat(d.mounts()).extracting(Mount::mountPoint).containsExactly("/", "/boot/efi");
        });
        assertThat(impact.disksOf(PciAddress.parse("0000:08:00.0"))).singleElement().satisfies(d -> {
            assertThat(d.mounts()).extracting(Mount::mountPoint).containsExactly("/srv/data");
            assertThat(d.holdsRootFilesystem()).isFalse();
        });
        assertThat(impact.disksOf(PciAddress.parse("0000:00:17.0"))).singleElement()
                .satisfies(d -> assertThat(d.mounts()).extracting(Mount::mountPoint).containsExactly("/var/lib/backup"));
        assertThat(impact.disksOf(PciAddress.parse("10000:e1:00.0"))).singleElement()
                .satisfies(d -> assertThat(d.inUse()).isFalse());
        assertThat(impact.interfacesOf(PciAddress.parse("0000:09:00.0"))).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("eno1");
            assertThat(n.defaultRoute()).isTrue();
            assertThat(n.isUp()).isTrue();
        });
        assertThat(impact.interfaces().values()).flatMap(l -> l).filteredOn(NetInterface::defaultRoute)
                .extracting(NetInterface::name).containsExactly("eno1");
        assertThat(impact.interfacesOf(PciAddress.parse("0001:01:00.1"))).singleElement()
                .satisfies(n -> assertThat(n.isUp()).isFalse());
        assertThat(impact.drmCardsOf(PciAddress.parse("0000:05:00.0"))).containsExactly("card0");

        HolderScan holders = s.holders();
        assertThat(holders.complete()).isTrue();
        assertThat(holders.holdersOfGroup(12)).singleElement().satisfies(h -> {
            assertThat(h.pid()).isEqualTo(4242);
            assertThat(h.command()).isEqualTo("qemu-system-x86");
            assertThat(h.kvmVfio()).isTrue();
            assertThat(h.files()).containsExactly("/dev/vfio/12", "/dev/vfio/vfio");
        });
        assertThat(holders.byGroup()).containsOnlyKeys(12);
    }
}

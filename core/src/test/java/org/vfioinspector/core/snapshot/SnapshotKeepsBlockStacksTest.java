package org.vfioinspector.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.HostImpact;
import org.vfioinspector.core.host.HostImpactReader;
import org.vfioinspector.core.host.Mount;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * Disks that live in {@code sys/devices/virtual} (native NVMe multipath namespaces, device-mapper and md
 * devices) are traced to their PCI functions from a snapshot as from the host: a root filesystem on them
 * must still show on its controller, never vanish from it.
 */
class SnapshotKeepsBlockStacksTest {

    private static final PciAddress NVME = PciAddress.parse("0000:02:00.0");
    private static final PciAddress SATA = PciAddress.parse("0000:03:00.0");
    private static final String SUBSYS = "sys/devices/virtual/nvme-subsystem/nvme-subsys5";

    @TempDir
    Path tmp;

    @Test
    void aMultipathNamespaceKeepsItsControllerAndMounts() throws IOException {
        SysfsFixture fx = host(tmp.resolve("host"));
        fx.file(SUBSYS + "/nvme5n1/size", "100")
                .file(SUBSYS + "/nvme5n1/nvme5n1p1/partition", "1")
                .link("sys/block/nvme5n1", "../devices/virtual/nvme-subsystem/nvme-subsys5/nvme5n1")
                .link(SUBSYS + "/nvme5", "../../../pci0000:00/0000:02:00.0/nvme/nvme5")
                .file("proc/self/mountinfo", "22 1 259:9 / / rw - ext4 /dev/nvme5n1p1 rw\n")
                .write();

        HostImpact before = impact(HostRoot.of(fx.root()));
        assertThat(before.disksOf(NVME)).extracting(BlockDevice::name).containsExactly("nvme5n1");
        try (HostRoot back = snapshot(fx.root())) {
            HostImpact after = impact(back);
            assertThat(after.disksOf(NVME)).isEqualTo(before.disksOf(NVME));
            assertThat(after.disksOf(NVME).get(0).mounts()).extracting(Mount::mountPoint).containsExactly("/");
        }
    }

    @Test
    void multipathPathLinksSurviveTheSnapshot() throws IOException {
        SysfsFixture fx = host(tmp.resolve("host"));
        fx.file(SUBSYS + "/nvme5n1/size", "100")
                .link("sys/block/nvme5n1", "../devices/virtual/nvme-subsystem/nvme-subsys5/nvme5n1")
                .link(SUBSYS + "/nvme5n1/multipath/nvme5c5n1", "../../../../../pci0000:00/0000:02:00.0/nvme/nvme5/nvme5c5n1")
                .write();

        try (HostRoot back = snapshot(fx.root())) {
            assertThat(impact(back).disksOf(NVME)).extracting(BlockDevice::name).containsExactly("nvme5n1");
        }
    }

    @Test
    void aDeviceMapperRootIsTracedThroughItsSlavesInTheSnapshot() throws IOException {
        SysfsFixture fx = host(tmp.resolve("host"));
        fx.file("sys/devices/virtual/block/dm-0/dm/name", "vg0-root")
                .link("sys/block/dm-0", "../devices/virtual/block/dm-0")
                .link("sys/devices/virtual/block/dm-0/slaves/sda2", "../../../../pci0000:00/0000:03:00.0/ata1/sda2")
                .file("proc/self/mountinfo", "22 1 253:0 / / rw - ext4 /dev/mapper/vg0-root rw\n")
                .file("proc/swaps", "Filename Type Size Used Priority\n")
                .write();

        HostImpact before = impact(HostRoot.of(fx.root()));
        assertThat(before.disksOf(SATA).get(0).mounts()).extracting(Mount::mountPoint).containsExactly("/");
        try (HostRoot back = snapshot(fx.root())) {
            HostImpact after = impact(back);
            assertThat(after.disksOf(SATA)).isEqualTo(before.disksOf(SATA));
            assertThat(after.notes()).noneMatch(n -> n.contains("device-mapper"));
        }
    }

    private static SysfsFixture host(Path root) {
        SysfsFixture fx = new SysfsFixture(root);
        FixtureDevice nvme = fx.add(NVME.toString()).nvme(0x1987, 0x5012).driver("nvme");
        FixtureDevice sata = fx.add(SATA.toString()).endpoint(0x1000, 0x0097, 0x010700).driver("mpt3sas");
        fx.deviceFile(nvme, "nvme/nvme5/dev", "241:5").scsiDisk(sata, "ata1", 0, "sda", 2);
        return fx.file("proc/swaps", "Filename Type Size Used Priority\n");
    }

    private static HostImpact impact(HostRoot root) {
        return HostImpactReader.read(root, new SysfsReader(root).scan());
    }

    private HostRoot snapshot(Path tree) throws IOException {
        Path archive = tmp.resolve("snap.tar.gz");
        new SnapshotWriter("test").write(HostRoot.of(tree), archive);
        return SnapshotReader.open(archive);
    }
}

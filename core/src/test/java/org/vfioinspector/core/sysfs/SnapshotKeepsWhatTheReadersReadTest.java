package org.vfioinspector.core.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.snapshot.SnapshotWriter;

/**
 * Everything a scan reads is in a snapshot of the same tree: the scan runs with every file access recorded
 * (all of them go through {@link SysfsFiles}), then each path it touched that exists in the tree must come
 * back from the snapshot as the same kind of thing with the same content. A reader that starts reading a
 * name the capture does not take fails here (as {@code uevent} once did).
 */
class SnapshotKeepsWhatTheReadersReadTest {

    @TempDir
    Path tmp;

    @Test
    void aSnapshotHoldsEveryFileLinkAndFolderAScanReads() throws IOException {
        Path tree = tmp.resolve("host");
        fullHost(new SysfsFixture(tree)).write();
        Set<String> touched = scanRecording(tree);
        assertSnapshotHolds(tree, touched);
    }

    @Test
    void aSnapshotHoldsWhatTheWalkReadsInATreeWithoutBusLinksOrOsrelease() throws IOException {
        Path tree = bareHost(tmp.resolve("bare"));
        Set<String> touched = scanRecording(tree);
        assertThat(touched).contains(SysfsNames.PROC_VERSION, SysfsNames.DEVICES + "/pci0000:00");
        assertSnapshotHolds(tree, touched);
    }

    /** Together the two trees make the scan read every name {@link SysfsNames} lists, so no name goes unchecked. */
    @Test
    void theTreesExerciseEveryNameTheReadersRead() throws IOException {
        Path full = tmp.resolve("host");
        fullHost(new SysfsFixture(full)).write();
        Set<String> touched = existing(full, scanRecording(full));
        Path bare = bareHost(tmp.resolve("bare"));
        touched.addAll(existing(bare, scanRecording(bare)));

        List<String> names = new ArrayList<>();
        Stream.of(SysfsNames.FUNCTION_FILES, SysfsNames.FUNCTION_LINKS, SysfsNames.GROUP_FILES,
                SysfsNames.SLOT_FILES, Set.of(SysfsNames.SLOT_MODULE, SysfsNames.VIRTFN_PREFIX + "0"))
                .forEach(names::addAll);
        for (String name : names) {
            assertThat(touched).as("a path named %s is read", name).anyMatch(p -> p.endsWith("/" + name));
        }
        assertThat(touched).as("a group's devices folder is read").anyMatch(
                p -> p.startsWith(SysfsNames.IOMMU_GROUPS + "/") && p.endsWith("/" + SysfsNames.GROUP_DEVICES));
        assertThat(touched).containsAll(SysfsNames.PROC_FILES);
        assertThat(touched).containsAll(SysfsNames.MACHINE_FILES).contains(SysfsNames.PROC_CPUINFO);
    }

    /** The snapshot keeps the first processor's block of {@code proc/cpuinfo}: what the reader reads of it. */
    @Test
    void aSnapshotKeepsTheStartOfCpuinfoAndTheVirtualMachineItShows() throws IOException {
        Path tree = tmp.resolve("vm");
        SysfsFixture fx = new SysfsFixture(tree).cmdline("ro")
                .file(SysfsNames.PROC_CPUINFO, "processor\t: 0\nflags\t\t: fpu hypervisor\n\n"
                        + "processor\t: 1\nflags\t\t: fpu hypervisor\n\n".repeat(200));
        fx.add("0000:00:00.0").hostBridge();
        fx.write();
        Path archive = tmp.resolve("vm.tar.gz");
        new SnapshotWriter("test").write(HostRoot.of(tree), archive);
        try (HostRoot back = SnapshotReader.open(archive)) {
            assertThat(Files.readString(back.resolve(SysfsNames.PROC_CPUINFO)))
                    .isEqualTo("processor\t: 0\nflags\t\t: fpu hypervisor\n");
            assertThat(new SysfsReader(back).scan().host().hypervisor()).map(h -> h.name()).contains(org.vfioinspector.core.model.Hypervisor.UNNAMED);
        }
    }

    /**
     * A bridge with a pciehp slot, a NIC with a {@code uevent} and every optional attribute, an SR-IOV PF and
     * VF, a second slot known only by its module link, a group with a type.
     */
    private static SysfsFixture fullHost(SysfsFixture fx) {
        fx.file(SysfsNames.DMI_SYS_VENDOR, "QEMU\n").file(SysfsNames.DMI_PRODUCT_NAME, "Standard PC\n")
                .file(SysfsNames.HYPERVISOR_TYPE, "xen\n").file(SysfsNames.PROC_CPUINFO, "processor\t: 0\nflags\t\t: fpu\n");
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).driver("pcieport").group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).driver("e1000e").group(2)
                .resetMethods("flr", "bus").numa(0).bootVga(false).driverOverride("e1000e")
                .link("2.5 GT/s PCIe", 1, "2.5 GT/s PCIe", 1);
        FixtureDevice vf = fx.add("0000:00:03.1").endpoint(0x8086, 0x10ed, 0x020000).group(4);
        fx.add("0000:00:03.0").nic(0x8086, 0x10fb).driver("ixgbe").group(3).sriov(8, vf);
        // kernel-shaped directories (with uevent) for some functions; the others are read attribute by attribute
        fx.device("0000:01:00.0").kernelExtras(0, false, 4);
        vf.kernelExtras(0, true, 4);
        fx.slot("1", "0000:01:00", true).pciehp("0000:00:1c.0").pciExpressDrivers();
        fx.slot("7", "0000:05:00", true).slotModule("7", "acpiphp");
        for (String attr : List.of("attention", "latch", "adapter")) {
            fx.file(SysfsNames.SLOTS + "/1/" + attr, "0");
        }
        return fx.groupType(2, "DMA-FQ");
    }

    /** A root port and an NVMe controller without {@code sys/bus/pci/devices} or {@code osrelease}. */
    private static Path bareHost(Path tree) throws IOException {
        SysfsFixture fx = new SysfsFixture(tree).withoutBusDevices();
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 1).driver("pcieport").group(1);
        fx.add("0000:01:00.0").under(rp).nvme(0x144d, 0xa808).driver("nvme").group(2);
        fx.write();
        Files.delete(tree.resolve(SysfsNames.PROC_OSRELEASE)); // the release then comes from proc/version
        return tree;
    }

    /** Root-relative paths the scans (one whole, one in stages) accessed. */
    private static Set<String> scanRecording(Path tree) {
        Set<Path> heard = ConcurrentHashMap.newKeySet();
        SysfsReader reader = new SysfsReader(HostRoot.of(tree), point -> { }, heard::add);
        Topology whole = reader.scan();
        Topology staged = reader.scanInStages(ScanProgress.NONE).complete(ScanProgress.NONE);
        assertThat(staged.devices()).isEqualTo(whole.devices());
        assertThat(whole.size()).isPositive();
        Set<String> touched = new TreeSet<>();
        Path root = tree.toAbsolutePath().normalize();
        for (Path p : heard) {
            assertThat(p.normalize().startsWith(root)).as("%s is inside the root", p).isTrue();
            touched.add(root.relativize(p.normalize()).toString());
        }
        return touched;
    }

    private static Set<String> existing(Path tree, Set<String> touched) {
        Set<String> out = new TreeSet<>();
        for (String rel : touched) {
            if (Files.exists(tree.resolve(rel), LinkOption.NOFOLLOW_LINKS)) {
                out.add(rel);
            }
        }
        return out;
    }

    private void assertSnapshotHolds(Path tree, Set<String> touched) throws IOException {
        Path archive = tmp.resolve(tree.getFileName() + ".tar.gz");
        new SnapshotWriter("test").write(HostRoot.of(tree), archive);
        Set<String> present = existing(tree, touched);
        assertThat(present).as("the scan read something").hasSizeGreaterThan(20);
        try (HostRoot back = SnapshotReader.open(archive)) {
            for (String rel : present) {
                Path source = tree.resolve(rel);
                Path copy = back.resolve(rel);
                if (Files.isSymbolicLink(source)) {
                    assertThat(Files.isSymbolicLink(copy)).as("link %s is in the snapshot", rel).isTrue();
                    assertThat(Files.readSymbolicLink(copy)).as(rel).isEqualTo(Files.readSymbolicLink(source));
                } else if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    assertThat(Files.isDirectory(copy, LinkOption.NOFOLLOW_LINKS)).as("folder %s is in the snapshot", rel)
                            .isTrue();
                } else {
                    assertThat(Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)).as("file %s is in the snapshot", rel)
                            .isTrue();
                    assertThat(Files.readAllBytes(copy)).as(rel).isEqualTo(Files.readAllBytes(source));
                }
            }
        }
    }
}

package org.vfioinspector.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

class HolderScannerTest {

    private static final PciAddress CDEV_GPU = PciAddress.parse("0000:05:00.0");
    private static final PciAddress CLASS_LINKED = PciAddress.parse("0000:06:00.0");

    @TempDir
    Path tmp;

    private SysfsFixture fx;

    @BeforeEach
    void host() {
        fx = new SysfsFixture(tmp);
        fx.add("0000:04:00.0").gpu(0x10de, 0x24b0).driver("vfio-pci").group(12);
        fx.add("0000:04:00.1").audio(0x10de, 0x228b).driver("vfio-pci").group(12);
        fx.add("0000:07:00.0").nic(0x8086, 0x1533).driver("vfio-pci").group(13);
        FixtureDevice cdevGpu = fx.add(CDEV_GPU.toString()).gpu(0x1002, 0x73bf).driver("vfio-pci").group(14);
        FixtureDevice classLinked = fx.add(CLASS_LINKED.toString()).nic(0x15b3, 0x1017).driver("vfio-pci").group(15);
        // the cdev folder below the function (found by looking), and a class link alone (found through it)
        fx.deviceFile(cdevGpu, "vfio-dev/vfio0/dev", "511:0");
        fx.classLink("sys/class/vfio-dev/vfio1", classLinked, "vfio-dev/vfio1");
        fx.process(1234, "qemu-system-x86", "/usr/bin/qemu-system-x86_64 -name vm1 -device vfio-pci,host=0000:04:00.0",
                Map.of(3, "/dev/kvm", 7, "/dev/vfio/12", 8, "anon_inode:kvm-vfio", 9, "socket:[4711]",
                        10, "/dev/vfio/vfio"));
        fx.process(1, "systemd", "/sbin/init", Map.of(0, "pipe:[12]", 5, "anon_inode:[eventfd]"));
        fx.process(77, "firecracker", "firecracker --api-sock /run/fc.sock", Map.of(4, "/dev/kvm"));
        fx.link("proc/self", "1234");
        fx.link("proc/thread-self", "1234/task/1234");
    }

    private HolderScan scan() {
        fx.write();
        HostRoot root = HostRoot.of(tmp);
        Topology t = new SysfsReader(root).scan();
        return HolderScanner.read(root, t);
    }

    @Test
    void qemuHoldingAGroupWithKvmVfioIsItsHolder() {
        HolderScan s = scan();

        assertThat(s.holdersOfGroup(12)).singleElement().satisfies(h -> {
            assertThat(h.pid()).isEqualTo(1234);
            assertThat(h.command()).isEqualTo("qemu-system-x86");
            assertThat(h.cmdline()).isEqualTo("/usr/bin/qemu-system-x86_64 -name vm1 -device vfio-pci,host=0000:04:00.0");
            assertThat(h.files()).containsExactly("/dev/vfio/12", "/dev/vfio/vfio");
            assertThat(h.kvmVfio()).isTrue();
            assertThat(h.kvm()).isTrue();
        });
        assertThat(s.complete()).isTrue();
        assertThat(s.notes()).isEmpty();
    }

    @Test
    void processesWithoutVfioFilesAreNoHolders() {
        HolderScan s = scan();

        assertThat(s.byGroup()).containsOnlyKeys(12);
        assertThat(s.byGroup().values()).flatMap(l -> l).extracting(Holder::pid).doesNotContain(1, 77);
    }

    @Test
    void snapshotStyleRelativeLinksAreReadAsHostPaths() {
        fx.process(2000, "qemu-system-x86", "qemu", Map.of(5, "../../../dev/vfio/13", 6, "../../../dev/iommu"));

        HolderScan s = scan();

        assertThat(s.holdersOfGroup(13)).singleElement().satisfies(h -> {
            assertThat(h.pid()).isEqualTo(2000);
            assertThat(h.files()).containsExactly("/dev/iommu", "/dev/vfio/13");
            assertThat(h.kvmVfio()).isFalse();
        });
        assertThat(s.iommufd()).extracting(Holder::pid).containsExactly(2000);
    }

    @Test
    void relativeLinksLeavingTheRootAreIgnored() {
        fx.process(2001, "sneaky", "sneaky", Map.of(5, "../../../../dev/vfio/13"));

        assertThat(scan().holdersOfGroup(13)).isEmpty();
    }

    @Test
    void deviceCdevHoldersAreMappedToTheirFunction() {
        fx.process(3000, "qemu-system-x86", "qemu -object iommufd,id=fd0",
                Map.of(4, "/dev/vfio/devices/vfio0", 5, "/dev/iommu", 6, "anon_inode:kvm-vfio"));
        fx.process(3001, "dpdk-testpmd", "dpdk-testpmd", Map.of(4, "/dev/vfio/devices/vfio1"));

        HolderScan s = scan();

        assertThat(s.holdersOfDevice(CDEV_GPU)).extracting(Holder::pid).containsExactly(3000);
        assertThat(s.holdersOfDevice(CLASS_LINKED)).extracting(Holder::pid).containsExactly(3001);
        assertThat(s.iommufd()).extracting(Holder::pid).containsExactly(3000);
        assertThat(s.holdersOfDevice(CDEV_GPU).get(0).kvmVfio()).isTrue();
    }

    @Test
    void anUnmatchedCdevIsNoted() {
        fx.process(3002, "vfio-user", "vfio-user", Map.of(4, "/dev/vfio/devices/vfio9"));

        HolderScan s = scan();

        assertThat(s.byDevice()).isEmpty();
        assertThat(s.notes()).singleElement().asString().contains("pid 3002", "/dev/vfio/devices/vfio9");
    }

    @Test
    void unreadableFdDirectoryMakesTheScanIncomplete() {
        // what an unprivileged scan meets: the fd entry is there but cannot be listed
        fx.file("proc/6000/comm", "sshd\n").file("proc/6000/fd", "");
        fx.file("proc/6001/comm", "cron\n").file("proc/6001/fd", "");

        HolderScan s = scan();

        assertThat(s.complete()).isFalse();
        assertThat(s.notes()).contains(
                "2 processes' open files could not be read (needs root); holders are unknown for them");
        assertThat(s.holdersOfGroup(12)).extracting(Holder::pid).containsExactly(1234);
    }

    @Test
    void fdDirectoryWithoutPermissionIsUnreadable() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads directories whatever their mode");
        fx.write();
        Path fd = Files.createDirectories(tmp.resolve("proc/6002/fd"));
        Files.setPosixFilePermissions(fd, PosixFilePermissions.fromString("---------"));
        try {
            HostRoot root = HostRoot.of(tmp);
            HolderScan s = HolderScanner.read(root, new SysfsReader(root).scan());

            assertThat(s.complete()).isFalse();
            assertThat(s.notes()).anyMatch(n -> n.startsWith("1 process's open files could not be read"));
        } finally {
            Files.setPosixFilePermissions(fd, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aProcessWithoutFdFolderHoldsNothingAndIsNotUnreadable() {
        fx.file("proc/9000/comm", "kworker\n");

        HolderScan s = scan();

        assertThat(s.complete()).isTrue();
    }

    @Test
    void missingProcMeansHoldersAreUnknown() {
        HostRoot root = HostRoot.of(tmp.resolve("nothing-here"));

        HolderScan s = HolderScanner.read(root, new Topology(java.util.List.of(), java.util.List.of(),
                java.util.List.of(), null, java.util.List.of()));

        assertThat(s.complete()).isFalse();
        assertThat(s.notes()).isNotEmpty();
    }

    @Test
    void hostileCommandLinesAreMadePrintable() {
        fx.file("proc/4000/comm", "evil\u001b]0;x\u0007\n")
                .file("proc/4000/cmdline", "a\0\u001b[2J\0")
                .link("proc/4000/fd/3", "/dev/vfio/12");

        Holder h = scan().holdersOfGroup(12).stream().filter(x -> x.pid() == 4000).findFirst().orElseThrow();

        assertThat(h.command()).isEqualTo("evil?]0;x?");
        assertThat(h.cmdline()).isEqualTo("a ?[2J");
    }

    /** A capture from another tool (the real ThinkPad tree has proc/cpuinfo and proc/self/mounts, no processes). */
    @Test
    void aForeignCaptureWithoutProcessFoldersHasUnknownHoldersNotNone(@TempDir Path other) {
        SysfsFixture bare = new SysfsFixture(other).foreignCapture();
        bare.add("0000:04:00.0").gpu(0x10de, 0x24b0).driver("vfio-pci").group(12);
        bare.file("proc/meminfo", "MemTotal: 1 kB\n");
        bare.write();
        HostRoot root = HostRoot.of(other);
        HolderScan s = HolderScanner.read(root, new SysfsReader(root).scan());
        assertThat(s.complete()).isFalse();
        assertThat(s.notes()).anyMatch(n -> n.contains("without the process table"));
    }

    /** This tool's snapshot of a host without holders keeps a proc/ without processes: that means none. */
    @Test
    void aSnapshotsProcWithoutProcessesMeansNoHolders(@TempDir Path other) {
        SysfsFixture snap = new SysfsFixture(other);
        snap.add("0000:04:00.0").gpu(0x10de, 0x24b0).driver("vfio-pci").group(12);
        snap.write();
        HostRoot root = HostRoot.of(other);
        HolderScan s = HolderScanner.read(root, new SysfsReader(root).scan());
        assertThat(s.complete()).isTrue();
        assertThat(s.byGroup()).isEmpty();
    }

    /**
     * Some kernels and sandboxes let a process's fd folder be listed but refuse its links, even to root (this
     * workplace's pid 1 is one). Such a process may hold a VFIO file: the scan of the live host must then say
     * holders are incomplete, never "none". Where every link is readable, this checks nothing of that kind.
     */
    @Test
    void aListableFdFolderWhoseLinksCannotBeReadLeavesHoldersUnknown() throws Exception {
        boolean refused = false;
        try (var procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("[0-9]+"))) {
            for (Path pid : procs) {
                try (var fds = Files.newDirectoryStream(pid.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            Files.readSymbolicLink(fd);
                        } catch (java.nio.file.AccessDeniedException e) {
                            refused = true;
                        } catch (java.io.IOException e) {
                            // closed meanwhile
                        }
                    }
                } catch (java.io.IOException | java.nio.file.DirectoryIteratorException e) {
                    // not listable, or gone: the scan counts such a process as unreadable already
                }
            }
        }
        assumeTrue(refused, "every fd link this process can list can be read here");
        HostRoot live = HostRoot.live();
        HolderScan s = HolderScanner.read(live, new SysfsReader(live).scan());
        assertThat(s.complete()).isFalse();
        assertThat(s.notes()).anyMatch(n -> n.contains("could not be read"));
    }
}

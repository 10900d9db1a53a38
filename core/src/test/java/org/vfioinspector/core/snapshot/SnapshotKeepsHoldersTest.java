package org.vfioinspector.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.demo.DemoHost;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.host.HolderScanner;
import org.vfioinspector.core.host.HostStateReader;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.BlastRadiusAnalyzer;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/** A snapshot keeps what the verdict used: the VFIO holders, and that holders could not be read. */
class SnapshotKeepsHoldersTest {

    private static final PciAddress GPU = PciAddress.parse("0000:04:00.0");

    @TempDir
    Path dir;

    private HostRoot snapshotOf(HostRoot source, String name) throws Exception {
        Path out = dir.resolve(name);
        new SnapshotWriter("test").write(source, out);
        return SnapshotReader.open(out);
    }

    private static BlastRadius blast(HostRoot root, PciAddress a) {
        Topology t = new SysfsReader(root).scan();
        return new BlastRadiusAnalyzer(t, HostStateReader.read(root, t)).analyze(a);
    }

    private static HolderScan holders(HostRoot root) {
        return HolderScanner.read(root, new SysfsReader(root).scan());
    }

    @Test
    void aSnapshotOfTheDemoAndOfThatSnapshotKeepTheVmHoldingGroup12() throws Exception {
        try (HostRoot demo = DemoHost.open();
             HostRoot once = snapshotOf(demo, "once.tar.gz");
             HostRoot twice = snapshotOf(once, "twice.tar.gz")) {
            HolderScan original = holders(demo);
            assertThat(original.holdersOfGroup(12)).isNotEmpty();
            for (HostRoot copy : new HostRoot[] {once, twice}) {
                HolderScan h = holders(copy);
                assertThat(h.complete()).isTrue();
                assertThat(h.byGroup()).isEqualTo(original.byGroup());
                assertThat(h.iommufd()).isEqualTo(original.iommufd());
                // stored as the host wrote it; the reader keeps it inside the unpacked tree
                Path fd = copy.resolve("proc/4242/fd/22");
                assertThat(Files.isSymbolicLink(fd)).isTrue();
                assertThat(Files.readSymbolicLink(fd).isAbsolute()).isFalse();
                BlastRadius b = blast(copy, GPU);
                assertThat(b.blockers()).anyMatch(f -> f.code().equals("GROUP_HELD"));
                assertThat(b.blockers()).isEqualTo(blast(demo, GPU).blockers());
            }
        }
    }

    @Test
    void aSnapshotWithoutProcLeavesHoldersUnknown() throws Exception {
        SysfsFixture fx = new SysfsFixture(dir.resolve("host"));
        fx.add("0000:00:02.0").gpu(0x10de, 0x1eb8).driver("vfio-pci").group(7);
        fx.write();
        SnapshotReader.deleteTree(dir.resolve("host/proc"));
        try (HostRoot snap = snapshotOf(HostRoot.of(dir.resolve("host")), "noproc.tar.gz")) {
            assertThat(Files.exists(snap.resolve("proc"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            HolderScan h = holders(snap);
            assertThat(h.complete()).isFalse();
            assertThat(h.notes()).anyMatch(n -> n.contains("unknown"));
        }
    }

    /**
     * A capture from another tool has a proc/ without processes: its holders are unknown, and this tool's
     * snapshot of it (and a snapshot of that snapshot) must not turn that into "no holders".
     */
    @Test
    void aForeignCaptureWithoutProcessesStaysUnknownInItsSnapshots() throws Exception {
        SysfsFixture fx = new SysfsFixture(dir.resolve("foreign")).foreignCapture();
        fx.add("0000:00:02.0").gpu(0x10de, 0x1eb8).driver("vfio-pci").group(7);
        fx.write();
        assertThat(holders(HostRoot.of(dir.resolve("foreign"))).complete()).isFalse();
        try (HostRoot once = snapshotOf(HostRoot.of(dir.resolve("foreign")), "foreign.tar.gz");
             HostRoot twice = snapshotOf(once, "foreign2.tar.gz")) {
            for (HostRoot copy : new HostRoot[] {once, twice}) {
                HolderScan h = holders(copy);
                assertThat(h.complete()).isFalse();
                assertThat(h.notes()).anyMatch(n -> n.contains("unknown"));
            }
        }
    }

    @Test
    void aProcessWhoseFilesCouldNotBeReadStaysUnknownInTheSnapshot() throws Exception {
        SysfsFixture fx = new SysfsFixture(dir.resolve("host"));
        fx.add("0000:00:02.0").gpu(0x10de, 0x1eb8).driver("vfio-pci").group(7);
        fx.process(4242, "qemu-system-x86", "qemu-system-x86_64 -name vm1", Map.of(22, "/dev/vfio/7"));
        fx.write();
        // a process whose fd folder cannot be listed (as for a user who is not root)
        Path other = dir.resolve("host/proc/77");
        Files.createDirectories(other);
        Files.writeString(other.resolve("fd"), "");
        HostRoot host = HostRoot.of(dir.resolve("host"));
        assertThat(holders(host).complete()).isFalse();

        try (HostRoot once = snapshotOf(host, "once.tar.gz");
             HostRoot twice = snapshotOf(once, "twice.tar.gz")) {
            for (HostRoot copy : new HostRoot[] {once, twice}) {
                HolderScan h = holders(copy);
                assertThat(h.complete()).isFalse();
                assertThat(h.notes()).anyMatch(n -> n.contains("could not be read"));
                assertThat(h.holdersOfGroup(7)).extracting(x -> x.pid()).containsExactly(4242);
            }
        }
    }
}

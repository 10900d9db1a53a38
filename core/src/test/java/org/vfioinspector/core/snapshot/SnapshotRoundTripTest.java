package org.vfioinspector.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.sysfs.HostRoot;

class SnapshotRoundTripTest {

    private static final Instant WHEN = Instant.parse("2025-03-04T05:06:07Z");

    @TempDir
    Path tmp;

    private HostTree host;
    private Path archive;
    private SnapshotResult result;

    @BeforeEach
    void writeSampleSnapshot() throws IOException {
        host = HostTree.sample(tmp.resolve("host"));
        archive = tmp.resolve("host.tar.gz");
        result = new SnapshotWriter("1.2.3", Clock.fixed(WHEN, ZoneOffset.UTC))
                .write(HostRoot.of(host.root), archive);
    }

    @Test
    void capturedFilesComeBackWithTheSameContent() throws IOException {
        try (HostRoot back = SnapshotReader.open(archive)) {
            for (Map.Entry<String, byte[]> f : host.files.entrySet()) {
                Path p = back.resolve(f.getKey());
                assertThat(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).as(f.getKey()).isTrue();
                assertThat(Files.readAllBytes(p)).as(f.getKey()).isEqualTo(f.getValue());
            }
        }
    }

    @Test
    void capturedLinksComeBackAsLinksWithTheSameTarget() throws IOException {
        try (HostRoot back = SnapshotReader.open(archive)) {
            for (Map.Entry<String, String> l : host.links.entrySet()) {
                Path p = back.resolve(l.getKey());
                assertThat(Files.isSymbolicLink(p)).as(l.getKey()).isTrue();
                assertThat(Files.readSymbolicLink(p)).as(l.getKey()).hasToString(l.getValue());
            }
            // the links resolve inside the unpacked tree just as on the host
            Path viaBus = back.resolve("sys/bus/pci/devices/0000:01:00.0/vendor");
            assertThat(Files.readString(viaBus)).isEqualTo("0x144d\n");
            assertThat(HostRoot.linkName(back.resolve("sys/bus/pci/devices/0000:01:00.0/driver"))).hasValue("nvme");
            assertThat(Files.isDirectory(back.resolve("sys/bus/pci/devices/0000:01:00.0/iommu_group/devices"))).isTrue();
        }
    }

    @Test
    void theSlotsHotplugDriverSurvivesTheSnapshot() throws IOException {
        // the slot's module link and pciehp's binding decide slot vs bus reset (AffectedSet)
        try (HostRoot back = SnapshotReader.open(archive)) {
            var slot = new org.vfioinspector.core.sysfs.SysfsReader(back).scan().slots().get(0);
            assertThat(slot.hotplugDriver()).contains("pciehp");
            assertThat(slot.pciehpVisible()).isTrue();
            assertThat(Files.isDirectory(back.resolve("sys/bus/pci_express/drivers/aer"))).isTrue();
        }
    }

    @Test
    void unwhitelistedFilesAreNeitherInTheArchiveNorUnpacked() throws IOException {
        Map<String, Archives.Entry> entries = Archives.list(archive);
        assertThat(host.absent).isNotEmpty();
        for (String rel : host.absent) {
            assertThat(entries.containsKey(rel)).as(rel).isFalse();
        }
        try (HostRoot back = SnapshotReader.open(archive)) {
            for (String rel : host.absent) {
                assertThat(Files.exists(back.resolve(rel), LinkOption.NOFOLLOW_LINKS)).as(rel).isFalse();
            }
        }
        // nothing larger than the config space limit slipped in
        assertThat(entries.values()).allSatisfy(e -> assertThat(e.size()).isLessThanOrEqualTo(64 * 1024));
    }

    @Test
    void driversAreEmptyDirectoriesAndDirectoriesWithoutWhitelistedFilesSurvive() throws IOException {
        try (HostRoot back = SnapshotReader.open(archive)) {
            Path nvmeDriver = back.resolve("sys/bus/pci/drivers/nvme");
            assertThat(nvmeDriver).isDirectory();
            assertThat(HostRoot.list(nvmeDriver)).isEmpty();
            assertThat(back.resolve("sys/class/drm/card0")).isDirectory();
        }
    }

    @Test
    void configIsReadAtMostOnePage() throws IOException {
        String rel = "sys/devices/pci0000:00/0000:00:02.0/config";
        byte[] big = HostTree.configSpace("8086", "3e92", 3 * SysCapture.CONFIG_MAX);
        Files.write(host.path(rel), big);
        Path again = tmp.resolve("again.tar.gz");
        new SnapshotWriter("1.2.3").write(HostRoot.of(host.root), again);
        try (HostRoot back = SnapshotReader.open(again)) {
            byte[] got = Files.readAllBytes(back.resolve(rel));
            assertThat(got).hasSize(SysCapture.CONFIG_MAX);
            assertThat(got).isEqualTo(java.util.Arrays.copyOf(big, SysCapture.CONFIG_MAX));
        }
    }

    @Test
    void holderFdLinksAreStoredVerbatimAndUnpackedPointingInsideTheRoot() throws IOException {
        Map<String, Archives.Entry> entries = Archives.list(archive);
        assertThat(entries.get("proc/1234/fd/7")).isEqualTo(new Archives.Entry(TarConstants.LF_SYMLINK, "/dev/vfio/12", 0));
        assertThat(entries.get("proc/1234/fd/9").linkName()).isEqualTo("/dev/kvm");
        try (HostRoot back = SnapshotReader.open(archive)) {
            Path fd = back.resolve("proc/1234/fd/7");
            Path target = Files.readSymbolicLink(fd);
            assertThat(target.isAbsolute()).isFalse();
            assertThat(fd.getParent().resolve(target).normalize()).isEqualTo(back.resolve("dev/vfio/12"));
            assertThat(HostRoot.linkName(fd)).hasValue("12");
            assertThat(Files.readSymbolicLink(back.resolve("proc/1234/fd/8"))).hasToString("anon_inode:kvm-vfio");
        }
    }

    @Test
    void procSelfBecomesARealDirectory() throws IOException {
        try (HostRoot back = SnapshotReader.open(archive)) {
            Path self = back.resolve("proc/self");
            assertThat(Files.isSymbolicLink(self)).isFalse();
            assertThat(self).isDirectory();
            assertThat(Files.readString(self.resolve("mountinfo")))
                    .isEqualTo(Files.readString(host.path("proc/4321/mountinfo")));
        }
    }

    @Test
    void countsMatchTheArchive() throws IOException {
        Map<String, Archives.Entry> entries = Archives.list(archive);
        long files = entries.values().stream().filter(e -> e.type() == TarConstants.LF_NORMAL).count();
        long links = entries.values().stream().filter(e -> e.type() == TarConstants.LF_SYMLINK).count();
        long dirs = entries.values().stream().filter(e -> e.type() == TarConstants.LF_DIR).count();
        long bytes = entries.values().stream().mapToLong(Archives.Entry::size).sum();
        assertThat(result.files()).isEqualTo(files);
        assertThat(result.links()).isEqualTo(links);
        assertThat(result.directories()).isEqualTo(dirs);
        assertThat(result.bytes()).isEqualTo(bytes);
        assertThat(files + links + dirs).isEqualTo(entries.size());
        // every expected file and link plus the info file, the rewritten fd links and proc/self/mountinfo
        assertThat(result.files()).isEqualTo(host.files.size() + 2);
        assertThat(result.links()).isEqualTo(host.links.size() + 2);
        assertThat(result.skipped()).isZero();
        assertThat(result.archive()).isEqualTo(archive.toAbsolutePath());
    }

    @Test
    void parentsComeBeforeWhatIsInsideThem() throws IOException {
        String previous = null;
        Map<String, Archives.Entry> entries = Archives.list(archive);
        for (String name : entries.keySet()) {
            int slash = name.lastIndexOf('/');
            if (slash > 0) {
                assertThat(entries.containsKey(name.substring(0, slash))).as(name).isTrue();
            }
            if (previous != null) {
                assertThat(name).isGreaterThan(previous);
            }
            previous = name;
        }
    }

    @Test
    void infoFileNamesVersionTimeAndSource() throws IOException {
        try (HostRoot back = SnapshotReader.open(archive)) {
            String info = Files.readString(back.resolve(SnapshotWriter.INFO_FILE));
            assertThat(info).contains("tool-version: 1.2.3", "created: " + WHEN, "source: " + host.root);
        }
    }

    @Test
    void writeReplacesTheTargetAndLeavesNoTemporaryFiles() throws IOException {
        Path out = tmp.resolve("replace/snap.tar.gz");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "an older file");
        new SnapshotWriter("1.2.3").write(HostRoot.of(host.root), out);
        assertThat(Archives.list(out).containsKey(SnapshotWriter.INFO_FILE)).isTrue();
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertThat(s.toList()).containsExactly(out);
        }
    }

    @Test
    void writingIntoAMissingDirectoryIsRefusedClearly() {
        Path out = tmp.resolve("missing/snap.tar.gz");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new SnapshotWriter("1.2.3").write(HostRoot.of(host.root), out))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("no such directory " + tmp.resolve("missing"));
    }

    @Test
    void unreadableFdDirectoriesAreCountedInNotes() throws IOException {
        // a process whose fd directory cannot be listed (here: not a directory, which also fails as root)
        Files.createDirectories(host.path("proc/555"));
        Files.writeString(host.path("proc/555/fd"), "");
        SnapshotResult r = new SnapshotWriter("1.2.3").write(HostRoot.of(host.root), tmp.resolve("n.tar.gz"));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("1 process could not be read"));
        assertThat(result.notes()).noneSatisfy(n -> assertThat(n).contains("could not be read"));
    }

    @Test
    void functionSubtreesAreWalkedOnlyToABoundedDepth() throws IOException {
        String fn = "sys/devices/pci0000:00/0000:00:1f.6/";
        StringBuilder shallow = new StringBuilder(fn);
        StringBuilder deep = new StringBuilder(fn);
        // directories up to SUBTREE_DEPTH levels below the function are walked, and no deeper
        for (int i = 0; i < SysCapture.SUBTREE_DEPTH; i++) {
            shallow.append("d").append(i).append('/');
        }
        for (int i = 0; i <= SysCapture.SUBTREE_DEPTH; i++) {
            deep.append("d").append(i).append('/');
        }
        Files.createDirectories(host.path(deep.toString()));
        Files.writeString(host.path(shallow + "dev"), "1:1\n");
        Files.writeString(host.path(deep + "dev"), "1:2\n");
        Path out = tmp.resolve("deep.tar.gz");
        new SnapshotWriter("1.2.3").write(HostRoot.of(host.root), out);
        Map<String, Archives.Entry> entries = Archives.list(out);
        assertThat(entries.containsKey(shallow + "dev")).as(shallow + "dev").isTrue();
        assertThat(entries.containsKey(deep + "dev")).as(deep + "dev").isFalse();
    }

    @Test
    void unpackedSnapshotIsDescribedByItsFileName() throws IOException {
        try (HostRoot back = SnapshotReader.open(archive)) {
            assertThat(back.description()).isEqualTo("snapshot host.tar.gz");
            assertThat(back.isLive()).isFalse();
            assertThat(back.path().getFileName().toString()).startsWith("vfio-inspector-snapshot-");
        }
    }

    @Test
    void closingTheRootDeletesTheDirectoryWithoutFollowingLinks() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("keep"));
        Files.writeString(outside.resolve("sentinel"), "stay");
        Path dir;
        try (HostRoot back = SnapshotReader.open(archive)) {
            dir = back.path();
            Files.createSymbolicLink(dir.resolve("sys/out"), outside);
            assertThat(dir.resolve(SnapshotWriter.INFO_FILE)).exists();
        }
        assertThat(Files.exists(dir, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readString(outside.resolve("sentinel"))).isEqualTo("stay");
    }

    @Test
    void hostRootsOpensDirectoriesAndArchives() throws IOException {
        try (HostRoot dir = HostRoots.open(host.root)) {
            assertThat(dir.path()).isEqualTo(host.root.toAbsolutePath().normalize());
        }
        try (HostRoot snap = HostRoots.open(archive)) {
            assertThat(snap.path()).isNotEqualTo(host.root);
            assertThat(Files.readAllBytes(snap.resolve("proc/cmdline")))
                    .isEqualTo(host.files.get("proc/cmdline"));
        }
        Path missing = tmp.resolve("nope.tar.gz");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HostRoots.open(missing))
                .isInstanceOf(SnapshotException.class)
                .hasMessage("no such file or directory: " + missing);
    }

    @Test
    void procFilesAreCapturedWhole() throws IOException {
        byte[] longMounts = "/dev/sda1 /mnt/x ext4 rw 0 0\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
        assertThat(longMounts.length).isGreaterThan(SysCapture.TEXT_MAX);
        Files.write(host.path("proc/mounts"), longMounts);
        Path out = tmp.resolve("mounts.tar.gz");
        new SnapshotWriter("1.2.3").write(HostRoot.of(host.root), out);
        try (HostRoot back = SnapshotReader.open(out)) {
            assertThat(Files.readAllBytes(back.resolve("proc/mounts"))).isEqualTo(longMounts);
        }
    }
}

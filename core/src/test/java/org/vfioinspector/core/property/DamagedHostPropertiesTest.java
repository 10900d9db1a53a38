package org.vfioinspector.core.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * Random valid hosts, then damaged the way captures and changing hosts are: bus links and group
 * entries missing, group links renumbered, group folders gone, garbage in attributes, directories
 * nested in a loop. The model must still be a tree whose chains end at the top, blast radii must
 * contain their device, and every disagreement about groups must be explained by a note.
 */
class DamagedHostPropertiesTest {

    private static final long FIRST_SEED = 0xda_4a9eL;
    private static final int HOSTS = 30;

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> damagedHosts() {
        return Stream.iterate(FIRST_SEED, s -> s + 1).limit(HOSTS)
                .map(seed -> DynamicTest.dynamicTest("seed " + Long.toHexString(seed), () -> checkDamaged(seed)));
    }

    private void checkDamaged(long seed) throws IOException {
        Path root = Files.createDirectories(dir.resolve(Long.toHexString(seed)));
        RandomHost host = RandomHost.generate(root, seed);
        host.fixture.write();
        damage(root, new Random(seed), 1 + (int) (seed % 4));

        Topology t = new SysfsReader(HostRoot.of(root)).scan();

        ModelInvariants.check(t);
    }

    /** A bridge's bus link is gone: the nesting still holds it, so it is read from there, with a note. */
    @Test
    void aBridgeWithoutBusLinkIsReadFromTheNesting() throws IOException {
        RandomHost host = RandomHost.generate(dir, FIRST_SEED);
        host.fixture.write();
        Topology full = new SysfsReader(HostRoot.of(dir)).scan();
        PciAddress bridge = host.bridges.iterator().next();
        Files.delete(dir.resolve("sys/bus/pci/devices/" + bridge));

        Topology t = new SysfsReader(HostRoot.of(dir)).scan();

        assertThat(t.devices()).isEqualTo(full.devices());
        assertThat(t.notes()).anyMatch(n -> n.startsWith(bridge + ": found in") && n.contains("without a link"));
        ModelInvariants.check(t);
    }

    /**
     * A bridge the reader cannot enter (its directory replaced by a link, which the walk never follows) and
     * without bus link: its children are read through their own links but it is not; they move to the top
     * with a note, and their parent is unknown.
     */
    @Test
    void functionsWhoseBridgeWasNotReadSitAtTheTop() throws IOException {
        RandomHost host = RandomHost.generate(dir, FIRST_SEED);
        host.fixture.write();
        PciAddress bridge = host.bridges.iterator().next();
        Files.delete(dir.resolve("sys/bus/pci/devices/" + bridge));
        org.vfioinspector.core.fixture.Damage.hideBehindALink(dir, bridge);

        Topology t = new SysfsReader(HostRoot.of(dir)).scan();

        assertThat(t.contains(bridge)).isFalse();
        List<PciAddress> orphans = host.ancestors.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty() && e.getValue().get(0).equals(bridge)).map(e -> e.getKey()).toList();
        assertThat(orphans).isNotEmpty();
        for (PciAddress o : orphans) {
            assertThat(t.roots()).extracting(PciDevice::address).contains(o);
            assertThat(t.notes()).anyMatch(n -> n.contains(o.toString()) && n.contains(bridge.toString()));
            assertThat(t.parentUnknown(o)).isPresent();
        }
        ModelInvariants.check(t);
    }

    /** Two functions whose directories nest inside each other (possible only in a hostile capture). */
    @Test
    void parentLoopIsCutWithANote() throws IOException {
        Path devices = Files.createDirectories(dir.resolve("sys/devices/pci0000:00"));
        Path a = Files.createDirectories(devices.resolve("0000:00:01.0/0000:01:00.0"));
        Path b = Files.createDirectories(devices.resolve("0000:01:00.0/0000:00:01.0"));
        for (Path p : List.of(a, b)) {
            Files.writeString(p.resolve("class"), "0x060400\n");
        }
        Path bus = Files.createDirectories(dir.resolve("sys/bus/pci/devices"));
        Files.createSymbolicLink(bus.resolve("0000:01:00.0"), bus.relativize(a));
        Files.createSymbolicLink(bus.resolve("0000:00:01.0"), bus.relativize(b));

        Topology t = new SysfsReader(HostRoot.of(dir)).scan();

        assertThat(t.size()).isEqualTo(2);
        assertThat(t.roots()).hasSize(1);
        assertThat(t.notes()).anyMatch(n -> n.contains("loops"));
        ModelInvariants.check(t);
    }

    private static void damage(Path root, Random random, int times) throws IOException {
        for (int i = 0; i < times; i++) {
            switch (random.nextInt(6)) {
                case 0 -> deleteOne(random, entries(root.resolve("sys/bus/pci/devices")));
                case 1 -> deleteOne(random, groupMembers(root));
                case 2 -> deleteTree(pick(random, entries(root.resolve("sys/kernel/iommu_groups"))));
                case 3 -> relinkGroup(root, random);
                case 4 -> garbage(root, random);
                default -> deleteTree(pick(random, entries(root.resolve("sys/bus/pci/slots"))));
            }
        }
    }

    /** The iommu_group link of one function now names another group, as after a renumbering. */
    private static void relinkGroup(Path root, Random random) throws IOException {
        Path fn = pick(random, entries(root.resolve("sys/bus/pci/devices")));
        if (fn == null) {
            return;
        }
        Path link = fn.toRealPath().resolve("iommu_group");
        if (Files.isSymbolicLink(link)) {
            Path target = Files.readSymbolicLink(link);
            Files.delete(link);
            Files.createSymbolicLink(link, target.resolveSibling(Integer.toString(random.nextInt(200))));
        }
    }

    private static void garbage(Path root, Random random) throws IOException {
        Path fn = pick(random, entries(root.resolve("sys/bus/pci/devices")));
        if (fn != null) {
            String attr = List.of("vendor", "class", "reset_method", "config", "numa_node").get(random.nextInt(5));
            byte[] junk = new byte[random.nextInt(80)];
            random.nextBytes(junk);
            Files.write(fn.toRealPath().resolve(attr), junk);
        }
    }

    private static List<Path> groupMembers(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path g : entries(root.resolve("sys/kernel/iommu_groups"))) {
            out.addAll(entries(g.resolve("devices")));
        }
        return out;
    }

    private static List<Path> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static Path pick(Random random, List<Path> paths) {
        return paths.isEmpty() ? null : paths.get(random.nextInt(paths.size()));
    }

    private static void deleteOne(Random random, List<Path> paths) throws IOException {
        Path p = pick(random, paths);
        if (p != null) {
            Files.delete(p);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (p == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted((x, y) -> y.compareTo(x)).toList()) {
                Files.delete(x);
            }
        }
    }
}

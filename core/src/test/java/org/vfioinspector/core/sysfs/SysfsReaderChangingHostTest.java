package org.vfioinspector.core.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.property.ModelInvariants;

/**
 * A host that changes while it is scanned: the reader's checkpoint seam changes the tree at a
 * fixed point (after the function listing, before a function or the groups are read), the way
 * hot-unplug, hotplug, a driver rebind or a group renumbering would. Each scan finishes with a
 * consistent model and notes that say what happened.
 */
class SysfsReaderChangingHostTest {

    private static final PciAddress PORT = PciAddress.parse("0000:00:1c.0");
    private static final PciAddress NIC = PciAddress.parse("0000:01:00.0");
    private static final PciAddress NIC_FN1 = PciAddress.parse("0000:01:00.1");

    @TempDir
    Path root;

    @BeforeEach
    void host() {
        SysfsFixture fx = new SysfsFixture(root);
        FixtureDevice port = fx.add(PORT.toString()).rootPort(1, 1).group(3);
        fx.add(NIC.toString()).under(port).nic(0x8086, 0x1521).driver("igb").group(4);
        fx.add(NIC_FN1.toString()).under(port).nic(0x8086, 0x1521).driver("igb").group(4);
        fx.write();
    }

    private Topology scanWith(String point, Runnable change) {
        Consumer<String> checkpoint = p -> {
            if (p.equals(point)) {
                change.run();
            }
        };
        Topology t = new SysfsReader(HostRoot.of(root), checkpoint).scan();
        ModelInvariants.check(t);
        return t;
    }

    @Test
    void functionRemovedBetweenListingAndReadingIsLeftOutWithANote() {
        // hot-unplug as the kernel does it: the directory and the group's entry go together
        Topology t = scanWith("device " + NIC_FN1, () -> {
            deleteTree(functionDir(NIC_FN1));
            delete(root.resolve("sys/kernel/iommu_groups/4/devices/" + NIC_FN1));
        });

        assertThat(t.contains(NIC_FN1)).isFalse();
        assertThat(t.contains(NIC)).isTrue();
        assertThat(t.notes()).anyMatch(n -> n.contains(NIC_FN1 + ": its sysfs directory vanished during the scan"));
        assertThat(t.group(4).orElseThrow().devices()).containsExactly(NIC);
    }

    @Test
    void bridgeRemovedWithEverythingBelowItLeavesNoOrphans() {
        Topology t = scanWith("device " + PORT, () -> deleteTree(functionDir(PORT)));

        assertThat(t.devices()).isEmpty();
        assertThat(t.notes()).filteredOn(n -> n.contains("vanished during the scan")).hasSize(3);
    }

    @Test
    void functionAddedDuringTheScanIsNotedThroughItsGroup() {
        PciAddress added = PciAddress.parse("0000:01:00.2");
        Topology t = scanWith("device " + NIC, () -> {
            Path dir = mkdirs(functionDir(NIC).resolveSibling(added.toString()));
            write(dir.resolve("vendor"), "0x8086\n");
            link(root.resolve("sys/kernel/iommu_groups/4/devices/" + added), dir);
            link(root.resolve("sys/bus/pci/devices/" + added), dir);
        });

        assertThat(t.contains(added)).as("the listing was taken before it appeared").isFalse();
        assertThat(t.notes()).anyMatch(n -> n.contains("IOMMU group 4 lists " + added) && n.contains("not among the functions read"));
    }

    @Test
    void driverLinkThatChangesTargetBeforeTheFunctionIsReadGivesTheNewDriver() {
        Topology t = scanWith("device " + NIC, () -> {
            Path driver = functionDir(NIC).resolve("driver");
            delete(driver);
            mkdirs(root.resolve("sys/bus/pci/drivers/vfio-pci"));
            link(driver, root.resolve("sys/bus/pci/drivers/vfio-pci"));
        });

        assertThat(t.device(NIC).orElseThrow().driver()).contains("vfio-pci");
        assertThat(t.device(NIC_FN1).orElseThrow().driver()).contains("igb");
    }

    @Test
    void groupRenumberedAfterTheFunctionsWereReadIsExplained() {
        Topology t = scanWith("groups", () -> {
            try {
                Files.move(root.resolve("sys/kernel/iommu_groups/4"), root.resolve("sys/kernel/iommu_groups/9"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (PciAddress a : List.of(NIC, NIC_FN1)) {
                Path l = functionDir(a).resolve("iommu_group");
                delete(l);
                link(l, root.resolve("sys/kernel/iommu_groups/9"));
            }
        });

        // the functions still say 4 (read before the change); the folders now say 9: both are shown, with notes
        assertThat(t.device(NIC).orElseThrow().iommuGroup()).hasValue(4);
        assertThat(t.group(9).orElseThrow().devices()).containsExactly(NIC, NIC_FN1);
        assertThat(t.notes()).anyMatch(n -> n.contains("iommu_groups/4 is missing"))
                .anyMatch(n -> n.contains("IOMMU group 9 lists " + NIC + ", whose iommu_group link names group 4"));
    }

    @Test
    void attributesThatVanishMidReadDegradeToNotes() {
        Topology t = scanWith("device " + NIC, () -> {
            delete(functionDir(NIC).resolve("config"));
            delete(functionDir(NIC).resolve("vendor"));
            delete(functionDir(NIC).resolve("iommu_group"));
        });

        assertThat(t.device(NIC).orElseThrow().vendorId()).isEmpty();
        assertThat(t.device(NIC).orElseThrow().notes()).contains("no config file");
        assertThat(t.notes()).anyMatch(n -> n.contains("IOMMU group 4 lists " + NIC));
    }

    /** Not deterministic, but bounded: a thread keeps unplugging, replugging and renumbering while scans run. */
    @Test
    @Timeout(60)
    void scansDuringConstantChangeNeverThrow() throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Path fn1 = functionDir(NIC_FN1);
        Path spare = root.resolve("spare");
        Thread churn = new Thread(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    Files.move(fn1, spare);             // unplug
                    Files.move(spare, fn1);             // replug
                    Path from = root.resolve("sys/kernel/iommu_groups/" + (i % 2 == 0 ? 4 : 5));
                    Path to = root.resolve("sys/kernel/iommu_groups/" + (i % 2 == 0 ? 5 : 4));
                    Files.move(from, to);               // renumber
                }
            } catch (IOException | RuntimeException e) {
                failure.set(e);
            }
        });
        churn.start();
        try {
            for (int i = 0; i < 200 && failure.get() == null; i++) {
                Topology t = new SysfsReader(HostRoot.of(root)).scan();
                ModelInvariants.check(t);
                assertThat(t.contains(NIC)).isTrue();
            }
        } finally {
            stop.set(true);
            churn.join();
        }
        assertThat(failure.get()).isNull();
    }

    private Path functionDir(PciAddress a) {
        try {
            return root.resolve("sys/bus/pci/devices/" + a).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void link(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, link.getParent().relativize(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

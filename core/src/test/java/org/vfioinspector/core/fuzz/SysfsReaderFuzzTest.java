package org.vfioinspector.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.property.GroupAgreement;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * One function directory whose attributes, config bytes and {@code driver}/{@code iommu_group}
 * links hold fuzzed content, read by the real reader: whatever a host or snapshot holds, the scan
 * returns a model whose values mean what they say and whose notes are safe to print.
 */
class SysfsReaderFuzzTest {

    private static final String[] ATTRIBUTES = {"vendor", "device", "class", "revision", "subsystem_vendor",
        "reset_method", "current_link_speed", "current_link_width", "max_link_speed", "numa_node",
        "driver_override", "boot_vga", "secondary_bus_number", "sriov_numvfs"};
    private static final PciAddress BRIDGE = PciAddress.parse("0000:00:01.0");
    private static final PciAddress FUNCTION = PciAddress.parse("0000:01:00.0");

    @FuzzTest(maxDuration = "30s")
    void scanOneFunction(FuzzedDataProvider data) throws IOException {
        Path root = Files.createTempDirectory("vfio-inspector-fuzz-sysfs-");
        try {
            if (!write(root, data)) {
                return;
            }
            Topology t = new SysfsReader(HostRoot.of(root)).scan();
            check(t);
        } finally {
            org.vfioinspector.core.fixture.TempTrees.delete(root);
        }
    }

    /** Writes the tree; false when the fuzzed names cannot exist on a Linux file system. */
    private static boolean write(Path root, FuzzedDataProvider data) throws IOException {
        Path bridge = Files.createDirectories(root.resolve("sys/devices/pci0000:00/" + BRIDGE));
        Path dir = Files.createDirectories(bridge.resolve(FUNCTION.toString()));
        Files.writeString(bridge.resolve("class"), "0x060400\n");
        Path bus = Files.createDirectories(root.resolve("sys/bus/pci/devices"));
        Files.createSymbolicLink(bus.resolve(BRIDGE.toString()), Path.of("../../../devices/pci0000:00/" + BRIDGE));
        Files.createSymbolicLink(bus.resolve(FUNCTION.toString()),
                Path.of("../../../devices/pci0000:00/" + BRIDGE + "/" + FUNCTION));
        int n = data.consumeInt(0, ATTRIBUTES.length);
        for (int i = 0; i < n; i++) {
            Files.write(dir.resolve(data.pickValue(ATTRIBUTES)), data.consumeBytes(40));
        }
        try {
            String group = data.consumeBoolean() ? Integer.toString(data.consumeInt(-2, 300)) : data.consumeString(12);
            Path groups = Files.createDirectories(root.resolve("sys/kernel/iommu_groups"));
            Files.createSymbolicLink(dir.resolve("iommu_group"), Path.of("../../../../kernel/iommu_groups/" + group));
            if (data.consumeBoolean()) {
                String folder = data.consumeBoolean() ? group : "7";
                String member = data.consumeBoolean() ? FUNCTION.toString() : data.consumeString(14);
                if (!fileName(folder) || !fileName(member)) {
                    return false; // no such tree can exist, and the files would land outside the temporary root
                }
                Path members = Files.createDirectories(groups.resolve(folder).resolve("devices"));
                Files.createSymbolicLink(members.resolve(member),
                        Path.of("../../../../devices/pci0000:00/" + BRIDGE + "/" + FUNCTION));
            }
            Files.createSymbolicLink(dir.resolve("driver"), Path.of("../../../../bus/pci/drivers/" + data.consumeString(16)));
        } catch (InvalidPathException | IOException e) {
            return false; // a NUL or '/' in a name: no such tree can exist
        }
        Files.write(dir.resolve("config"), data.consumeRemainingAsBytes());
        return true;
    }

    /**
     * Whether a fuzzed name is one directory entry. Jazzer steers strings towards "../jazzer-traversal",
     * and this test runs as root: a name with a slash or a dot-dot would write outside the temporary root.
     */
    private static boolean fileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('\0') < 0;
    }

    private static void check(Topology t) {
        assertThat(t.notes()).allSatisfy(n -> Invariants.printable("topology note", n));
        for (PciDevice d : t.devices()) {
            assertThat(d.notes()).allSatisfy(n -> Invariants.printable("device note", n));
            d.vendorId().ifPresent(v -> assertThat(v).isBetween(0, 0xffff));
            d.deviceId().ifPresent(v -> assertThat(v).isBetween(0, 0xffff));
            d.classCode().ifPresent(v -> assertThat(v).isBetween(0, 0xff_ffff));
            d.revision().ifPresent(v -> assertThat(v).isBetween(0, 0xff));
            d.iommuGroup().ifPresent(g -> {
                assertThat(g).isNotNegative();
                assertThat(t.group(g)).as("a function's group is in the model").isPresent();
            });
            d.driver().ifPresent(v -> Invariants.printable("driver", v));
            d.driverOverride().ifPresent(v -> Invariants.printable("driver_override", v));
            d.resetMethods().ifPresent(list -> list.forEach(m -> Invariants.printable("reset method", m)));
            d.link().currentSpeed().ifPresent(v -> Invariants.printable("link speed", v));
            d.link().maxSpeed().ifPresent(v -> Invariants.printable("link speed", v));
        }
        assertThat(t.device(FUNCTION)).as("the function is read whatever its attributes hold").isPresent();
        assertThat(t.parent(FUNCTION).map(PciDevice::address)).contains(BRIDGE);
        GroupAgreement.check(t);
    }

}

package org.vfioinspector.core.pciids;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PciIdsDescribeTest {

    private final PciIds ids = Fixture.ids();

    @Test
    void knownDeviceIsVendorThenDevice() {
        assertThat(ids.describeDevice(0x8086, 0x10d3)).isEqualTo("Intel Corporation 82574L Gigabit Network Connection");
        assertThat(ids.describeDevice(0x1b36, 0x000d)).isEqualTo("Red Hat, Inc. QEMU XHCI Host Controller");
    }

    @Test
    void unknownDeviceOfAKnownVendorFollowsLspci() {
        assertThat(ids.describeDevice(0x1b36, 0x0123)).isEqualTo("Red Hat, Inc. Device 0123");
    }

    @Test
    void unknownVendorIsNumericPair() {
        assertThat(ids.describeDevice(0xabcd, 0x000d)).isEqualTo("Device abcd:000d");
        assertThat(ids.describeVendor(0x0abc)).isEqualTo("Vendor 0abc");
        assertThat(ids.describeVendor(0x10de)).isEqualTo("NVIDIA Corporation");
    }

    @Test
    void classUsesTheMostSpecificNameLikeLspci() {
        assertThat(ids.describeClass(0x020000)).isEqualTo("Ethernet controller");
        assertThat(ids.describeClass(0x0c0330)).isEqualTo("USB controller");
        assertThat(ids.describeClass(0x028800)).isEqualTo("Network controller [0288]");
        assertThat(ids.describeClass(0x120000)).isEqualTo("Processing accelerators [1200]");
        assertThat(ids.describeClass(0x0d1100)).isEqualTo("Class 0d11");
        assertThat(ids.describeClass(0x1_000000)).startsWith("Class ");
    }

    @Test
    void subsystemNamesTheSubsystemVendor() {
        assertThat(ids.describeSubsystem(0x1b36, 0x0002, 0x1af4, 0x1100)).isEqualTo("Red Hat, Inc. QEMU Virtual Machine");
        assertThat(ids.describeSubsystem(0x10de, 0x1b80, 0x1043, 0x8591)).isEqualTo("ASUSTeK Computer Inc. GeForce GTX 1080");
    }

    @Test
    void subsystemEqualToTheDeviceUsesTheDeviceName() {
        assertThat(ids.subsystemName(0x8086, 0x1533, 0x8086, 0x1533)).isEmpty();
        assertThat(ids.describeSubsystem(0x8086, 0x1533, 0x8086, 0x1533))
                .isEqualTo("Intel Corporation I210 Gigabit Network Connection");
    }

    @Test
    void unknownSubsystemFallsBackToNumbers() {
        assertThat(ids.describeSubsystem(0x8086, 0x10d3, 0x1043, 0x9999)).isEqualTo("ASUSTeK Computer Inc. Device 9999");
        assertThat(ids.describeSubsystem(0x8086, 0x10d3, 0x1234, 0x5678)).isEqualTo("Device 1234:5678");
    }

    @Test
    void genericSubsystemSectionIsUsedWhenTheDeviceHasNoEntry() {
        var text = """
                1af4  Red Hat, Inc.
                \t1041  Virtio 1.0 network device
                S 1af4
                \t1100  QEMU Virtual Machine
                """;
        PciIds parsed = Fixture.parse(text);
        assertThat(parsed.skippedLines()).isZero();
        assertThat(parsed.subsystemName(0x1af4, 0x1041, 0x1af4, 0x1100)).isEmpty();
        assertThat(parsed.describeSubsystem(0x1af4, 0x1041, 0x1af4, 0x1100)).isEqualTo("Red Hat, Inc. QEMU Virtual Machine");
    }

    @Test
    void emptyDatabaseDescribesEverythingNumerically() {
        PciIds none = PciIds.empty();
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.vendorName(0x8086)).isEmpty();
        assertThat(none.subclassName(0x02, 0x00)).isEmpty();
        assertThat(none.describeDevice(0x8086, 0x10d3)).isEqualTo("Device 8086:10d3");
        assertThat(none.describeClass(0x020000)).isEqualTo("Class 0200");
        assertThat(none.source()).isEmpty();
        assertThat(none.version()).isEmpty();
        assertThat(none.skippedLines()).isZero();
    }
}

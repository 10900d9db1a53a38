package org.vfioinspector.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Capability lists are pointer chains read from hardware or from files: bad chains must end safely. */
class CorruptCapabilityListTest {

    /** An endpoint with PM at 0x40 and PCIe at 0x48, then MSI-X. */
    private static ConfigSpaceBuilder endpoint() {
        return ConfigSpaceBuilder.endpoint(0x8086, 0x1533, 0x020000).powerManagement(false)
                .pciExpress(PortType.ENDPOINT, true, false, false, 1, 1, 1, 1).msix();
    }

    @Test
    void loopingCapabilityListTerminates() {
        ConfigSpaceBuilder b = endpoint();
        int pm = b.capabilityOffset(Capability.POWER_MANAGEMENT);
        int pcie = b.capabilityOffset(Capability.PCI_EXPRESS);
        // A → B → A
        ConfigSpace cs = ConfigSpaceParser.parse(b.rawWrite(pcie + 1, (byte) pm).build(256));

        assertThat(cs.capabilities()).extracting(Capability::offset).containsExactly(pm, pcie);
        assertThat(cs.notes()).singleElement().asString().contains("loops back to 0x" + Integer.toHexString(pm));
        assertThat(cs.pciExpress()).isPresent();
    }

    @Test
    void selfLoopTerminates() {
        ConfigSpaceBuilder b = endpoint();
        int pm = b.capabilityOffset(Capability.POWER_MANAGEMENT);
        ConfigSpace cs = ConfigSpaceParser.parse(b.rawWrite(pm + 1, (byte) pm).build(256));

        assertThat(cs.capabilities()).hasSize(1);
        assertThat(cs.notes()).singleElement().asString().contains("loops back");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x04, 0x10, 0x34, 0x3c})
    void pointerIntoTheHeaderStopsTheList(int pointer) {
        ConfigSpaceBuilder b = endpoint();
        int pcie = b.capabilityOffset(Capability.PCI_EXPRESS);
        ConfigSpace cs = ConfigSpaceParser.parse(b.rawWrite(pcie + 1, (byte) pointer).build(256));

        assertThat(cs.capabilities()).extracting(Capability::id)
                .containsExactly(Capability.POWER_MANAGEMENT, Capability.PCI_EXPRESS);
        assertThat(cs.notes()).singleElement().asString().contains("points into the standard header");
    }

    @Test
    void firstPointerIntoTheHeaderGivesNoCapabilities() {
        ConfigSpace cs = ConfigSpaceParser.parse(endpoint().rawWrite(0x34, (byte) 0x20).build(256));

        assertThat(cs.capabilities()).isEmpty();
        assertThat(cs.pciExpress()).isEmpty();
        assertThat(cs.capabilitiesAvailable()).isTrue(); // the bytes were there; the list is just bad
        assertThat(cs.notes()).hasSize(1);
    }

    @Test
    void pointerBeyondTheDumpStopsTheList() {
        ConfigSpaceBuilder b = endpoint();
        int pcie = b.capabilityOffset(Capability.PCI_EXPRESS);
        byte[] bytes = b.rawWrite(pcie + 1, (byte) 0xf0).build(256);
        ConfigSpace cs = ConfigSpaceParser.parse(Arrays.copyOf(bytes, 0xc0));

        assertThat(cs.capabilities()).hasSize(2);
        assertThat(cs.notes()).singleElement().asString().contains("0xf0 lies beyond the 192 bytes available");
    }

    @Test
    void reservedLowPointerBitsAreIgnored() {
        ConfigSpaceBuilder b = endpoint();
        int pm = b.capabilityOffset(Capability.POWER_MANAGEMENT);
        ConfigSpace cs = ConfigSpaceParser.parse(b.rawWrite(0x34, (byte) (pm | 0x3)).build(256));

        assertThat(cs.capabilities()).hasSize(3);
        assertThat(cs.capabilities().get(0).offset()).isEqualTo(pm);
        assertThat(cs.notes()).isEmpty();
    }

    @Test
    void overlappingCapabilitiesAreListedAndTheWalkEnds() {
        ConfigSpaceBuilder b = endpoint();
        int pm = b.capabilityOffset(Capability.POWER_MANAGEMENT);
        // PM's next points 4 bytes into itself: a "capability" made of PM's PMCSR bytes (id 0, next 0).
        ConfigSpace cs = ConfigSpaceParser.parse(b.rawWrite(pm + 1, (byte) (pm + 4)).build(256));

        assertThat(cs.capabilities()).extracting(Capability::offset).containsExactly(pm, pm + 4);
        assertThat(cs.capabilities().get(1).name()).isEqualTo("Unknown (0x00)");
        assertThat(cs.pciExpress()).isEmpty();
    }

    @Test
    void allOnesCapabilityStopsTheList() {
        ConfigSpaceBuilder b = endpoint();
        int pcie = b.capabilityOffset(Capability.PCI_EXPRESS);
        ConfigSpace cs = ConfigSpaceParser.parse(b.rawWrite(pcie, (byte) 0xff, (byte) 0xff).build(256));

        assertThat(cs.capabilities()).hasSize(1);
        assertThat(cs.notes()).singleElement().asString().contains("reads as ff");
    }

    @Test
    void longestPossibleStandardListIsWalkedCompletely() {
        ConfigSpaceBuilder b = ConfigSpaceBuilder.endpoint(1, 2, 0xff0000);
        for (int i = 0; i < CapabilityWalker.MAX_STANDARD; i++) {
            b.capability(0x80 + i, 4); // distinct IDs so the builder keeps them all
        }
        ConfigSpace cs = ConfigSpaceParser.parse(b.build(256));

        assertThat(cs.capabilities()).hasSize(CapabilityWalker.MAX_STANDARD);
        assertThat(cs.capabilities().get(CapabilityWalker.MAX_STANDARD - 1).offset()).isEqualTo(0xfc);
        assertThat(cs.notes()).isEmpty();
    }

    @Test
    void loopingExtendedListTerminates() {
        ConfigSpaceBuilder b = endpoint().aer().acs(0x1f, 0x1f);
        int aer = b.extendedCapabilityOffset(ExtendedCapability.AER);
        int acs = b.extendedCapabilityOffset(ExtendedCapability.ACS);
        // ACS header: id 0x000d, version 1, next → AER
        ConfigSpace cs = ConfigSpaceParser.parse(b.rawWrite32(acs, 0x000d | 1 << 16 | aer << 20).build(4096));

        assertThat(cs.extendedCapabilities()).extracting(ExtendedCapability::offset).containsExactly(aer, acs);
        assertThat(cs.notes()).singleElement().asString().contains("loops back to 0x100");
        assertThat(cs.acs()).isPresent();
    }

    @Test
    void allOnesExtendedHeaderStopsTheList() {
        ConfigSpace cs = ConfigSpaceParser.parse(endpoint().aer().rawWrite32(0x100, 0xffff_ffff).build(4096));

        assertThat(cs.extendedCapabilities()).isEmpty();
        assertThat(cs.aer()).isFalse();
        assertThat(cs.notes()).singleElement().asString().contains("ffffffff");
    }

    @Test
    void extendedPointerBelow0x100StopsTheList() {
        ConfigSpaceBuilder b = endpoint().aer();
        ConfigSpace cs = ConfigSpaceParser.parse(b.rawWrite32(0x100, 0x0001 | 2 << 16 | 0x40 << 20).build(4096));

        assertThat(cs.extendedCapabilities()).hasSize(1);
        assertThat(cs.notes()).singleElement().asString().contains("below 0x100");
    }

    @Test
    void extendedPointerToAZeroHeaderIsNoted() {
        ConfigSpace cs = ConfigSpaceParser.parse(
                endpoint().aer().rawWrite32(0x100, 0x0001 | 2 << 16 | 0x800 << 20).build(4096));

        assertThat(cs.extendedCapabilities()).hasSize(1);
        assertThat(cs.notes()).singleElement().asString().contains("0x800 is empty");
    }

    @Test
    void extendedListIsCappedAt512Entries() {
        ConfigSpaceBuilder b = ConfigSpaceBuilder.endpoint(1, 2, 0xff0000)
                .pciExpress(PortType.ENDPOINT, false, false, false, 1, 1, 1, 1);
        // 600 distinct 4-byte entries chained 0x100 → 0x104 → …; only a broken device does this.
        for (int i = 0; i < 600; i++) {
            int offset = 0x100 + 4 * i;
            b.rawWrite32(offset, 0x000b | 1 << 16 | (offset + 4) << 20);
        }
        ConfigSpace cs = ConfigSpaceParser.parse(b.build(4096));

        assertThat(cs.extendedCapabilities()).hasSize(CapabilityWalker.MAX_EXTENDED);
        assertThat(cs.notes()).singleElement().asString().contains("more than 512 entries");
    }

    @Test
    void extendedSpaceIsNotReadFromA256ByteDump() {
        ConfigSpaceBuilder b = endpoint().aer();
        byte[] full = b.build(4096);
        // Pretend someone appended junk after 256 bytes: a dump shorter than 4096 has no extended list.
        ConfigSpace cs = ConfigSpaceParser.parse(Arrays.copyOf(full, 1024));

        assertThat(cs.extendedAvailable()).isFalse();
        assertThat(cs.extendedCapabilities()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 15, 63})
    void shortArraysNeverThrowAndSayTheyAreTruncated(int length) {
        byte[] bytes = Arrays.copyOf(endpoint().build(4096), length);

        ConfigSpace cs = ConfigSpaceParser.parse(bytes);

        assertThat(cs.headerAvailable()).isFalse();
        assertThat(cs.length()).isEqualTo(length);
        assertThat(cs.capabilities()).isEmpty();
        assertThat(cs.notes()).containsExactly("config space truncated to " + length + " bytes");
        assertThat(cs.vendorId()).isEqualTo(length >= 2 ? 0x8086 : 0);
    }

    @Test
    void nullIsAnEmptyDump() {
        assertThatCode(() -> ConfigSpaceParser.parse(null)).doesNotThrowAnyException();
        assertThat(ConfigSpaceParser.parse(null).notes()).containsExactly("config space truncated to 0 bytes");
    }

    @Test
    void acsCapabilityWithItsRegistersCutOffReadsAsZero() {
        // A 4096-byte dump is complete, so ACS registers can only be cut off at the very end of the space.
        ConfigSpaceBuilder b = endpoint().aer();
        int aer = b.extendedCapabilityOffset(ExtendedCapability.AER);
        b.rawWrite32(aer, 0x0001 | 2 << 16 | 0xffc << 20).rawWrite32(0xffc, 0x000d | 1 << 16);
        ConfigSpace cs = ConfigSpaceParser.parse(b.build(4096));

        assertThat(cs.acs()).contains(new Acs(0, 0));
        assertThat(cs.notes()).singleElement().asString().contains("ACS capability at 0xffc");
    }
}

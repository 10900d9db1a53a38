package org.vfioinspector.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses a PCI config-space dump, such as the bytes of a sysfs {@code config} file.
 *
 * <p>Pure and total: any byte array (null, empty, truncated, random, or with looping capability
 * lists) gives a {@link ConfigSpace}; whatever could not be read is recorded in its notes. Values are
 * little-endian, as the kernel returns them. How much there is depends on who reads: the kernel gives
 * 64 bytes (128 for CardBus) to a reader without CAP_SYS_ADMIN, and the full 256 or 4096 bytes to root.
 */
public final class ConfigSpaceParser {

    private static final int STATUS_CAP_LIST = 0x10;
    private static final int CAP_PTR_NORMAL = 0x34;
    private static final int CAP_PTR_CARDBUS = 0x14;

    private ConfigSpaceParser() {
    }

    /** Parses {@code bytes} (null is treated as empty); never throws. */
    public static ConfigSpace parse(byte[] bytes) {
        ConfigBytes b = new ConfigBytes(bytes);
        List<String> notes = new ArrayList<>();
        int length = b.length();
        // Header fields are read as far as the dump reaches, even when it is shorter than the header.
        int vendorId = orZero(b.u16(0x00));
        int status = orZero(b.u16(0x06));
        int headerTypeByte = orZero(b.u8(0x0e));
        int headerType = headerTypeByte & 0x7f;
        int classCode = b.has(0x08, 4) ? (int) (b.u32(0x08) >>> 8) : 0;

        OptionalInt primary = OptionalInt.empty();
        OptionalInt secondary = OptionalInt.empty();
        OptionalInt subordinate = OptionalInt.empty();
        List<Capability> caps = List.of();
        List<ExtendedCapability> ext = List.of();
        if (length < ConfigSpace.HEADER_SIZE) {
            notes.add("config space truncated to " + length + " bytes");
        } else {
            if (vendorId == 0xffff) {
                notes.add("vendor ID reads as ffff: the function did not answer (removed, powered off or in reset)");
            }
            if (headerType == 1) {
                primary = OptionalInt.of(b.u8(0x18));
                secondary = OptionalInt.of(b.u8(0x19));
                subordinate = OptionalInt.of(b.u8(0x1a));
            }
            caps = standardCapabilities(b, status, headerType, notes);
            if (length >= ConfigSpace.EXTENDED_SIZE) {
                ext = CapabilityWalker.extended(b, notes);
            }
        }
        Optional<Capability> pm = first(caps, Capability.POWER_MANAGEMENT);
        Optional<Capability> pcie = first(caps, Capability.PCI_EXPRESS);
        Optional<Capability> af = first(caps, Capability.ADVANCED_FEATURES);
        Optional<ExtendedCapability> acs = firstExtended(ext, ExtendedCapability.ACS);
        Optional<ExtendedCapability> sriov = firstExtended(ext, ExtendedCapability.SRIOV);
        return new ConfigSpace(length, vendorId, orZero(b.u16(0x02)), orZero(b.u16(0x04)), status,
                orZero(b.u8(0x08)), classCode, headerType, (headerTypeByte & 0x80) != 0,
                primary, secondary, subordinate, caps, ext,
                pm.map(c -> PowerManagement.read(b, c.offset(), notes)),
                pcie.map(c -> PciExpress.read(b, c.offset(), notes)),
                acs.map(c -> Acs.read(b, c.offset(), notes)),
                sriov.map(c -> Sriov.read(b, c.offset(), notes)),
                ext.stream().anyMatch(c -> c.id() == ExtendedCapability.AER),
                notes, af.map(c -> AdvancedFeatures.read(b, c.offset(), notes)));
    }

    private static List<Capability> standardCapabilities(ConfigBytes b, int status, int headerType,
                                                         List<String> notes) {
        if ((status & STATUS_CAP_LIST) == 0) {
            return List.of(); // the function declares no capability list; the pointer means nothing
        }
        if (headerType > 2) {
            notes.add(String.format("unknown header type 0x%02x; capability list not read", headerType));
            return List.of();
        }
        return CapabilityWalker.standard(b, headerType == 2 ? CAP_PTR_CARDBUS : CAP_PTR_NORMAL, notes);
    }

    private static Optional<Capability> first(List<Capability> caps, int id) {
        return caps.stream().filter(c -> c.id() == id).findFirst();
    }

    private static Optional<ExtendedCapability> firstExtended(List<ExtendedCapability> caps, int id) {
        return caps.stream().filter(c -> c.id() == id).findFirst();
    }

    private static int orZero(int value) {
        return Math.max(value, 0);
    }
}

package org.vfioinspector.core.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a PCI function's config space (a sysfs {@code config} file) says, as far as the dump reaches.
 * Produced by {@link ConfigSpaceParser#parse(byte[])}; fields that lie beyond the available bytes are
 * zero, empty or false, and {@link #notes()} says what could not be read or looked corrupt.
 *
 * @param length               how many bytes the dump had (64 unprivileged, 128 for CardBus unprivileged,
 *                             256 or 4096 as root)
 * @param vendorId             0x00 (16 bits)
 * @param deviceId             0x02
 * @param command              0x04
 * @param status               0x06
 * @param revision             0x08
 * @param classCode            0x09..0x0b as one 24-bit value (base class, sub class, prog-if)
 * @param headerType           0x0e bits 6:0 (0 function, 1 PCI-to-PCI bridge, 2 CardBus bridge)
 * @param multifunction        0x0e bit 7
 * @param primaryBus           0x18, for header type 1 only
 * @param secondaryBus         0x19, for header type 1 only
 * @param subordinateBus       0x1a, for header type 1 only
 * @param capabilities         the standard capability list in walk order
 * @param extendedCapabilities the PCIe extended capability list in walk order (4096-byte dumps only)
 * @param powerManagement      the first Power Management capability
 * @param pciExpress           the first PCI Express capability
 * @param acs                  the first ACS extended capability
 * @param sriov                the first SR-IOV extended capability
 * @param aer                  an Advanced Error Reporting extended capability is present
 * @param notes                what was truncated, missing or corrupt, in plain words
 * @param advancedFeatures     the first Advanced Features capability (conventional PCI's FLR)
 */
public record ConfigSpace(int length, int vendorId, int deviceId, int command, int status, int revision,
                          int classCode, int headerType, boolean multifunction,
                          OptionalInt primaryBus, OptionalInt secondaryBus, OptionalInt subordinateBus,
                          List<Capability> capabilities, List<ExtendedCapability> extendedCapabilities,
                          Optional<PowerManagement> powerManagement, Optional<PciExpress> pciExpress,
                          Optional<Acs> acs, Optional<Sriov> sriov, boolean aer,
                          List<String> notes, Optional<AdvancedFeatures> advancedFeatures) {

    /** The size of the standard header that every function has. */
    public static final int HEADER_SIZE = 64;
    /** Conventional PCI config space size. */
    public static final int LEGACY_SIZE = 256;
    /** PCI Express config space size, extended capabilities included. */
    public static final int EXTENDED_SIZE = 4096;

    public ConfigSpace {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, was " + length);
        }
        primaryBus = primaryBus == null ? OptionalInt.empty() : primaryBus;
        secondaryBus = secondaryBus == null ? OptionalInt.empty() : secondaryBus;
        subordinateBus = subordinateBus == null ? OptionalInt.empty() : subordinateBus;
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        extendedCapabilities = extendedCapabilities == null ? List.of() : List.copyOf(extendedCapabilities);
        powerManagement = powerManagement == null ? Optional.empty() : powerManagement;
        pciExpress = pciExpress == null ? Optional.empty() : pciExpress;
        acs = acs == null ? Optional.empty() : acs;
        sriov = sriov == null ? Optional.empty() : sriov;
        notes = notes == null ? List.of() : List.copyOf(notes);
        advancedFeatures = advancedFeatures == null ? Optional.empty() : advancedFeatures;
    }

    /** True when the 64-byte standard header was present, so the ID and header fields are real. */
    public boolean headerAvailable() {
        return length >= HEADER_SIZE;
    }

    /** Header type 1: a PCI-to-PCI bridge (Root Ports and switch ports included). */
    public boolean isBridge() {
        return headerAvailable() && headerType == 1;
    }

    /** Header type 2: a CardBus bridge. */
    public boolean isCardBus() {
        return headerAvailable() && headerType == 2;
    }

    /**
     * True when the standard capability list could be read: the dump covers the 256-byte
     * conventional space, or at least some capabilities were found within what it covers.
     */
    public boolean capabilitiesAvailable() {
        return length >= LEGACY_SIZE || !capabilities.isEmpty();
    }

    /** True when the dump covers the 4096-byte extended space (reading sysfs {@code config} as root). */
    public boolean extendedAvailable() {
        return length >= EXTENDED_SIZE;
    }

    /** True when the standard list has a capability with this ID. */
    public boolean hasCapability(int id) {
        return capabilities.stream().anyMatch(c -> c.id() == id);
    }

    /** True when the extended list has a capability with this ID. */
    public boolean hasExtendedCapability(int id) {
        return extendedCapabilities.stream().anyMatch(c -> c.id() == id);
    }
}

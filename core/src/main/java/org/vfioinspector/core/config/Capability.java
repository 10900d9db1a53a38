package org.vfioinspector.core.config;

import java.util.Map;

/**
 * One entry of the standard (conventional PCI) capability list.
 *
 * @param id     the capability ID byte ({@code PCI_CAP_ID_*} in {@code linux/pci_regs.h})
 * @param offset where the capability starts in config space (0x40..0xff)
 * @param name   a human name; {@code Unknown (0xNN)} for IDs we do not know
 */
public record Capability(int id, int offset, String name) {

    public static final int POWER_MANAGEMENT = 0x01;
    public static final int MSI = 0x05;
    public static final int VENDOR_SPECIFIC = 0x09;
    public static final int BRIDGE_SUBSYSTEM = 0x0d;
    public static final int PCI_EXPRESS = 0x10;
    public static final int MSI_X = 0x11;
    public static final int ADVANCED_FEATURES = 0x13;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x01, "Power Management"),
            Map.entry(0x02, "AGP"),
            Map.entry(0x03, "Vital Product Data"),
            Map.entry(0x04, "Slot Identification"),
            Map.entry(0x05, "MSI"),
            Map.entry(0x06, "CompactPCI Hot Swap"),
            Map.entry(0x07, "PCI-X"),
            Map.entry(0x08, "HyperTransport"),
            Map.entry(0x09, "Vendor Specific"),
            Map.entry(0x0a, "Debug Port"),
            Map.entry(0x0b, "CompactPCI Central Resource Control"),
            Map.entry(0x0c, "PCI Standard Hot-Plug Controller"),
            Map.entry(0x0d, "Bridge Subsystem Vendor ID"),
            Map.entry(0x0e, "AGP 8x"),
            Map.entry(0x0f, "Secure Device"),
            Map.entry(0x10, "PCI Express"),
            Map.entry(0x11, "MSI-X"),
            Map.entry(0x12, "SATA"),
            Map.entry(0x13, "Advanced Features (AF)"),
            Map.entry(0x14, "Enhanced Allocation"),
            Map.entry(0x15, "Flattening Portal Bridge"));

    public Capability {
        if (id < 0 || id > 0xff) {
            throw new IllegalArgumentException("capability id must be a byte, was " + id);
        }
        if (offset < 0 || offset > 0xff) {
            throw new IllegalArgumentException("standard capability offset must be 00..ff, was " + offset);
        }
        if (name == null || name.isBlank()) {
            name = nameOf(id);
        }
    }

    /** Creates an entry named after its ID. */
    public static Capability of(int id, int offset) {
        return new Capability(id, offset, nameOf(id));
    }

    /** The human name of a standard capability ID, or {@code Unknown (0xNN)}. */
    public static String nameOf(int id) {
        String known = NAMES.get(id);
        return known != null ? known : String.format("Unknown (0x%02x)", id & 0xff);
    }
}

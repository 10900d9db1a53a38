package org.vfioinspector.core.config;

import java.util.Map;

/**
 * One entry of the PCI Express extended capability list (config space 0x100..0xfff).
 *
 * @param id      the 16-bit capability ID ({@code PCI_EXT_CAP_ID_*} in {@code linux/pci_regs.h})
 * @param version the 4-bit capability version
 * @param offset  where the capability starts (0x100..0xffc)
 * @param name    a human name; {@code Unknown (0xNNNN)} for IDs we do not know
 */
public record ExtendedCapability(int id, int version, int offset, String name) {

    public static final int AER = 0x0001;
    public static final int DEVICE_SERIAL_NUMBER = 0x0003;
    public static final int ACS = 0x000d;
    public static final int SRIOV = 0x0010;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x0001, "Advanced Error Reporting"),
            Map.entry(0x0002, "Virtual Channel"),
            Map.entry(0x0003, "Device Serial Number"),
            Map.entry(0x0004, "Power Budgeting"),
            Map.entry(0x0005, "Root Complex Link Declaration"),
            Map.entry(0x0006, "Root Complex Internal Link Control"),
            Map.entry(0x0007, "Root Complex Event Collector Endpoint Association"),
            Map.entry(0x0008, "Multi-Function Virtual Channel"),
            Map.entry(0x0009, "Virtual Channel"),
            Map.entry(0x000a, "Root Complex Register Block"),
            Map.entry(0x000b, "Vendor Specific"),
            Map.entry(0x000c, "Configuration Access Correlation"),
            Map.entry(0x000d, "Access Control Services"),
            Map.entry(0x000e, "Alternative Routing-ID Interpretation"),
            Map.entry(0x000f, "Address Translation Services"),
            Map.entry(0x0010, "Single Root I/O Virtualization"),
            Map.entry(0x0011, "Multi-Root I/O Virtualization"),
            Map.entry(0x0012, "Multicast"),
            Map.entry(0x0013, "Page Request Interface"),
            Map.entry(0x0014, "Reserved for AMD"),
            Map.entry(0x0015, "Resizable BAR"),
            Map.entry(0x0016, "Dynamic Power Allocation"),
            Map.entry(0x0017, "TPH Requester"),
            Map.entry(0x0018, "Latency Tolerance Reporting"),
            Map.entry(0x0019, "Secondary PCI Express"),
            Map.entry(0x001a, "Protocol Multiplexing"),
            Map.entry(0x001b, "Process Address Space ID"),
            Map.entry(0x001c, "LN Requester"),
            Map.entry(0x001d, "Downstream Port Containment"),
            Map.entry(0x001e, "L1 PM Substates"),
            Map.entry(0x001f, "Precision Time Measurement"),
            Map.entry(0x0023, "Designated Vendor-Specific"),
            Map.entry(0x0024, "VF Resizable BAR"),
            Map.entry(0x0025, "Data Link Feature"),
            Map.entry(0x0026, "Physical Layer 16.0 GT/s"),
            Map.entry(0x0027, "Lane Margining at the Receiver"),
            Map.entry(0x002a, "Physical Layer 32.0 GT/s"),
            Map.entry(0x002e, "Data Object Exchange"));

    public ExtendedCapability {
        if (id < 0 || id > 0xffff) {
            throw new IllegalArgumentException("extended capability id must be 16 bits, was " + id);
        }
        if (version < 0 || version > 0xf) {
            throw new IllegalArgumentException("extended capability version must be 4 bits, was " + version);
        }
        if (offset < 0x100 || offset > 0xffc) {
            throw new IllegalArgumentException(
                    "extended capability offset must be 0x100..0xffc, was 0x" + Integer.toHexString(offset));
        }
        if (name == null || name.isBlank()) {
            name = nameOf(id);
        }
    }

    /** Creates an entry named after its ID. */
    public static ExtendedCapability of(int id, int version, int offset) {
        return new ExtendedCapability(id, version, offset, nameOf(id));
    }

    /** The human name of an extended capability ID, or {@code Unknown (0xNNNN)}. */
    public static String nameOf(int id) {
        String known = NAMES.get(id);
        return known != null ? known : String.format("Unknown (0x%04x)", id & 0xffff);
    }
}

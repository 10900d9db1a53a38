package org.vfioinspector.core.config;

/**
 * The Device/Port Type field of the PCI Express Capabilities register (bits 7:4,
 * {@code PCI_EXP_TYPE_*} in {@code linux/pci_regs.h}).
 */
public enum PortType {
    ENDPOINT(0, "Endpoint"),
    LEGACY_ENDPOINT(1, "Legacy Endpoint"),
    ROOT_PORT(4, "Root Port"),
    UPSTREAM_PORT(5, "Upstream Port"),
    DOWNSTREAM_PORT(6, "Downstream Port"),
    PCIE_TO_PCI_BRIDGE(7, "PCI Express to PCI/PCI-X Bridge"),
    PCI_TO_PCIE_BRIDGE(8, "PCI/PCI-X to PCI Express Bridge"),
    RC_INTEGRATED_ENDPOINT(9, "Root Complex Integrated Endpoint"),
    RC_EVENT_COLLECTOR(10, "Root Complex Event Collector"),
    UNKNOWN(-1, "Unknown");

    private final int code;
    private final String label;

    PortType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The 4-bit field value; -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** A human label such as "Root Port". */
    public String label() {
        return label;
    }

    /**
     * True for Root Ports and switch Downstream Ports: the ports whose ACS decides whether the
     * devices below them can talk to each other without the IOMMU seeing it.
     */
    public boolean isDownstreamFacing() {
        return this == ROOT_PORT || this == DOWNSTREAM_PORT;
    }

    /** The type for a field value; reserved or out-of-range values give {@link #UNKNOWN}. */
    public static PortType of(int code) {
        for (PortType t : values()) {
            if (t.code == code && t != UNKNOWN) {
                return t;
            }
        }
        return UNKNOWN;
    }
}

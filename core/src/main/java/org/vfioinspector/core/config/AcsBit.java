package org.vfioinspector.core.config;

/**
 * The ACS Capability / ACS Control bits ({@code PCI_ACS_*} in {@code linux/pci_regs.h}). The same
 * bit position means "supported" in the capability register and "enabled" in the control register.
 */
public enum AcsBit {
    SV(0x0001, "Source Validation: the port checks that requests from below carry a bus number that belongs there"),
    TB(0x0002, "Translation Blocking: the port blocks requests from below that claim to be already translated"),
    RR(0x0004, "P2P Request Redirect: peer-to-peer requests are sent up to the root complex (and the IOMMU)"),
    CR(0x0008, "P2P Completion Redirect: peer-to-peer completions are sent up to the root complex"),
    UF(0x0010, "Upstream Forwarding: requests that would bounce back down the same port are sent upstream"),
    EC(0x0020, "P2P Egress Control: a per-port vector decides which peer-to-peer traffic is blocked"),
    DT(0x0040, "Direct Translated P2P: already-translated peer-to-peer requests may go directly");

    private final int mask;
    private final String description;

    AcsBit(int mask, String description) {
        this.mask = mask;
        this.description = description;
    }

    /** The bit as a mask of the 16-bit register. */
    public int mask() {
        return mask;
    }

    /** What the bit does, in plain English. */
    public String description() {
        return description;
    }

    /** The register value with exactly the given bits set. */
    public static int maskOf(AcsBit... bits) {
        int m = 0;
        for (AcsBit bit : bits) {
            m |= bit.mask;
        }
        return m;
    }
}

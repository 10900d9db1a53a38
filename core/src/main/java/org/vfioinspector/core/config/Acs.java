package org.vfioinspector.core.config;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Access Control Services extended capability (ID 0x000d): which ACS features a port
 * supports ({@code capability}, cap+4) and which are turned on ({@code control}, cap+6).
 *
 * @param capability the ACS Capability register (16 bits)
 * @param control    the ACS Control register (16 bits)
 */
public record Acs(int capability, int control) {

    /**
     * The kernel's {@code REQ_ACS_FLAGS} (drivers/iommu/iommu.c): what a Root Port or Downstream Port
     * must enforce for the devices below it to get IOMMU groups of their own.
     */
    public static final Set<AcsBit> REQUIRED_FOR_ISOLATION = Set.of(AcsBit.SV, AcsBit.RR, AcsBit.CR, AcsBit.UF);

    private static final int ACS_CAP = 4;
    private static final int ACS_CTRL = 6;

    public Acs {
        if (capability < 0 || capability > 0xffff || control < 0 || control > 0xffff) {
            throw new IllegalArgumentException(String.format(
                    "ACS registers are 16 bits, were capability=0x%x control=0x%x", capability, control));
        }
    }

    /** True when the port supports {@code bit}. */
    public boolean hasCapability(AcsBit bit) {
        return (capability & bit.mask()) != 0;
    }

    /** True when {@code bit} is turned on in ACS Control. */
    public boolean isEnabled(AcsBit bit) {
        return (control & bit.mask()) != 0;
    }

    /**
     * The bits of {@link #REQUIRED_FOR_ISOLATION} that the kernel would find missing, following
     * {@code pci_acs_flags_enabled()} in drivers/pci/pci.c: a required feature that the port does
     * not even advertise in ACS Capability counts as hard-wired on (the spec only requires those
     * features where they can be controlled), so only "supported but not enabled" is a gap.
     * (The kernel always requires Egress Control when asked for it, but it is not among these bits.)
     */
    public Set<AcsBit> isolationGaps() {
        Set<AcsBit> gaps = EnumSet.noneOf(AcsBit.class);
        for (AcsBit bit : REQUIRED_FOR_ISOLATION) {
            if (hasCapability(bit) && !isEnabled(bit)) {
                gaps.add(bit);
            }
        }
        return gaps;
    }

    /**
     * True when this port satisfies the kernel's ACS test for IOMMU group isolation: each of SV, RR,
     * CR and UF is either enabled in ACS Control or not advertised in ACS Capability (see
     * {@link #isolationGaps()}). This is the test for one port; the kernel checks every Root Port and
     * Downstream Port on the path, and device-specific ACS quirks can override it.
     */
    public boolean isolates() {
        return isolationGaps().isEmpty();
    }

    static Acs read(ConfigBytes b, int cap, List<String> notes) {
        int c = b.u16(cap + ACS_CAP);
        int ctl = b.u16(cap + ACS_CTRL);
        if (c < 0 || ctl < 0) {
            notes.add(String.format("ACS capability at 0x%03x: registers not within the %d bytes available",
                    cap, b.length()));
        }
        return new Acs(Math.max(c, 0), Math.max(ctl, 0));
    }
}

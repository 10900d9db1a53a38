package org.vfioinspector.core.config;

import java.util.List;

/**
 * What the Power Management capability (ID 0x01) says about resets.
 *
 * @param version     the PM spec version from PMC bits 2:0 (1..3 on real devices)
 * @param noSoftReset PMCSR bit 3 ({@code PCI_PM_CTRL_NO_SOFT_RESET}): the function keeps its state
 *                    across D3hot→D0, so the kernel's "pm" reset method does not reset it
 */
public record PowerManagement(int version, boolean noSoftReset) {

    private static final int PMC = 2;
    private static final int PMCSR = 4;
    private static final int PMCSR_NO_SOFT_RESET = 0x0008;

    public PowerManagement {
        if (version < 0 || version > 7) {
            throw new IllegalArgumentException("PM version is 3 bits, was " + version);
        }
    }

    /** Decodes the capability at {@code cap}; missing registers read as 0/false with a note. */
    static PowerManagement read(ConfigBytes b, int cap, List<String> notes) {
        int pmc = b.u16(cap + PMC);
        int pmcsr = b.u16(cap + PMCSR);
        if (pmc < 0 || pmcsr < 0) {
            notes.add(String.format("Power Management capability at 0x%02x: %s not within the %d bytes available",
                    cap, pmc < 0 ? "PMC and PMCSR" : "PMCSR", b.length()));
        }
        return new PowerManagement(pmc < 0 ? 0 : pmc & 0x7,
                pmcsr >= 0 && (pmcsr & PMCSR_NO_SOFT_RESET) != 0);
    }
}

package org.vfioinspector.core.config;

import java.util.List;

/**
 * The conventional-PCI Advanced Features capability (ID 0x13): how a PCI function without a PCI Express
 * capability can offer a Function Level Reset. Offsets and bits are those of {@code linux/pci_regs.h}
 * ({@code PCI_AF_CAP}, {@code PCI_AF_CAP_TP}, {@code PCI_AF_CAP_FLR}).
 *
 * @param transactionsPending AF Capabilities bit 0 (TP): the function can report pending transactions
 * @param flr                 AF Capabilities bit 1 (FLR): the function supports Function Level Reset
 */
public record AdvancedFeatures(boolean transactionsPending, boolean flr) {

    private static final int AF_CAP = 3;
    private static final int AF_CAP_TP = 0x01;
    private static final int AF_CAP_FLR = 0x02;

    /**
     * True when the kernel's {@code pci_af_flr()} would accept the function: it needs both TP and FLR,
     * because it waits for pending transactions through TP before it triggers the reset.
     */
    public boolean kernelUsable() {
        return transactionsPending && flr;
    }

    /** Decodes the capability at {@code cap}; a register outside the dump reads as "no" with a note. */
    static AdvancedFeatures read(ConfigBytes b, int cap, List<String> notes) {
        int caps = b.u8(cap + AF_CAP);
        if (caps < 0) {
            notes.add(String.format("Advanced Features capability at 0x%02x: AF Capabilities not within the %d bytes available",
                    cap, b.length()));
            return new AdvancedFeatures(false, false);
        }
        return new AdvancedFeatures((caps & AF_CAP_TP) != 0, (caps & AF_CAP_FLR) != 0);
    }
}

package org.vfioinspector.core.config;

import java.util.List;

/**
 * The SR-IOV extended capability (ID 0x0010) of a physical function
 * ({@code PCI_SRIOV_*} offsets in {@code linux/pci_regs.h}).
 *
 * @param totalVfs      TotalVFs (cap+0x0e): the most VFs the device can expose
 * @param initialVfs    InitialVFs (cap+0x0c)
 * @param numVfs        NumVFs (cap+0x10): how many are configured now
 * @param firstVfOffset First VF Offset (cap+0x14), in routing IDs from the PF
 * @param vfStride      VF Stride (cap+0x16), in routing IDs between VFs
 * @param vfDeviceId    VF Device ID (cap+0x1a)
 */
public record Sriov(int totalVfs, int initialVfs, int numVfs, int firstVfOffset, int vfStride, int vfDeviceId) {

    public Sriov {
        for (int v : new int[] {totalVfs, initialVfs, numVfs, firstVfOffset, vfStride, vfDeviceId}) {
            if (v < 0 || v > 0xffff) {
                throw new IllegalArgumentException("SR-IOV fields are 16 bits, got " + v);
            }
        }
    }

    static Sriov read(ConfigBytes b, int cap, List<String> notes) {
        if (!b.has(cap, 0x1c)) {
            notes.add(String.format("SR-IOV capability at 0x%03x: registers not within the %d bytes available",
                    cap, b.length()));
        }
        return new Sriov(word(b, cap + 0x0e), word(b, cap + 0x0c), word(b, cap + 0x10),
                word(b, cap + 0x14), word(b, cap + 0x16), word(b, cap + 0x1a));
    }

    private static int word(ConfigBytes b, int offset) {
        return Math.max(b.u16(offset), 0);
    }
}

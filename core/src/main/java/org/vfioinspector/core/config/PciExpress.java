package org.vfioinspector.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of the PCI Express capability (ID 0x10) that matter for resets and topology.
 * Register offsets and bits are those of {@code linux/pci_regs.h} ({@code PCI_EXP_*}).
 *
 * @param version                      capability version, PCIe Capabilities register bits 3:0
 * @param portType                     Device/Port Type, bits 7:4
 * @param flrCapable                   DevCap bit 28 ({@code PCI_EXP_DEVCAP_FLR}); the kernel honours it
 *                                     on any function, and lspci only prints it for endpoints
 * @param slotImplemented              PCIe Capabilities bit 8: the port's link goes to a slot
 * @param hotPlugCapable               SltCap bit 6; only read when a slot is implemented. It alone does
 *                                     not make a slot reset: that needs a registered hotplug slot
 * @param physicalSlot                 SltCap bits 31:19 (0 when no slot)
 * @param maxLinkSpeed                 LnkCap bits 3:0, a code for {@link #speedName(int)}
 * @param maxLinkWidth                 LnkCap bits 9:4 (lanes)
 * @param dataLinkLayerActiveReporting LnkCap bit 20: {@link #dataLinkLayerActive} is meaningful
 * @param linkSpeed                    LnkSta bits 3:0
 * @param linkWidth                    LnkSta bits 9:4
 * @param dataLinkLayerActive          LnkSta bit 13
 */
public record PciExpress(int version, PortType portType, boolean flrCapable, boolean slotImplemented,
                         boolean hotPlugCapable, int physicalSlot, int maxLinkSpeed, int maxLinkWidth,
                         boolean dataLinkLayerActiveReporting, int linkSpeed, int linkWidth,
                         boolean dataLinkLayerActive) {

    private static final int FLAGS = 0x02;
    private static final int DEVCAP = 0x04;
    private static final int LNKCAP = 0x0c;
    private static final int LNKSTA = 0x12;
    private static final int SLTCAP = 0x14;

    private static final String[] SPEEDS = {"2.5 GT/s", "5 GT/s", "8 GT/s", "16 GT/s", "32 GT/s", "64 GT/s"};

    public PciExpress {
        if (version < 0 || version > 0xf) {
            throw new IllegalArgumentException("PCIe capability version is 4 bits, was " + version);
        }
        if (portType == null) {
            throw new IllegalArgumentException("port type must not be null; use UNKNOWN");
        }
        if (physicalSlot < 0 || physicalSlot > 0x1fff) {
            throw new IllegalArgumentException("physical slot number is 13 bits, was " + physicalSlot);
        }
        checkField("max link speed", maxLinkSpeed, 0xf);
        checkField("link speed", linkSpeed, 0xf);
        checkField("max link width", maxLinkWidth, 0x3f);
        checkField("link width", linkWidth, 0x3f);
    }

    /**
     * A link speed code of LnkCap/LnkSta as text: 1 → "2.5 GT/s" … 6 → "64 GT/s"; anything else
     * (0 is what an unused port or an emulated switch reports) → "unknown".
     */
    public static String speedName(int code) {
        return code >= 1 && code <= SPEEDS.length ? SPEEDS[code - 1] : "unknown";
    }

    /** {@link #speedName(int)} of {@link #maxLinkSpeed}. */
    public String maxLinkSpeedName() {
        return speedName(maxLinkSpeed);
    }

    /** {@link #speedName(int)} of {@link #linkSpeed}. */
    public String linkSpeedName() {
        return speedName(linkSpeed);
    }

    /** Decodes the capability at {@code cap}; registers outside the dump read as 0/false with one note. */
    static PciExpress read(ConfigBytes b, int cap, List<String> notes) {
        List<String> missing = new ArrayList<>();
        int flags = field(b.u16(cap + FLAGS), "PCIe Capabilities", missing);
        long devCap = field(b.u32(cap + DEVCAP), "DevCap", missing);
        long lnkCap = field(b.u32(cap + LNKCAP), "LnkCap", missing);
        int lnkSta = field(b.u16(cap + LNKSTA), "LnkSta", missing);
        boolean slot = (flags & 0x0100) != 0;
        // SltCap is only defined when the port has a slot; elsewhere it may hold anything.
        long sltCap = slot ? field(b.u32(cap + SLTCAP), "SltCap", missing) : 0;
        if (!missing.isEmpty()) {
            notes.add(String.format("PCI Express capability at 0x%02x: %s not within the %d bytes available",
                    cap, String.join(", ", missing), b.length()));
        }
        return new PciExpress(
                flags & 0xf,
                missing.contains("PCIe Capabilities") ? PortType.UNKNOWN : PortType.of(flags >> 4 & 0xf),
                (devCap & 0x1000_0000L) != 0,
                slot,
                (sltCap & 0x40) != 0,
                (int) (sltCap >>> 19) & 0x1fff,
                (int) lnkCap & 0xf,
                (int) (lnkCap >> 4) & 0x3f,
                (lnkCap & 0x0010_0000L) != 0,
                lnkSta & 0xf,
                lnkSta >> 4 & 0x3f,
                (lnkSta & 0x2000) != 0);
    }

    private static int field(int value, String name, List<String> missing) {
        if (value < 0) {
            missing.add(name);
            return 0;
        }
        return value;
    }

    private static long field(long value, String name, List<String> missing) {
        if (value < 0) {
            missing.add(name);
            return 0;
        }
        return value;
    }

    private static void checkField(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0.." + max + ", was " + value);
        }
    }
}

package org.vfioinspector.core.reset;

import java.util.Optional;

import org.vfioinspector.core.model.PciDevice;

/**
 * Devices the kernel flags {@code PCI_DEV_FLAGS_NO_BUS_RESET} (drivers/pci/quirks.c): a secondary
 * bus reset leaves them unusable, so the kernel refuses any bus or slot reset that would reach them.
 */
public final class NoBusResetQuirks {

    private NoBusResetQuirks() {
    }

    /** Why the device carries the quirk, or empty when it does not. */
    public static Optional<String> reason(int vendor, int device) {
        if (vendor == 0x168c && (device == 0x0030 || device == 0x0032 || device == 0x0033
                || device == 0x0034 || device == 0x003c || device == 0x003e)) {
            return Optional.of("Atheros wireless chips do not come back after a bus reset");
        }
        if (vendor == 0x177d && device == 0xa100) {
            return Optional.of("Cavium ThunderX root ports cannot do a secondary bus reset");
        }
        if (vendor == 0x104c && device == 0xb005) {
            return Optional.of("TI KeyStone devices do not come back after a bus reset");
        }
        if (vendor == 0x10de && (device & 0xffc0) == 0x2340) {
            return Optional.of("these NVIDIA GPUs fall off the bus after a secondary bus reset");
        }
        return Optional.empty();
    }

    public static Optional<String> reason(PciDevice d) {
        if (d.vendorId().isEmpty() || d.deviceId().isEmpty()) {
            return Optional.empty();
        }
        return reason(d.vendorId().getAsInt(), d.deviceId().getAsInt());
    }
}

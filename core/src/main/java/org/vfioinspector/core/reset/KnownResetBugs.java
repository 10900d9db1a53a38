package org.vfioinspector.core.reset;

import java.util.Optional;

import org.vfioinspector.core.model.PciDevice;

/** Devices known to misbehave after a reset, beyond the kernel's NO_BUS_RESET quirk list. */
final class KnownResetBugs {

    private KnownResetBugs() {
    }

    static Optional<String> reason(PciDevice d) {
        if (d.vendorId().isEmpty() || d.deviceId().isEmpty() || d.classCode().isEmpty()) {
            return Optional.empty();
        }
        int v = d.vendorId().getAsInt();
        int dev = d.deviceId().getAsInt();
        int base = d.classCode().getAsInt() >> 16;
        if (v == 0x1002 && base == 0x03) {
            boolean named = switch (dev) {
                case 0x67df, 0x67ef, 0x6fdf, 0x687f, 0x69af, 0x66af, 0x731f, 0x7340, 0x7341, 0x7360 -> true;
                default -> false;
            };
            return Optional.of(named
                    ? "AMD Polaris/Vega/Navi GPUs have the known 'AMD reset bug': they often do not come back from a bus "
                            + "reset without the vendor-reset module or a reboot."
                    : "AMD GPUs often need the vendor-reset module to come back cleanly from a reset.");
        }
        return Optional.empty();
    }
}

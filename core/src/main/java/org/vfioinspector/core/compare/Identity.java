package org.vfioinspector.core.compare;

import java.util.OptionalInt;

import org.vfioinspector.core.model.PciDevice;

/** The id registers that say what a function is, as one comparable text: vendor:device, subsystem, class. */
final class Identity {

    private Identity() {
    }

    /** {@code 8086:1533 sub 15d9:1533 class 020000}; {@code ????} for what was not read. */
    static String of(PciDevice d) {
        return d.idPair() + " sub " + hex(d.subsystemVendorId(), 4) + ":" + hex(d.subsystemDeviceId(), 4)
                + " class " + hex(d.classCode(), 6);
    }

    /** True when vendor and device are known: only then can ids alone recognise a function. */
    static boolean known(PciDevice d) {
        return d.vendorId().isPresent() && d.deviceId().isPresent();
    }

    private static String hex(OptionalInt v, int digits) {
        return v.isPresent() ? String.format("%0" + digits + "x", v.getAsInt()) : "?".repeat(digits);
    }
}

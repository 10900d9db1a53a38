package org.vfioinspector.core.pciids;

import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.pciids.PciIds;

/** Human names of functions, as lspci words them, numeric when the database lacks them. */
public final class Names {

    private Names() {
    }

    /** {@code Ethernet controller: Intel Corporation 82574L Gigabit Network Connection}. */
    public static String describe(PciDevice d, PciIds ids) {
        String cls = d.classCode().isPresent() ? ids.describeClass(d.classCode().getAsInt()) : "Unknown class";
        String dev = d.vendorId().isPresent() && d.deviceId().isPresent()
                ? ids.describeDevice(d.vendorId().getAsInt(), d.deviceId().getAsInt())
                : "Device " + d.idPair();
        return cls + ": " + dev;
    }
}

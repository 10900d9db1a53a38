package org.vfioinspector.core.sysfs;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The IDs in a PCI function's {@code uevent} attribute. The kernel's {@code pci_uevent()} prints
 * {@code PCI_CLASS}, {@code PCI_ID} and {@code PCI_SUBSYS_ID} from the same {@code struct pci_dev} fields
 * as the {@code class}, {@code vendor}, {@code device} and {@code subsystem_*} attributes, so one read
 * replaces five; and the driver core's {@code dev_uevent()} prints {@code DRIVER} from the same
 * {@code driver->name} that names the function's {@code driver} link, so a bound function needs no
 * readlink either. A value that is missing or malformed is absent here, and the reader falls back to the
 * attribute file or link (which says what is wrong with it).
 */
record Uevent(OptionalInt vendor, OptionalInt device, OptionalInt classCode, OptionalInt subVendor,
              OptionalInt subDevice, Optional<String> driver) {

    static final Uevent NONE = new Uevent(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
            OptionalInt.empty(), OptionalInt.empty(), Optional.empty());

    /** Parses {@code KEY=VALUE} lines; unknown keys and bad lines are ignored. */
    static Uevent parse(String text) {
        OptionalInt vendor = OptionalInt.empty();
        OptionalInt device = OptionalInt.empty();
        OptionalInt classCode = OptionalInt.empty();
        OptionalInt subVendor = OptionalInt.empty();
        OptionalInt subDevice = OptionalInt.empty();
        Optional<String> driver = Optional.empty();
        for (String line : text.split("\n", 64)) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1).strip();
            switch (key) {
                case "PCI_CLASS" -> classCode = SysfsValues.parseHex(value, 24);
                case "PCI_ID" -> {
                    OptionalInt[] p = pair(value);
                    vendor = p[0];
                    device = p[1];
                }
                case "PCI_SUBSYS_ID" -> {
                    OptionalInt[] p = pair(value);
                    subVendor = p[0];
                    subDevice = p[1];
                }
                case "DRIVER" -> driver = driverName(value);
                default -> {
                    // PCI_SLOT_NAME, MODALIAS: the directory's name and the IDs say the same
                }
            }
        }
        return new Uevent(vendor, device, classCode, subVendor, subDevice, driver);
    }

    /**
     * A driver name as a link's last element could spell it: not empty, no {@code /}, no control
     * character. Anything else is left to the link, whose reader notes what is wrong.
     */
    private static Optional<String> driverName(String value) {
        if (value.isEmpty() || value.indexOf('/') >= 0 || SysfsValues.hasControl(value)
                || value.equals(".") || value.equals("..")) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** {@code 8086:10D3} → both halves, or neither when either is not a 16-bit hex value. */
    private static OptionalInt[] pair(String value) {
        int colon = value.indexOf(':');
        if (colon < 0 || value.indexOf(':', colon + 1) >= 0) {
            return new OptionalInt[] {OptionalInt.empty(), OptionalInt.empty()};
        }
        OptionalInt a = SysfsValues.parseHex(value.substring(0, colon), 16);
        OptionalInt b = SysfsValues.parseHex(value.substring(colon + 1), 16);
        if (a.isEmpty() || b.isEmpty()) {
            return new OptionalInt[] {OptionalInt.empty(), OptionalInt.empty()};
        }
        return new OptionalInt[] {a, b};
    }
}

package org.vfioinspector.core.model;

import java.util.OptionalInt;

/**
 * The ID registers of a PCI function as sysfs (or its config header) gives them: {@code vendor},
 * {@code device}, {@code class}, {@code subsystem_vendor}, {@code subsystem_device}, {@code revision}.
 * Each is empty when it could not be read.
 */
public record PciIdentity(OptionalInt vendorId, OptionalInt deviceId, OptionalInt classCode,
                          OptionalInt subsystemVendorId, OptionalInt subsystemDeviceId, OptionalInt revision) {

    public static final PciIdentity UNKNOWN = new PciIdentity(OptionalInt.empty(), OptionalInt.empty(),
            OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
}

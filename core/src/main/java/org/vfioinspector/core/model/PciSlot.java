package org.vfioinspector.core.model;

import java.util.Optional;

/**
 * A registered PCI slot ({@code sys/bus/pci/slots/NAME}). {@code address} is {@code dddd:bb:dd}
 * (or {@code dddd:bb} for a slot without a device number). {@code hotplug} is true when the folder
 * has hot-plug controller attributes such as {@code power}: only such a slot gives the kernel a slot
 * reset; a slot with just {@code address} and speeds comes from ACPI {@code pci_slot}.
 */
public record PciSlot(String name, Optional<String> address, boolean hotplug) {

    /** True when this slot holds the given function. */
    public boolean holds(PciAddress a) {
        return address.map(s -> s.equals(a.slotId())).orElse(false);
    }
}

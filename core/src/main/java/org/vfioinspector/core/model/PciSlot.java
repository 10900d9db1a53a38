package org.vfioinspector.core.model;

import java.util.Optional;

/**
 * A registered PCI slot ({@code sys/bus/pci/slots/NAME}). {@code address} is {@code dddd:bb:dd}
 * (or {@code dddd:bb} for a slot without a device number). {@code hotplug} is true when the folder
 * has hot-plug controller attributes such as {@code power}; a slot with just {@code address} and
 * speeds comes from ACPI {@code pci_slot}.
 *
 * <p>The kernel resets a slot only through its hot-plug driver's {@code reset_slot} operation, and
 * only pciehp has one: a slot driven by acpiphp (ACPI hot-plug, QEMU q35's default) or shpchp is reset
 * through its bus. {@code hotplugDriver} is the driver that registered the slot when the host root
 * shows it: {@code pciehp} when the port's PCIe hot-plug service is bound to pciehp
 * ({@code sys/bus/pci_express/drivers/pciehp/<port>:pcieX04}), else the name the slot's {@code module}
 * link gives (kernels up to 6.1 or so; absent on 6.12 for built-in drivers). {@code pciehpVisible} is
 * true when the host root shows which ports pciehp drives ({@code sys/bus/pci_express/drivers}): a
 * slot whose driver is not named there is then known not to be pciehp's.
 */
public record PciSlot(String name, Optional<String> address, boolean hotplug, Optional<String> hotplugDriver,
                      boolean pciehpVisible) {

    /** The only hot-plug driver with a slot reset ({@code pciehp_reset_slot}). */
    public static final String PCIEHP = "pciehp";

    /** A slot whose hot-plug driver cannot be seen (no {@code pci_express} tree, no {@code module} link). */
    public PciSlot(String name, Optional<String> address, boolean hotplug) {
        this(name, address, hotplug, Optional.empty(), false);
    }

    /** True when this slot holds the given function. */
    public boolean holds(PciAddress a) {
        return address.map(s -> s.equals(a.slotId())).orElse(false);
    }

    /**
     * Whether the kernel can reset this slot on its own: true for pciehp, false for any other driver
     * (acpiphp, shpchp, or none: an ACPI {@code pci_slot}), empty when a hot-plug slot's driver cannot be seen.
     */
    public Optional<Boolean> slotReset() {
        if (hotplugDriver.isPresent()) {
            return Optional.of(hotplugDriver.get().equals(PCIEHP));
        }
        return pciehpVisible || !hotplug ? Optional.of(false) : Optional.empty();
    }
}

package org.vfioinspector.core.sysfs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.vfioinspector.core.model.BusAddress;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.PciSlot;

/**
 * Reads the registered hot-plug slots ({@code sys/bus/pci/slots}) and which of their ports pciehp drives
 * ({@code sys/bus/pci_express/drivers/pciehp}): whether the kernel can reset a slot on its own.
 */
final class SlotReader {

    private final SysfsFiles io;

    SlotReader(SysfsFiles io) {
        this.io = io;
    }

    /**
     * The registered slots, each with the hot-plug driver that drives it when the host root shows it
     * (see {@link PciSlot}): pciehp when the port above the slot's bus has its PCIe hot-plug service bound
     * to pciehp, else the name of the slot's {@code module} link.
     */
    List<PciSlot> read(List<PciDevice> devices) {
        Path pciExpress = io.resolve(SysfsNames.PCI_EXPRESS_DRIVERS);
        boolean pciehpVisible = io.isDirectory(pciExpress);
        Set<PciAddress> pciehpPorts = new HashSet<>();
        for (Path service : io.list(pciExpress.resolve(PciSlot.PCIEHP))) {
            // "<port BDF>:pcie<type><service>": 0000:00:02.0:pcie004 (root port), 0000:04:00.0:pcie204 (downstream port)
            String n = service.getFileName().toString();
            int at = n.lastIndexOf(":pcie");
            PciAddress port = at > 0 ? PciAddress.tryParse(n.substring(0, at)) : null;
            if (port != null) {
                pciehpPorts.add(port);
            }
        }
        Map<BusAddress, PciAddress> portOfBus = new HashMap<>();
        for (PciDevice d : devices) {
            d.secondaryBus().ifPresent(b -> portOfBus.putIfAbsent(new BusAddress(d.address().domain(), b), d.address()));
        }
        List<PciSlot> slots = new ArrayList<>();
        for (Path s : io.list(io.resolve(SysfsNames.SLOTS))) {
            Optional<String> address = io.text(s.resolve(SysfsNames.SLOT_ADDRESS)).filter(t -> !t.isEmpty());
            boolean hotplug = false;
            for (String attr : SysfsNames.SLOT_HOTPLUG_FILES) {
                hotplug |= io.exists(s.resolve(attr));
            }
            Optional<PciAddress> port = address.flatMap(SlotReader::busOf).map(portOfBus::get);
            Optional<String> driver = port.filter(pciehpPorts::contains).map(p -> PciSlot.PCIEHP)
                    .or(() -> io.linkName(s.resolve(SysfsNames.SLOT_MODULE)).filter(m -> !m.isEmpty()));
            // a slot whose port is not in the tree may still be pciehp's when pciehp drives some port
            boolean known = pciehpVisible && (port.isPresent() || pciehpPorts.isEmpty());
            slots.add(new PciSlot(s.getFileName().toString(), address, hotplug, driver, known));
        }
        return slots;
    }

    /** The bus of a slot address {@code dddd:bb:dd} or {@code dddd:bb}. */
    private static Optional<BusAddress> busOf(String slotAddress) {
        String[] f = slotAddress.split(":");
        if (f.length < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BusAddress(Integer.parseUnsignedInt(f[0], 16), Integer.parseInt(f[1], 16)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

package org.vfioinspector.core.reset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.PciSlot;
import org.vfioinspector.core.model.Topology;

/**
 * The kernel's hot-reset affected set, predicted from a {@link Topology}.
 *
 * <p>Mirrors {@code vfio_pci_ioctl_get_pci_hot_reset_info}: the slot is used when
 * {@code pci_probe_reset_slot} succeeds (a slot driven by pciehp whose functions are all resettable),
 * else the bus when {@code pci_probe_reset_bus} succeeds (the bus has a bridge above it and no
 * function on or below it forbids a bus reset), else the ioctl fails with ENODEV. The set is then
 * {@code pci_walk_bus(pdev->bus)}: every function on the device's bus and on every bus below it
 * (virtual SR-IOV buses included), filtered to the slot in slot mode.
 */
public final class AffectedSet {

    /** First kernel that refuses a bus reset when a function's reset was disabled via {@code reset_method}. */
    static final int[] RESET_METHOD_CHECK_SINCE = {6, 15};

    private AffectedSet() {
    }

    public static HotResetPrediction predict(Topology t, PciAddress address) {
        Optional<PciDevice> found = t.device(address);
        if (found.isEmpty()) {
            return impossible(address, List.of(), Optional.empty(), "UNKNOWN_DEVICE",
                    "No function " + address + " on this host.", t);
        }
        PciDevice d = found.get();
        Optional<String> unknownParent = t.parentUnknown(address);
        if (unknownParent.isPresent()) {
            return parentUnknown(t, address, unknownParent.get());
        }
        Optional<PciDevice> bridge = t.parent(address);
        if (bridge.isEmpty()) {
            return impossible(address, List.of(address), Optional.empty(), "ROOT_BUS",
                    address + " sits on root bus " + address.busAddress()
                            + ": no bridge above it can reset that bus, so the kernel offers no hot reset (ENODEV).", t);
        }
        PciDevice br = bridge.get();
        if (onVirtualBus(d, br)) {
            return impossible(address, List.of(address), Optional.of(br.address()), "VIRTUAL_BUS",
                    address + " is an SR-IOV VF on a virtual bus with no bridge of its own: the kernel offers "
                            + "no hot reset for it (ENODEV). Reset it with FLR, or reset its PF's bus.", t);
        }
        List<PciAddress> busSet = t.descendants(br.address());

        Optional<PciSlot> slot = t.slotOf(address);
        SlotController controller = slotController(slot);
        if (controller == SlotController.PCIEHP) {
            List<PciAddress> slotSet = busSet.stream().filter(a -> belowSlot(t, a, address)).toList();
            Optional<String> blocked = blocker(t, br, slotSet);
            if (blocked.isEmpty()) {
                return possible(t, address, HotResetScope.SLOT, br.address(), slotSet, "SLOT",
                        "Hot-plug slot " + slot.get().name() + " (" + slot.get().address().orElse("?")
                                + ") is driven by pciehp, which can reset just the functions in it; the kernel uses"
                                + " the slot reset.");
            }
        }
        Optional<String> blocked = blocker(t, br, busSet);
        if (blocked.isPresent()) {
            String code = blocked.get().startsWith("RESET_DISABLED") ? "RESET_DISABLED" : "NO_BUS_RESET_QUIRK";
            return impossible(address, busSet, Optional.of(br.address()), code,
                    blocked.get().substring(blocked.get().indexOf(':') + 1).strip(), t);
        }
        String bus = "the kernel resets the secondary bus of " + br.address() + ": every function on bus "
                + address.busAddress() + " and below.";
        String why = switch (controller) {
            case NONE -> "No hot-plug slot holds " + address + ", so " + bus;
            case OTHER -> "Slot " + slot.get().name() + " is driven by " + slot.get().hotplugDriver()
                    .map(dr -> dr + ", which has no slot reset (only pciehp has one)")
                    .orElse("a hot-plug driver other than pciehp (" + br.address() + "'s PCIe hot-plug service is not"
                            + " bound to pciehp: ACPI hot-plug or SHPC), which has no slot reset")
                    + ", so " + bus;
            case UNKNOWN -> "Slot " + slot.get().name() + " is a hot-plug slot whose driver this host root does not show"
                    + " (no sys/bus/pci_express/drivers, no 'module' link in the slot); only a pciehp slot can be reset"
                    + " on its own, so this predicts the secondary bus reset of " + br.address()
                    + ", the safe superset of the slot: every function on bus " + address.busAddress() + " and below.";
            case PCIEHP -> "The slot cannot be reset, so " + bus;
        };
        return possible(t, address, HotResetScope.BUS, br.address(), busSet, "BUS", why);
    }

    /**
     * The function's upstream bridge cannot be known, so neither can whether the kernel offers a hot
     * reset (a root bus offers none) nor what it resets: never "impossible". The functions on its bus and
     * below are listed as the least a bus reset would reach (bus numbers are unique within a domain).
     */
    private static HotResetPrediction parentUnknown(Topology t, PciAddress address, String missing) {
        List<PciAddress> atLeast = t.devicesOnBusAndBelow(address.busAddress());
        String reason = "The upstream bridge of " + address + " cannot be known (" + missing + "), so whether the kernel "
                + "offers a hot reset, and what it would reset, is unknown; a bus reset would reach at least the "
                + atLeast.size() + (atLeast.size() == 1 ? " function" : " functions") + " on bus "
                + address.busAddress() + " and below.";
        return impossible(address, atLeast, Optional.empty(), HotResetPrediction.PARENT_UNKNOWN, reason, t);
    }

    /** Who drives the slot holding a function: only pciehp can reset a slot on its own. */
    enum SlotController { NONE, PCIEHP, OTHER, UNKNOWN }

    /**
     * The kernel resets a slot only through the hot-plug driver's {@code reset_slot} operation
     * ({@code pci_reset_hotplug_slot}), which only pciehp implements: acpiphp (ACPI hot-plug), shpchp and
     * ACPI {@code pci_slot} slots are reset through their bus. Neither a {@code power} attribute nor the
     * port's Hot-Plug Capable bit says which driver owns the slot (QEMU's ports have both under ACPI hot-plug).
     */
    static SlotController slotController(Optional<PciSlot> slot) {
        if (slot.isEmpty()) {
            return SlotController.NONE;
        }
        Optional<Boolean> resettable = slot.get().slotReset();
        if (resettable.isEmpty()) {
            return SlotController.UNKNOWN;
        }
        if (resettable.get()) {
            return SlotController.PCIEHP;
        }
        return slot.get().hotplug() || slot.get().hotplugDriver().isPresent() ? SlotController.OTHER : SlotController.NONE;
    }

    /** A VF whose bus number is not its bridge's secondary bus sits on a virtual bus ({@code bus->self == NULL}). */
    static boolean onVirtualBus(PciDevice d, PciDevice bridge) {
        if (!d.isVirtualFunction() || bridge.secondaryBus().isEmpty()) {
            return false;
        }
        return d.address().bus() != bridge.secondaryBus().getAsInt();
    }

    /**
     * {@code vfio_pci_dev_below_slot}: walk up from the function until reaching the target's bus;
     * it is in the slot when that ancestor has the target's device number. Functions on virtual
     * buses have no bridge to walk through and are not in any slot.
     */
    private static boolean belowSlot(Topology t, PciAddress candidate, PciAddress target) {
        PciAddress cur = candidate;
        int guard = 0;
        while (cur != null && guard++ < 256) {
            if (cur.busAddress().equals(target.busAddress())) {
                return cur.device() == target.device();
            }
            PciDevice d = t.device(cur).orElse(null);
            PciDevice p = t.parent(cur).orElse(null);
            if (d == null || p == null || onVirtualBus(d, p)) {
                return false;
            }
            cur = p.address();
        }
        return false;
    }

    /** Why the kernel would refuse to reset this set, as "CODE: sentence"; empty when it allows it. */
    private static Optional<String> blocker(Topology t, PciDevice bridge, List<PciAddress> set) {
        Optional<String> q = NoBusResetQuirks.reason(bridge);
        if (q.isPresent()) {
            return Optional.of("QUIRK: the bridge " + bridge.address() + " (" + bridge.idPair()
                    + ") carries the kernel's NO_BUS_RESET quirk: " + q.get() + ".");
        }
        for (PciAddress a : set) {
            PciDevice d = t.device(a).orElseThrow();
            Optional<String> dq = NoBusResetQuirks.reason(d);
            if (dq.isPresent()) {
                return Optional.of("QUIRK: " + a + " (" + d.idPair() + ") carries the kernel's NO_BUS_RESET quirk: "
                        + dq.get() + "; the kernel refuses any bus reset that reaches it (ENODEV).");
            }
        }
        boolean checks = t.host().kernelAtLeast(RESET_METHOD_CHECK_SINCE[0], RESET_METHOD_CHECK_SINCE[1]).orElse(false);
        if (checks) {
            for (PciAddress a : set) {
                PciDevice d = t.device(a).orElseThrow();
                if (d.resetDisabled()) {
                    return Optional.of("RESET_DISABLED: reset of " + a + " was disabled (its reset_method is empty); "
                            + "kernels since 6.15 then refuse a bus reset that reaches it (ENODEV).");
                }
            }
        }
        return Optional.empty();
    }

    private static HotResetPrediction possible(Topology t, PciAddress address, HotResetScope scope, PciAddress bridge,
                                               List<PciAddress> set, String code, String reason) {
        List<PciAddress> affected = withAddress(set, address);
        return new HotResetPrediction(address, true, Optional.of(scope), Optional.of(bridge),
                affected, groups(t, affected), withoutGroup(t, affected), reason, code);
    }

    private static HotResetPrediction impossible(PciAddress address, List<PciAddress> set, Optional<PciAddress> bridge,
                                                 String code, String reason, Topology t) {
        TreeSet<PciAddress> affected = new TreeSet<>(set);
        if (t.contains(address)) {
            affected.add(address);
        }
        return new HotResetPrediction(address, false, Optional.empty(), bridge, List.copyOf(affected),
                groups(t, affected), withoutGroup(t, affected), reason, code);
    }

    /** {@code set} (sorted, as Topology returns subtrees) with {@code address} added in its place; no TreeSet needed. */
    private static List<PciAddress> withAddress(List<PciAddress> set, PciAddress address) {
        int at = Collections.binarySearch(set, address);
        if (at >= 0) {
            return List.copyOf(set);
        }
        List<PciAddress> out = new ArrayList<>(set.size() + 1);
        out.addAll(set.subList(0, -at - 1));
        out.add(address);
        out.addAll(set.subList(-at - 1, set.size()));
        return List.copyOf(out);
    }

    private static List<Integer> groups(Topology t, Iterable<PciAddress> set) {
        TreeSet<Integer> g = new TreeSet<>();
        for (PciAddress a : set) {
            t.device(a).ifPresent(d -> d.iommuGroup().ifPresent(g::add));
        }
        return List.copyOf(g);
    }

    private static List<PciAddress> withoutGroup(Topology t, Iterable<PciAddress> set) {
        List<PciAddress> out = new ArrayList<>();
        for (PciAddress a : set) {
            t.device(a).filter(d -> d.iommuGroup().isEmpty()).ifPresent(d -> out.add(a));
        }
        return out;
    }
}

package org.vfioinspector.core.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vfioinspector.core.model.BusAddress;

/**
 * Assigns IOMMU group numbers the way {@code pci_device_group()} (drivers/iommu/iommu.c) does, in
 * the order the kernel adds devices: physical functions in bus-scan order, then the VFs when SR-IOV
 * is enabled. Following the kernel's code rather than hand-written groups keeps every synthetic
 * host honest: isolated below ACS ports, one group with the first port that lacks ACS, a
 * PCIe-to-PCI bridge together with everything behind it, multifunction devices without ACS in one
 * group.
 */
final class KernelGroups {

    private final Map<BusAddress, List<SynthNode>> bySlotBus = new HashMap<>();
    private int next;

    private KernelGroups(int first) {
        this.next = first;
    }

    /** Numbers every node's group, starting at {@code first}; returns the number of groups. */
    static int assign(List<SynthNode> nodes, int first) {
        KernelGroups g = new KernelGroups(first);
        for (SynthNode n : nodes) {
            g.bySlotBus.computeIfAbsent(n.address.busAddress(), k -> new ArrayList<>()).add(n);
        }
        for (SynthNode n : nodes) {
            if (n.kind != SynthNode.Kind.VIRTUAL_FUNCTION) {
                n.group = g.groupFor(n);
            }
        }
        for (SynthNode n : nodes) {
            if (n.kind == SynthNode.Kind.VIRTUAL_FUNCTION) {
                n.group = g.groupFor(n);
            }
        }
        return g.next - first;
    }

    private int groupFor(SynthNode dev) {
        // pci_for_each_dma_alias: the device, then every bridge above that forwards with its own ID
        SynthNode pdev = dev;
        if (pdev.group >= 0) {
            return pdev.group;
        }
        for (SynthNode up = dev.parent; up != null; up = up.parent) {
            if (up.kind == SynthNode.Kind.PCIE_TO_PCI_BRIDGE || up.kind == SynthNode.Kind.CONVENTIONAL) {
                pdev = up;
                if (up.group >= 0) {
                    return up.group;
                }
            }
        }
        // climb to the first bridge whose path up to the root enforces ACS
        for (SynthNode self = pdev.parent; self != null; self = self.parent) {
            if (acsPathEnabled(self)) {
                break;
            }
            pdev = self;
            if (pdev.group >= 0) {
                return pdev.group;
            }
        }
        // get_pci_function_alias_group: functions of the same slot that do not isolate each other
        if (pdev.multifunction && !acsEnabled(pdev)) {
            for (SynthNode o : bySlotBus.getOrDefault(pdev.address.busAddress(), List.of())) {
                if (o != pdev && o.address.device() == pdev.address.device() && !acsEnabled(o) && o.group >= 0) {
                    return o.group;
                }
            }
        }
        return next++;
    }

    /** {@code pci_acs_path_enabled(start, NULL, REQ_ACS_FLAGS)}. */
    static boolean acsPathEnabled(SynthNode start) {
        for (SynthNode p = start; p != null; p = p.parent) {
            if (!acsEnabled(p)) {
                return false;
            }
        }
        return true;
    }

    /** {@code pci_acs_enabled(pdev, REQ_ACS_FLAGS)} without device-specific quirks. */
    static boolean acsEnabled(SynthNode p) {
        return switch (p.kind) {
            case CONVENTIONAL, PCIE_TO_PCI_BRIDGE -> false;
            case ROOT_PORT, DOWNSTREAM_PORT -> p.acs;
            case ENDPOINT, LEGACY_ENDPOINT, UPSTREAM_PORT, HOST_BRIDGE -> !p.multifunction || p.acs;
            case VIRTUAL_FUNCTION -> true;
        };
    }
}

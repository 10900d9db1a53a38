package org.vfioinspector.core.vfio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.vfioinspector.core.model.PciAddress;

/**
 * Compares the kernel's answer to {@code VFIO_DEVICE_GET_PCI_HOT_RESET_INFO} with the prediction and
 * the confirmed set. Pure. The kernel is authoritative; any difference means the engineer confirmed
 * something other than what would happen, so the executor refuses.
 */
final class KernelListComparison {

    private KernelListComparison() {
    }

    /** The kernel's functions, sorted; a segment the kernel truncated to 16 bits is matched back to a known domain. */
    static List<PciAddress> kernelSet(List<DependentDevice> kernel, Collection<PciAddress> known) {
        TreeSet<PciAddress> out = new TreeSet<>();
        for (DependentDevice d : kernel) {
            out.add(normalize(d.address(), known));
        }
        return List.copyOf(out);
    }

    /** One line per difference; empty when the kernel, the prediction and the confirmed set agree. */
    static List<String> differences(List<DependentDevice> kernel, List<PciAddress> predicted,
                                    List<PciAddress> confirmed, Set<Integer> openedGroups) {
        List<String> out = setDifferences(kernel, predicted, confirmed);
        TreeSet<Integer> missing = new TreeSet<>();
        boolean devIds = false;
        for (DependentDevice d : kernel) {
            if (d.devIdMode()) {
                devIds = true;
            } else if (!openedGroups.contains(d.groupId())) {
                missing.add(d.groupId());
            }
        }
        if (devIds) {
            out.add("the kernel answered with device ids (cdev/iommufd mode), not IOMMU groups");
        }
        for (int g : missing) {
            out.add("the kernel lists IOMMU group " + g + ", which was not predicted and is not open");
        }
        return out;
    }

    /** The differences between the kernel's functions, the prediction and the confirmed set. */
    private static List<String> setDifferences(List<DependentDevice> kernel, List<PciAddress> predicted,
                                               List<PciAddress> confirmed) {
        List<PciAddress> known = new ArrayList<>(predicted);
        known.addAll(confirmed);
        List<PciAddress> k = kernelSet(kernel, known);
        List<String> out = new ArrayList<>();
        for (PciAddress a : k) {
            if (!predicted.contains(a)) {
                out.add("the kernel lists " + a + ", which the prediction from sysfs does not");
            }
        }
        for (PciAddress a : predicted) {
            if (!k.contains(a)) {
                out.add("the prediction has " + a + ", which the kernel does not list");
            }
        }
        for (PciAddress a : k) {
            if (!confirmed.contains(a)) {
                out.add("the kernel lists " + a + ", which was not confirmed");
            }
        }
        for (PciAddress a : confirmed) {
            if (!k.contains(a)) {
                out.add(a + " was confirmed, but the kernel does not list it");
            }
        }
        return out;
    }

    /**
     * The cdev path's comparison: the same set checks as {@link #differences}, and the reply must be in device-id
     * mode ({@code VFIO_PCI_HOT_RESET_FLAG_DEV_ID}); ownership (devid −1) is the caller's refusal, not a difference.
     */
    static List<String> cdevDifferences(HotResetInfo reply, List<PciAddress> predicted, List<PciAddress> confirmed) {
        List<String> out = new ArrayList<>(setDifferences(reply.devices(), predicted, confirmed));
        if (!reply.devIdMode()) {
            out.add("the kernel answered with IOMMU groups (flags " + String.format("0x%x", reply.flags())
                    + "), not device ids: the device was not opened through its cdev");
        }
        return out;
    }

    private static PciAddress normalize(PciAddress k, Collection<PciAddress> known) {
        for (PciAddress p : known) {
            if ((p.domain() & 0xffff) == k.domain() && p.bus() == k.bus() && p.device() == k.device()
                    && p.function() == k.function()) {
                return p;
            }
        }
        return k;
    }
}

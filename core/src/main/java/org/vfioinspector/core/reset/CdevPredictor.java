package org.vfioinspector.core.reset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.CdevPrediction.Function;
import org.vfioinspector.core.reset.CdevPrediction.Ownership;
import org.vfioinspector.core.sysfs.VfioInterfaces;
import org.vfioinspector.core.sysfs.VfioInterfaces.Presence;

/**
 * Predicts the cdev path's answer for a hot reset ({@link CdevPrediction}), with the kernel's rules
 * (drivers/vfio/pci/vfio_pci_core.c, 6.12; what the lab's kernel answered is in shared/VFIO-LAB.md):
 * <ul>
 * <li>the tool binds one cdev per IOMMU group of the set to one iommufd (the target's first): those report a devid
 * above 0; another function on vfio-pci in the same IOMMU group reports {@code VFIO_PCI_DEVID_OWNED} (0);</li>
 * <li>a function with no driver or a host driver is not in the target's vfio device set: devid −1
 * ({@code VFIO_PCI_DEVID_NOT_OWNED}), and {@code VFIO_DEVICE_PCI_HOT_RESET} fails with EINVAL; a host-driven member
 * of an IOMMU group the tool binds makes {@code VFIO_DEVICE_BIND_IOMMUFD} fail with EPERM;</li>
 * <li>a virtual function is its own vfio device set: every other function of the set reports −1 to it, and it to
 * them, even in the same iommufd; there is no VF token on this path;</li>
 * <li>a function whose cdev or IOMMU group another process holds is bound to that process's iommufd (or its group is
 * open): BIND answers EPERM, the open EBUSY. Which iommufd a cdev is bound to cannot be read from /proc, so
 * another process holding it always blocks; when the scan could not read every process, it is unknown.</li>
 * </ul>
 */
public final class CdevPredictor {

    public static final String VFIO_PCI = "vfio-pci";

    private CdevPredictor() {
    }

    public static CdevPrediction predict(BlastRadius b, Topology t, HolderScan holders, VfioInterfaces vi) {
        PciAddress target = b.device();
        Optional<PciDevice> td = t.device(target);
        List<Finding> blockers = new ArrayList<>();
        List<Finding> unknowns = new ArrayList<>();
        Availability av = availability(target, td, vi);
        if (av.available.isEmpty()) {
            unknowns.add(Finding.of("CDEV_PATH_UNKNOWN", target, av.sentence));
        } else if (!av.available.get()) {
            blockers.add(Finding.of("CDEV_PATH_UNAVAILABLE", target, av.sentence));
        }
        boolean targetIsVf = td.map(d -> d.sriov().isVirtualFunction()).orElse(false);
        Map<Integer, PciAddress> openers = new LinkedHashMap<>();
        List<Function> functions = new ArrayList<>();
        List<PciAddress> order = Stream.concat(Stream.of(target),
                b.hotReset().affected().stream().filter(a -> !a.equals(target))).toList();
        for (PciAddress a : order) {
            if (!b.hotReset().affected().contains(a) && !a.equals(target)) {
                continue;
            }
            functions.add(function(a, target, targetIsVf, t, holders, vi, openers, blockers, unknowns,
                    av.available.orElse(false)));
        }
        functions.sort((x, y) -> x.address().compareTo(y.address()));
        for (GroupViability g : b.groupViability()) {
            if (!openers.containsKey(g.group())) {
                continue;
            }
            List<String> host = g.members().stream().filter(m -> m.driver().isPresent()
                    && !m.driver().get().equals(VFIO_PCI) && !m.bridge()).map(m -> m.address() + " (" + m.driver().get() + ")").toList();
            if (!host.isEmpty()) {
                blockers.add(Finding.of("CDEV_BIND_EPERM", openers.get(g.group()), "IOMMU group " + g.group() + " has "
                        + String.join(", ", host) + " on a host driver: VFIO_DEVICE_BIND_IOMMUFD of "
                        + openers.get(g.group()) + " fails with EPERM (the group's DMA is not VFIO's to own)."));
            }
        }
        if (!holders.complete()) {
            unknowns.add(Finding.of("CDEV_HOLDERS_UNKNOWN", target, "Not every process's open files could be read "
                    + "(run as root): whether another process has bound a cdev of the set to its own iommufd cannot be "
                    + "seen, and then VFIO_DEVICE_BIND_IOMMUFD fails with EPERM."));
        }
        List<Finding> allBlockers = new ArrayList<>(b.blockers());
        allBlockers.addAll(blockers);
        List<Finding> allUnknowns = new ArrayList<>(b.unknowns());
        allUnknowns.addAll(unknowns);
        if (!b.hotReset().possibleKnown() && allUnknowns.isEmpty()) {
            allUnknowns.add(Finding.of("CDEV_PATH_UNKNOWN", target, b.hotReset().reason()));
        }
        return new CdevPrediction(target, av.available, av.sentence, vi, functions, List.copyOf(openers.values()),
                blockers, unknowns, Verdict.of(allBlockers, allUnknowns));
    }

    private record Availability(Optional<Boolean> available, String sentence) {
    }

    private static Availability availability(PciAddress target, Optional<PciDevice> td, VfioInterfaces vi) {
        if (vi.iommufd() == Presence.ABSENT) {
            return new Availability(Optional.of(false), "/dev/iommu is missing: this kernel has no iommufd "
                    + "(CONFIG_IOMMUFD), so VFIO offers only the group path.");
        }
        Optional<String> driver = td.flatMap(PciDevice::driver);
        Optional<String> cdev = Optional.ofNullable(vi.cdevs().get(target));
        if (driver.filter(VFIO_PCI::equals).isPresent() && cdev.isEmpty()) {
            return new Availability(Optional.of(false), target + " is on vfio-pci but has no vfio-dev/vfioN: this "
                    + "kernel has no vfio device cdev (CONFIG_VFIO_DEVICE_CDEV), so VFIO offers only the group path.");
        }
        if (vi.iommufd() == Presence.UNKNOWN) {
            return new Availability(Optional.empty(), "This host root does not show /dev (a snapshot): whether "
                    + "/dev/iommu is there cannot be known.");
        }
        if (cdev.isPresent()) {
            return new Availability(Optional.of(true), "/dev/iommu is there and " + target + " has the cdev /dev/vfio/devices/"
                    + cdev.get() + ".");
        }
        return switch (vi.kernelCdev()) {
            case PRESENT -> new Availability(Optional.of(true), "/dev/iommu is there and the kernel gives vfio-pci "
                    + "functions a cdev; " + target + " gets one once it is bound to vfio-pci.");
            case ABSENT -> new Availability(Optional.of(false), "Functions on vfio-pci have no vfio-dev/vfioN: this "
                    + "kernel has no vfio device cdev (CONFIG_VFIO_DEVICE_CDEV).");
            case UNKNOWN -> new Availability(Optional.empty(), "/dev/iommu is there, but no function is on vfio-pci, "
                    + "so whether the kernel gives them a cdev (CONFIG_VFIO_DEVICE_CDEV) cannot be seen yet.");
        };
    }

    private static Function function(PciAddress a, PciAddress target, boolean targetIsVf, Topology t, HolderScan holders,
                                     VfioInterfaces vi, Map<Integer, PciAddress> openers, List<Finding> blockers,
                                     List<Finding> unknowns, boolean pathAvailable) {
        Optional<PciDevice> od = t.device(a);
        Optional<String> cdev = Optional.ofNullable(vi.cdevs().get(a));
        if (od.isEmpty()) {
            unknowns.add(Finding.of("CDEV_OWNER_UNKNOWN", a, a + " is not in this host root: what the kernel would report for it is unknown."));
            return new Function(a, Optional.empty(), OptionalInt.empty(), cdev, Ownership.UNKNOWN, "not in this host root");
        }
        PciDevice d = od.get();
        Optional<String> driver = d.driver();
        OptionalInt group = d.iommuGroup();
        if (driver.isEmpty()) {
            return notOwned(a, driver, group, cdev, blockers, "CDEV_NOT_OWNED", a + " has no driver: it is not in "
                    + target + "'s vfio device set, so the kernel reports devid -1 (VFIO_PCI_DEVID_NOT_OWNED) and "
                    + "VFIO_DEVICE_PCI_HOT_RESET fails with EINVAL. Bind it to vfio-pci first.");
        }
        if (!driver.get().equals(VFIO_PCI)) {
            return notOwned(a, driver, group, cdev, blockers, "CDEV_NOT_OWNED", a + " is on " + driver.get()
                    + ": it is not in " + target + "'s vfio device set, so the kernel reports devid -1 "
                    + "(VFIO_PCI_DEVID_NOT_OWNED) and VFIO_DEVICE_PCI_HOT_RESET fails with EINVAL.");
        }
        boolean vf = d.sriov().isVirtualFunction();
        if (!a.equals(target) && (vf || targetIsVf)) {
            return notOwned(a, driver, group, cdev, blockers, "CDEV_VF_OWN_DEVICE_SET", (vf ? a : target)
                    + " is a virtual function, and each VF is its own vfio device set: the kernel reports " + a
                    + " as devid -1 (VFIO_PCI_DEVID_NOT_OWNED) even when bound to the same iommufd, and "
                    + "VFIO_DEVICE_PCI_HOT_RESET fails with EINVAL.");
        }
        List<Holder> held = new ArrayList<>(holders.holdersOfDevice(a));
        group.ifPresent(g -> held.addAll(holders.holdersOfGroup(g)));
        if (!held.isEmpty()) {
            return notOwned(a, driver, group, cdev, blockers, "CDEV_HELD_ELSEWHERE", a + " (or its IOMMU group) is "
                    + "held by " + held.stream().map(Holder::describe).distinct().reduce((x, y) -> x + ", " + y).orElse("")
                    + ": bound to that process's iommufd (which one cannot be read from /proc) or opened through its "
                    + "group, so the tool cannot own it: VFIO_DEVICE_BIND_IOMMUFD fails with EPERM when another iommufd "
                    + "owns its IOMMU group (EINVAL when this very cdev is open elsewhere), and the cdev's open with EBUSY "
                    + "when its group is open.");
        }
        if (group.isEmpty()) {
            return notOwned(a, driver, group, cdev, blockers, "CDEV_NO_IOMMU_GROUP", a + " has no IOMMU group: "
                    + "VFIO cannot own it, and VFIO_DEVICE_GET_PCI_HOT_RESET_INFO fails with EPERM.");
        }
        int g = group.getAsInt();
        if (openers.containsKey(g)) {
            return new Function(a, driver, group, cdev, Ownership.IMPLICITLY_OWNED, "on vfio-pci in IOMMU group " + g
                    + ", whose " + openers.get(g) + " the tool binds: the kernel reports devid 0 (VFIO_PCI_DEVID_OWNED)");
        }
        if (cdev.isEmpty()) {
            if (pathAvailable) { // else the path's own blocker says it all
                blockers.add(Finding.of("CDEV_MISSING", a, a + " is on vfio-pci but has no vfio-dev/vfioN, and no other "
                        + "function of IOMMU group " + g + " is opened: the tool cannot bind it to the iommufd."));
            }
            return new Function(a, driver, group, cdev, Ownership.UNKNOWN, "on vfio-pci without a cdev: the tool cannot "
                    + "open it, so what the kernel would report is unknown");
        }
        openers.put(g, a);
        return new Function(a, driver, group, cdev, Ownership.OPENED, "the tool opens /dev/vfio/devices/" + cdev.get()
                + " and binds it to its iommufd: the kernel reports its devid (above 0)");
    }

    private static Function notOwned(PciAddress a, Optional<String> driver, OptionalInt group, Optional<String> cdev,
                                     List<Finding> blockers, String code, String sentence) {
        blockers.add(Finding.of(code, a, sentence));
        return new Function(a, driver, group, cdev, Ownership.NOT_OWNED, sentence);
    }
}

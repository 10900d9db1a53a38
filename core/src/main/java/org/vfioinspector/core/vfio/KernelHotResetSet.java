package org.vfioinspector.core.vfio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * What {@code VFIO_DEVICE_GET_PCI_HOT_RESET_INFO} lists for a function of a fixture tree, by the kernel's rule
 * (drivers/vfio/pci/vfio_pci_core.c, drivers/pci/pci.c), worked out here from the {@code sys/devices} nesting
 * alone and never from the code under test: slot mode when {@code pci_probe_reset_slot} succeeds (a slot at the
 * function's {@code dddd:bb:dd} whose port's hot-plug service is pciehp, the only driver with a slot reset), else
 * bus mode when the bus has a parent bridge (not a root bus), else ENODEV; then
 * {@code vfio_pci_for_each_slot_or_bus}: every function on the function's bus (in slot mode only the slot's),
 * and every function on the buses below them; EPERM when one of them has no IOMMU group.
 */
public final class KernelHotResetSet {

    private static final Pattern BDF = Pattern.compile("[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");

    private KernelHotResetSet() {
    }

    /** The dependents of {@code bdf}, sorted by address; throws ENODEV or EPERM the way the ioctl fails. */
    public static List<DependentDevice> of(Path root, String bdf) {
        PciAddress target = PciAddress.parse(bdf);
        Path dir = realDir(root, bdf);
        Path bridge = dir.getParent();
        if (!BDF.matcher(bridge.getFileName().toString()).matches()) {
            throw Syscalls.fail(Errno.ENODEV); // a root bus: no parent bridge to reset it
        }
        boolean slot = pciehpSlot(root, target, bridge.getFileName().toString());
        List<DependentDevice> out = new ArrayList<>();
        for (Path f : functionsBelow(bridge)) {
            // the function on the target's bus that f is (or sits below): in slot mode only the slot's count
            PciAddress top = PciAddress.parse(bridge.relativize(f).getName(0).toString());
            if (slot && top.device() != target.device()) {
                continue;
            }
            PciAddress a = PciAddress.parse(f.getFileName().toString());
            String group = HostRoot.linkName(f.resolve("iommu_group")).orElseThrow(() -> Syscalls.fail(Errno.EPERM));
            out.add(DependentDevice.inGroup(Integer.parseInt(group), a));
        }
        out.sort((x, y) -> x.address().compareTo(y.address()));
        return out;
    }

    /** Whether every function on vfio-pci: the kernel's HOT_RESET refuses a set with any other (EINVAL). */
    public static boolean allOnVfioPci(Path root, List<DependentDevice> set) {
        return set.stream().allMatch(d -> HostRoot.linkName(root.resolve("sys/bus/pci/devices/" + d.address() + "/driver"))
                .filter("vfio-pci"::equals).isPresent());
    }

    private static Path realDir(Path root, String bdf) {
        try {
            return root.resolve("sys/bus/pci/devices/" + bdf).toRealPath();
        } catch (IOException e) {
            throw Syscalls.fail(Errno.ENODEV);
        }
    }

    /** Every function directory nested below {@code bridge}: the bridge's bus and all buses below it. */
    private static List<Path> functionsBelow(Path bridge) {
        try (Stream<Path> s = Files.walk(bridge)) {
            return s.filter(p -> !p.equals(bridge) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    && onlyFunctions(bridge.relativize(p))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Functions nest directly in functions: every component between the bridge and one is a BDF. */
    private static boolean onlyFunctions(Path relative) {
        for (Path part : relative) {
            if (!BDF.matcher(part.toString()).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean pciehpSlot(Path root, PciAddress target, String port) {
        String slotId = target.slotId();
        boolean slot = HostRoot.list(root.resolve("sys/bus/pci/slots")).stream()
                .anyMatch(s -> HostRoot.readText(s.resolve("address")).map(String::strip).filter(slotId::equals).isPresent());
        return slot && Files.exists(root.resolve("sys/bus/pci_express/drivers/pciehp/" + port + ":pcie004"),
                LinkOption.NOFOLLOW_LINKS);
    }
}

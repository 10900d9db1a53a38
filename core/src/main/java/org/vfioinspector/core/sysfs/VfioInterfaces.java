package org.vfioinspector.core.sysfs;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.vfioinspector.core.model.PciAddress;

/**
 * Which of the kernel's two VFIO interfaces a host root shows: the group interface ({@code /dev/vfio/vfio} and
 * {@code /dev/vfio/N}) and the device cdev interface ({@code /dev/iommu}, {@code /dev/vfio/devices/vfioN}, one per
 * function bound to vfio-pci, named by {@code sys/bus/pci/devices/<BDF>/vfio-dev/vfioN}). A kernel with
 * {@code CONFIG_VFIO_DEVICE_CDEV} adds {@code vfio-dev/vfioN} to every function vfio-pci drives; one without it
 * never does.
 *
 * @param container {@code /dev/vfio/vfio}: the group path's container (legacy vfio, or iommufd's compat container)
 * @param iommufd   {@code /dev/iommu}: {@code CONFIG_IOMMUFD}
 * @param kernelCdev whether the kernel creates device cdevs: present when some function has {@code vfio-dev/},
 *                  absent when functions are on vfio-pci but none has one, unknown when nothing is on vfio-pci
 * @param cdevs     the cdev name ({@code vfio3}) of each function that has one
 */
public record VfioInterfaces(Presence container, Presence iommufd, Presence kernelCdev, Map<PciAddress, String> cdevs) {

    /** Whether a file is there; {@link #UNKNOWN} when the host root does not show {@code /dev} (a snapshot). */
    public enum Presence {
        PRESENT, ABSENT, UNKNOWN;

        /** {@code present}, {@code absent}, {@code unknown}: JSON's spelling. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public VfioInterfaces {
        cdevs = Map.copyOf(cdevs);
    }

    /**
     * Reads {@code dev/} and each function's {@code vfio-dev/}.
     *
     * @param functions every function of the host (to find vfio-pci functions with and without a cdev)
     * @param drivers   the driver of each function, as the topology read it (absent: none or unknown)
     */
    public static VfioInterfaces read(HostRoot root, Collection<PciAddress> functions,
                                      java.util.function.Function<PciAddress, Optional<String>> drivers) {
        boolean devShown = HostRoot.exists(root.resolve("dev"));
        Presence container = presence(devShown, root.resolve("dev/vfio/vfio"));
        Presence iommufd = presence(devShown, root.resolve("dev/iommu"));
        Map<PciAddress, String> cdevs = new TreeMap<>();
        boolean anyVfioPci = false;
        for (PciAddress a : functions) {
            cdevOf(root, a).ifPresent(c -> cdevs.put(a, c));
            anyVfioPci |= drivers.apply(a).filter("vfio-pci"::equals).isPresent();
        }
        Presence kernelCdev = !cdevs.isEmpty() ? Presence.PRESENT : anyVfioPci ? Presence.ABSENT : Presence.UNKNOWN;
        return new VfioInterfaces(container, iommufd, kernelCdev, cdevs);
    }

    /** {@link #read(HostRoot, Collection, java.util.function.Function)} for every function of {@code t}. */
    public static VfioInterfaces read(HostRoot root, org.vfioinspector.core.model.Topology t) {
        return read(root, t.devices().stream().map(org.vfioinspector.core.model.PciDevice::address).toList(),
                a -> t.device(a).flatMap(org.vfioinspector.core.model.PciDevice::driver));
    }

    /** The {@code vfioN} below {@code sys/bus/pci/devices/<BDF>/vfio-dev/}, if there is exactly one such name. */
    public static Optional<String> cdevOf(HostRoot root, PciAddress a) {
        Path dir = root.resolve(SysfsNames.functionFile(a, "vfio-dev"));
        String found = null;
        for (Path p : HostRoot.list(dir)) {
            String name = p.getFileName().toString();
            if (isCdevName(name)) {
                if (found != null) {
                    return Optional.empty(); // the kernel makes one per function: two is not a real tree
                }
                found = name;
            }
        }
        return Optional.ofNullable(found);
    }

    /** {@code vfio} followed by 1..9 digits. */
    static boolean isCdevName(String name) {
        if (!name.startsWith("vfio") || name.length() < 5 || name.length() > 13) {
            return false;
        }
        for (int i = 4; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The device node of {@code a}'s cdev, as a path under the root, when it has one. */
    public Optional<String> nodeOf(PciAddress a) {
        return Optional.ofNullable(cdevs.get(a)).map(c -> "dev/vfio/devices/" + c);
    }

    private static Presence presence(boolean devShown, Path p) {
        if (HostRoot.exists(p)) {
            return Presence.PRESENT;
        }
        return devShown ? Presence.ABSENT : Presence.UNKNOWN;
    }
}

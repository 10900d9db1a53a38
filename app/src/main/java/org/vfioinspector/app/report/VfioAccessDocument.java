package org.vfioinspector.app.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.sysfs.VfioInterfaces;

/**
 * {@code show --json}'s {@code vfio}: how VFIO can reach one function. The group path ({@code /dev/vfio/vfio} and
 * {@code /dev/vfio/N}) and the cdev path ({@code /dev/iommu} and {@code /dev/vfio/devices/vfioN}), and who holds them.
 * Which iommufd context a cdev is bound to cannot be read from /proc (fdinfo of a vfio cdev does not say it), so a
 * process holding both {@code /dev/iommu} and the cdev is listed, never matched to a context: {@code iommufdContext}
 * is always {@code unknown}.
 *
 * @param cdev            {@code vfio3} when the function has a cdev (it is on vfio-pci and the kernel has
 *                        {@code CONFIG_VFIO_DEVICE_CDEV})
 * @param holdersComplete false when some processes' files could not be read: then no holder means unknown, not free
 */
public record VfioAccessDocument(String container, Optional<String> groupNode, String iommufd, String kernelCdev,
                                 Optional<String> cdev, Optional<String> cdevNode, List<String> groupHolders,
                                 List<String> cdevHolders, List<String> iommufdHolders, String iommufdContext,
                                 boolean holdersComplete) {

    public static VfioAccessDocument of(PciDevice d, VfioInterfaces vi, HolderScan holders) {
        PciAddress a = d.address();
        OptionalInt g = d.iommuGroup();
        Optional<String> cdev = Optional.ofNullable(vi.cdevs().get(a));
        List<String> groupHolders = g.isPresent() ? names(holders.holdersOfGroup(g.getAsInt())) : List.of();
        return new VfioAccessDocument(vi.container().json(), g.isPresent() ? Optional.of("/dev/vfio/" + g.getAsInt())
                : Optional.empty(), vi.iommufd().json(), vi.kernelCdev().json(), cdev, cdev.map(c -> "/dev/vfio/devices/" + c),
                groupHolders, names(holders.holdersOfDevice(a)), names(holders.iommufd()), "unknown", holders.complete());
    }

    private static List<String> names(List<Holder> hs) {
        return hs.stream().map(Holder::describe).distinct().toList();
    }

    /** The text section of {@code show}. */
    public String text() {
        StringBuilder s = new StringBuilder("\nVFIO access\n");
        s.append("  group path: /dev/vfio/vfio ").append(container).append(groupNode.map(n -> ", " + n).orElse(", no IOMMU group"))
                .append('\n');
        s.append("  cdev path: /dev/iommu ").append(iommufd).append(", ")
                .append(cdevNode.orElse("no cdev (device cdevs " + kernelCdev + ")")).append('\n');
        String unknown = holdersComplete ? "none" : "unknown (run as root)";
        s.append("  holding the group: ").append(groupHolders.isEmpty() ? unknown : String.join(", ", groupHolders)).append('\n');
        s.append("  holding the cdev: ").append(cdevHolders.isEmpty() ? unknown : String.join(", ", cdevHolders)).append('\n');
        s.append("  holding /dev/iommu: ").append(iommufdHolders.isEmpty() ? unknown : String.join(", ", iommufdHolders))
                .append(" (which iommufd a cdev is bound to cannot be seen)\n");
        return s.toString();
    }
}

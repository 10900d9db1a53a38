package org.vfioinspector.app.report;

import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.CdevPrediction;
import org.vfioinspector.core.reset.CdevPrediction.Ownership;

/**
 * {@code blast --json}'s {@code cdevPath}: the hot reset through the vfio device cdev and one iommufd. {@code available}
 * is null when the host root cannot show it; {@code devid} is what {@code VFIO_DEVICE_GET_PCI_HOT_RESET_INFO} would
 * report (0 = {@code VFIO_PCI_DEVID_OWNED}, −1 = {@code VFIO_PCI_DEVID_NOT_OWNED}, null for an opened function,
 * whose devid the kernel assigns at bind, or when unknown).
 */
public record CdevPathDocument(Optional<Boolean> available, String availability, String container, String iommufd,
                               String kernelCdev, String verdict, List<String> opens, List<Function> functions,
                               List<FindingDocument> blockers, List<FindingDocument> unknowns) {

    /** One function of the hot reset's set, with the ownership the kernel would report on the tool's cdev. */
    public record Function(String address, Optional<String> driver, Optional<Integer> group, Optional<String> cdev,
                           String ownership, Optional<Integer> devid, String reason) {
    }

    public static CdevPathDocument of(CdevPrediction c) {
        return new CdevPathDocument(c.available(), c.availability(), c.interfaces().container().json(),
                c.interfaces().iommufd().json(), c.interfaces().kernelCdev().json(), c.verdict().json(),
                Json.addresses(c.opens()), c.functions().stream().map(f -> new Function(f.address().toString(),
                        f.driver(), f.group().isPresent() ? Optional.of(f.group().getAsInt()) : Optional.empty(), f.cdev(),
                        f.ownership().json(), devid(f.ownership()), f.reason())).toList(),
                FindingDocument.of(c.blockers()), FindingDocument.of(c.unknowns()));
    }

    private static Optional<Integer> devid(Ownership o) {
        return switch (o) {
            case IMPLICITLY_OWNED -> Optional.of(0);
            case NOT_OWNED -> Optional.of(-1);
            default -> Optional.empty();
        };
    }

    /** The text section of {@code blast}: one line per function, then the blockers and unknowns. */
    public static String text(CdevPrediction c) {
        StringBuilder s = new StringBuilder();
        s.append("\nHot reset through the vfio cdev and iommufd: ").append(c.verdict().json()).append('\n');
        s.append("  path ").append(c.available().map(a -> a ? "available" : "not available").orElse("unknown"))
                .append(": ").append(c.availability()).append('\n');
        s.append("  /dev/vfio/vfio ").append(c.interfaces().container().json()).append(", /dev/iommu ")
                .append(c.interfaces().iommufd().json()).append(", device cdevs ").append(c.interfaces().kernelCdev().json())
                .append('\n');
        if (!c.opens().isEmpty()) {
            s.append("  opens and binds to one iommufd: ").append(String.join(", ", c.opens().stream()
                    .map(PciAddress::toString).toList())).append('\n');
        }
        for (CdevPrediction.Function f : c.functions()) {
            s.append("  ").append(f.address()).append("  ").append(f.cdev().orElse("no cdev")).append("  ")
                    .append(f.ownership().json()).append(" (devid ").append(f.ownership().devid()).append(")\n");
        }
        c.blockers().forEach(b -> s.append("  blocker: ").append(b.message()).append('\n'));
        c.unknowns().forEach(u -> s.append("  unknown: ").append(u.message()).append('\n'));
        return s.toString();
    }
}

package org.vfioinspector.core.vfio;

import java.util.Optional;

/**
 * The steps of the VFIO reset protocol, in the order {@link HotResetExecutor} runs them. Each names
 * the ioctl (exactly as in {@code <linux/vfio.h>}) or file operation it performs, so an errno can be
 * read in the context of the step that produced it.
 */
public enum Stage {
    OPEN_CONTAINER("open /dev/vfio/vfio"),
    /** cdev path: {@code /dev/iommu}, the iommufd every cdev of the set is bound to. */
    OPEN_IOMMUFD("open /dev/iommu"),
    /** cdev path: {@code /dev/vfio/devices/vfioN}, one per IOMMU group of the set. */
    OPEN_CDEV("open /dev/vfio/devices/vfioN"),
    BIND_IOMMUFD("VFIO_DEVICE_BIND_IOMMUFD"),
    IOAS_ALLOC("IOMMU_IOAS_ALLOC"),
    ATTACH_IOMMUFD_PT("VFIO_DEVICE_ATTACH_IOMMUFD_PT"),
    API_VERSION("VFIO_GET_API_VERSION"),
    CHECK_EXTENSION("VFIO_CHECK_EXTENSION"),
    OPEN_GROUP("open /dev/vfio/N"),
    GET_STATUS("VFIO_GROUP_GET_STATUS"),
    SET_CONTAINER("VFIO_GROUP_SET_CONTAINER"),
    SET_IOMMU("VFIO_SET_IOMMU"),
    GET_DEVICE_FD("VFIO_GROUP_GET_DEVICE_FD"),
    GET_INFO("VFIO_DEVICE_GET_INFO"),
    GET_HOT_RESET_INFO("VFIO_DEVICE_GET_PCI_HOT_RESET_INFO"),
    COMPARE("compare kernel list"),
    HOT_RESET("VFIO_DEVICE_PCI_HOT_RESET"),
    DEVICE_RESET("VFIO_DEVICE_RESET"),
    VERIFY("verify functions answer"),
    CLOSE("close");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** What the step does, in the header's words. */
    public String label() {
        return label;
    }

    /** The stage a failed {@link VfioException} came from, judged by its operation and target. */
    public static Optional<Stage> of(VfioException e) {
        return Optional.ofNullable(switch (e.operation()) {
            case "open" -> e.target().endsWith("/vfio") ? OPEN_CONTAINER : e.target().endsWith("/iommu") ? OPEN_IOMMUFD
                    : e.target().contains("/vfio/devices/") ? OPEN_CDEV : OPEN_GROUP;
            case "VFIO_DEVICE_BIND_IOMMUFD" -> BIND_IOMMUFD;
            case "IOMMU_IOAS_ALLOC" -> IOAS_ALLOC;
            case "VFIO_DEVICE_ATTACH_IOMMUFD_PT" -> ATTACH_IOMMUFD_PT;
            case "VFIO_GET_API_VERSION" -> API_VERSION;
            case "VFIO_CHECK_EXTENSION" -> CHECK_EXTENSION;
            case "VFIO_GROUP_GET_STATUS" -> GET_STATUS;
            case "VFIO_GROUP_SET_CONTAINER" -> SET_CONTAINER;
            case "VFIO_SET_IOMMU" -> SET_IOMMU;
            case "VFIO_GROUP_GET_DEVICE_FD" -> GET_DEVICE_FD;
            case "VFIO_DEVICE_GET_INFO" -> GET_INFO;
            case "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO" -> GET_HOT_RESET_INFO;
            case "VFIO_DEVICE_PCI_HOT_RESET" -> HOT_RESET;
            case "VFIO_DEVICE_RESET" -> DEVICE_RESET;
            default -> null;
        });
    }
}

package org.vfioinspector.core.reset;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.VfioInterfaces;

/**
 * What a hot reset of {@code device} through the vfio device cdev and iommufd would meet (Linux 6.6+:
 * {@code VFIO_DEVICE_BIND_IOMMUFD}, then {@code VFIO_DEVICE_PCI_HOT_RESET} with no group fds), predicted from sysfs
 * and the holder scan with vfio_pci_core.c's rules: the reset runs only when every function it reaches is owned by
 * the one iommufd context the tool binds (opened there, or in an IOMMU group one of whose devices is).
 *
 * @param available  whether the host offers the cdev path at all: {@code /dev/iommu} and a cdev for the target
 *                   (empty: cannot be known from this host root)
 * @param availability one sentence: why the path is or is not available
 * @param interfaces what the host root shows of both VFIO interfaces
 * @param functions  each function the hot reset reaches, with the ownership the kernel would report
 * @param opens      the cdevs the tool would open and bind, one per IOMMU group (target first)
 * @param blockers   reasons the cdev hot reset would fail (with the errno the kernel answers)
 * @param unknowns   what the cdev path's verdict depends on but cannot be seen
 * @param verdict    with the hot reset's own blockers and unknowns: never ready when ownership cannot be seen
 */
public record CdevPrediction(PciAddress device, Optional<Boolean> available, String availability,
                             VfioInterfaces interfaces, List<Function> functions, List<PciAddress> opens,
                             List<Finding> blockers, List<Finding> unknowns, Verdict verdict) {

    /** What {@code VFIO_DEVICE_GET_PCI_HOT_RESET_INFO} would report for a function, on the tool's own cdev. */
    public enum Ownership {
        /** The tool opens and binds its cdev: a devid above 0. */
        OPENED,
        /** On vfio-pci, not opened, but its IOMMU group has an opened device: {@code VFIO_PCI_DEVID_OWNED} (0). */
        IMPLICITLY_OWNED,
        /** {@code VFIO_PCI_DEVID_NOT_OWNED} (−1): the hot reset fails with EINVAL. */
        NOT_OWNED,
        /** Cannot be seen from this host root. */
        UNKNOWN;

        /** {@code opened}, {@code implicitlyOwned}, {@code notOwned}, {@code unknown}: JSON's spelling. */
        public String json() {
            return switch (this) {
                case OPENED -> "opened";
                case IMPLICITLY_OWNED -> "implicitlyOwned";
                case NOT_OWNED -> "notOwned";
                case UNKNOWN -> "unknown";
            };
        }

        /** The devid the kernel would report: above 0, 0, −1, or empty when not known. */
        public String devid() {
            return switch (this) {
                case OPENED -> "> 0";
                case IMPLICITLY_OWNED -> "0 (VFIO_PCI_DEVID_OWNED)";
                case NOT_OWNED -> "-1 (VFIO_PCI_DEVID_NOT_OWNED)";
                case UNKNOWN -> "unknown";
            };
        }
    }

    /**
     * One function of the set.
     *
     * @param cdev   its {@code vfioN} when it has one
     * @param reason why it has this ownership, one sentence
     */
    public record Function(PciAddress address, Optional<String> driver, OptionalInt group, Optional<String> cdev,
                           Ownership ownership, String reason) {

        public Function {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(ownership, "ownership");
        }
    }

    public CdevPrediction {
        functions = List.copyOf(functions);
        opens = List.copyOf(opens);
        blockers = List.copyOf(blockers);
        unknowns = List.copyOf(unknowns);
    }
}

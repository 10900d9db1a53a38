package org.vfioinspector.core.vfio;

import java.util.Locale;

/**
 * The kernel interface a reset goes through: the group path ({@code /dev/vfio/vfio} + {@code /dev/vfio/N}, every
 * kernel) or the cdev path ({@code /dev/iommu} + {@code /dev/vfio/devices/vfioN}, Linux 6.6+ with
 * {@code CONFIG_IOMMUFD} and {@code CONFIG_VFIO_DEVICE_CDEV}).
 */
public enum VfioPath {
    GROUP, CDEV;

    /** {@code group} or {@code cdev}: JSON's {@code path} and the audit's spelling. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package org.vfioinspector.core.vfio;

/**
 * What {@code VFIO_DEVICE_GET_INFO} answered ({@code struct vfio_device_info}).
 *
 * @param flags {@code VFIO_DEVICE_FLAGS_*} bits as the kernel set them
 * @param numRegions {@code num_regions}, unsigned in C; never negative for a real device
 * @param numIrqs {@code num_irqs}
 */
public record DeviceInfo(int flags, int numRegions, int numIrqs) {

    /**
     * {@code VFIO_DEVICE_FLAGS_RESET}: {@code VFIO_DEVICE_RESET} will work. vfio-pci sets it when the
     * function has a reset method of its own (FLR, PM, a device-specific quirk, or a bus reset because
     * it is alone on its bus); without it {@code VFIO_DEVICE_RESET} fails with EINVAL.
     */
    public boolean canReset() {
        return (flags & Vfio.VFIO_DEVICE_FLAGS_RESET) != 0;
    }

    /** {@code VFIO_DEVICE_FLAGS_PCI}: a vfio-pci device. */
    public boolean isPci() {
        return (flags & Vfio.VFIO_DEVICE_FLAGS_PCI) != 0;
    }
}

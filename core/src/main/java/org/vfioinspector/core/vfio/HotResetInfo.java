package org.vfioinspector.core.vfio;

import java.util.List;

/**
 * A decoded {@code struct vfio_pci_hot_reset_info} reply.
 *
 * @param flags {@code VFIO_PCI_HOT_RESET_FLAG_*} (0 for group-mode opens)
 * @param devices the dependent devices in the kernel's order
 */
record HotResetInfo(int flags, List<DependentDevice> devices) {

    HotResetInfo {
        devices = List.copyOf(devices);
    }

    boolean devIdMode() {
        return (flags & Vfio.VFIO_PCI_HOT_RESET_FLAG_DEV_ID) != 0;
    }
}

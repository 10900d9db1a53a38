package org.vfioinspector.core.vfio;

/** Which VFIO reset to perform. */
public enum ResetKind {
    /** {@code VFIO_DEVICE_PCI_HOT_RESET}: the slot or bus, every function on and below it. */
    HOT_RESET,
    /**
     * {@code VFIO_DEVICE_RESET}: only that function is reset, with the first of the kernel's reset methods
     * that works for it (flr, af_flr, pm, device_specific, acpi, bus when alone on its bus, cxl_bus). The
     * least invasive choice whenever the kernel has any.
     */
    FUNCTION_RESET
}

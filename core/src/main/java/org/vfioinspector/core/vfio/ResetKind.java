package org.vfioinspector.core.vfio;

/** Which VFIO reset to perform. */
public enum ResetKind {
    /** {@code VFIO_DEVICE_PCI_HOT_RESET}: the slot or bus, every function on and below it. */
    HOT_RESET,
    /**
     * {@code VFIO_DEVICE_RESET} on a function with FLR: only that function is reset. The least invasive
     * choice whenever the function has FLR.
     */
    FUNCTION_RESET
}

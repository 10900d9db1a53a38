package org.vfioinspector.core.reset;

/** How the kernel performs a VFIO hot reset: through a hot-plug slot, or the whole secondary bus. */
public enum HotResetScope {
    /** A hot-plug controller resets only its slot. */
    SLOT,
    /** The upstream bridge's secondary bus reset: everything on the bus and below. */
    BUS;

    /** {@code "slot"} / {@code "bus"}, as in the JSON contract. */
    public String json() {
        return name().toLowerCase();
    }
}

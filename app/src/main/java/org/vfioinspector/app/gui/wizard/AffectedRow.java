package org.vfioinspector.app.gui.wizard;

import org.vfioinspector.core.model.PciAddress;

/**
 * One function the chosen reset reaches, as step 2 shows it.
 *
 * @param inUse holders, mounts, interfaces and displays in one line; "" when nothing is known to use it
 * @param needsBinding it must be moved to vfio-pci first (step 3)
 */
public record AffectedRow(PciAddress address, String name, String driver, String group, String inUse,
                          boolean needsBinding) {
}

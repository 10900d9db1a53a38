package org.vfioinspector.app.gui.wizard;

import org.vfioinspector.core.vfio.ResetKind;

/**
 * One way to reset the target, for step 1.
 *
 * @param available false when the target cannot be reset this way (the detail says why)
 */
public record MethodOption(ResetKind kind, String title, boolean available, String detail) {
}

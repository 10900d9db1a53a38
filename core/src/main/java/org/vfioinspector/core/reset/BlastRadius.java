package org.vfioinspector.core.reset;

import java.util.List;

import org.vfioinspector.core.model.PciAddress;

/**
 * Everything a reset of {@code device} would touch and whether it may proceed.
 *
 * @param hotReset        the predicted VFIO hot reset (scope, bridge, affected set, groups)
 * @param resetMethods    the device's own function-level reset methods, explained
 * @param recommendation  the least invasive way to reset it, in a sentence
 * @param automaticReset  why the set matters even when nobody asks for a reset
 * @param affected        each affected function with drivers, holders, disks, interfaces
 * @param blockers        reasons the hot reset must not run (empty = may proceed)
 * @param warnings        things the engineer must acknowledge
 */
public record BlastRadius(PciAddress device, HotResetPrediction hotReset, List<ResetMethodInfo> resetMethods,
                          String recommendation, String automaticReset, List<AffectedFunction> affected,
                          List<Finding> blockers, List<Finding> warnings) {

    public BlastRadius {
        resetMethods = List.copyOf(resetMethods);
        affected = List.copyOf(affected);
        blockers = List.copyOf(blockers);
        warnings = List.copyOf(warnings);
    }

    public boolean blocked() {
        return !blockers.isEmpty();
    }
}

package org.vfioinspector.core.vfio;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.reset.HotResetPrediction;

/**
 * A checked reset, ready for {@link HotResetExecutor}: made by {@link ResetPlanner} from sysfs before
 * any ioctl.
 *
 * @param prediction the predicted hot-reset set (present for hot resets of known functions)
 * @param affected   what the reset is expected to reach, sorted: the predicted set, or just the target
 *                   for a function reset
 * @param groups     the IOMMU groups to open, ascending
 * @param targetGroup the IOMMU group of the target, whose device fd is opened
 * @param refusals   reasons not to touch VFIO at all (empty = may proceed)
 * @param warnings   what the engineer accepted by confirming
 */
public record ResetPlan(ResetRequest request, Optional<HotResetPrediction> prediction, List<PciAddress> affected,
                        List<Integer> groups, OptionalInt targetGroup, List<Finding> refusals, List<Finding> warnings) {

    public ResetPlan {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(prediction, "prediction");
        affected = affected.stream().sorted().distinct().toList();
        groups = groups.stream().sorted().distinct().toList();
        Objects.requireNonNull(targetGroup, "targetGroup");
        refusals = List.copyOf(refusals);
        warnings = List.copyOf(warnings);
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }
}

package org.vfioinspector.core.compare;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * One difference between two sides, judged for passthrough.
 *
 * @param aspect  what differs
 * @param impact  worse, better, neutral, or unknown (one side does not show it)
 * @param before  the function on the first side, when the change is about one
 * @param after   the function on the second side, when the change is about one
 * @param summary one sentence
 * @param was     the value on the first side, when there is one to show
 * @param now     the value on the second side, when there is one to show
 * @param reasons why (for a group: the kernel's ACS and topology rules on each side)
 */
public record Change(Aspect aspect, Impact impact, Optional<PciAddress> before, Optional<PciAddress> after,
                     String summary, Optional<String> was, Optional<String> now, List<String> reasons) {

    /** What a change is about, in the order a reader cares for. */
    public enum Aspect { IOMMU, PRESENCE, IOMMU_GROUP, ACS, RESET, LINK, COMMAND_LINE, KERNEL, SRIOV, DRIVER, POSITION, HOST }

    /** What a change means for passthrough; declared most important first. */
    public enum Impact { WORSE, UNKNOWN, BETTER, NEUTRAL }

    public Change {
        Objects.requireNonNull(aspect, "aspect");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(summary, "summary");
        reasons = List.copyOf(reasons);
    }

    static Change of(Aspect aspect, Impact impact, PciAddress before, PciAddress after, String summary,
                     String was, String now) {
        return new Change(aspect, impact, Optional.ofNullable(before), Optional.ofNullable(after), summary,
                Optional.ofNullable(was), Optional.ofNullable(now), List.of());
    }

    Change withReasons(List<String> why) {
        return new Change(aspect, impact, before, after, summary, was, now, why);
    }

    /** The function this change marks on the second side, else on the first. */
    public Optional<PciAddress> function() {
        return after.or(() -> before);
    }
}

package org.vfioinspector.core.reset;

import java.util.List;

import org.vfioinspector.core.model.PciAddress;

/**
 * Why the kernel put several functions into one IOMMU group. The kernel's groups are always what
 * is shown; this only explains them, and says {@code unexplained} when the rules do not account
 * for every member.
 *
 * @param group       the group number
 * @param members     its functions
 * @param reasons     one entry per rule that applies
 * @param unexplained members no rule accounts for
 */
public record GroupExplanation(int group, List<PciAddress> members, List<Reason> reasons, List<PciAddress> unexplained) {

    public GroupExplanation {
        members = List.copyOf(members);
        reasons = List.copyOf(reasons);
        unexplained = List.copyOf(unexplained);
    }

    /** A rule that groups functions together, with a stable code and a sentence. */
    public record Reason(String code, PciAddress at, String message) {
    }

    public boolean fullyExplained() {
        return unexplained.isEmpty();
    }
}

package org.vfioinspector.app.gui.graph;

import java.util.Optional;
import java.util.Set;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.HotResetPrediction;
import org.vfioinspector.core.reset.HotResetScope;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * What the graph emphasises for a selection: the selected function, what its hot reset reaches,
 * their IOMMU groups and the bridge that performs the reset. Everything else is drawn dimmed.
 *
 * @param bridgeTag the words on the reset bridge ("resets bus 04") or on the selection when no hot
 *                  reset exists ("no hot reset")
 * @param mustLeave functions that must leave their host drivers before VFIO can use the groups of the
 *                  recommended reset (the host loses them too)
 * @param bottleneck the function below the narrowest link on the selection's way from its root port
 */
public record Highlight(Optional<PciAddress> selected, Set<PciAddress> affected, Set<Integer> groups,
                        Optional<PciAddress> resetBridge, String bridgeTag, Set<PciAddress> mustLeave,
                        Optional<PciAddress> bottleneck) {

    /** The tag on a function that must leave its host driver. */
    public static final String MUST_LEAVE_TAG = "⏏ leaves host driver";

    /** The words on the link that is the selection's bottleneck. */
    public static final String BOTTLENECK_TAG = "bottleneck";

    public static final Highlight NONE = new Highlight(Optional.empty(), Set.of(), Set.of(), Optional.empty(), "",
            Set.of(), Optional.empty());

    public Highlight {
        affected = Set.copyOf(affected);
        groups = Set.copyOf(groups);
        mustLeave = Set.copyOf(mustLeave);
    }

    /** True when something is selected, so that the rest is dimmed. */
    public boolean active() {
        return selected.isPresent();
    }

    public static Highlight of(BlastRadius b) {
        HotResetPrediction p = b.hotReset();
        String tag;
        if (!p.possible()) {
            tag = "no hot reset";
        } else if (p.scope().orElseThrow() == HotResetScope.SLOT) {
            tag = "resets slot";
        } else {
            tag = String.format("resets bus %02x", b.device().bus());
        }
        Optional<PciAddress> bridge = p.possible() ? p.resetBridge() : Optional.empty();
        Set<PciAddress> leave = b.mustLeaveHost(b.recommended().orElse(ResetKind.HOT_RESET)).stream()
                .map(m -> m.address()).collect(java.util.stream.Collectors.toSet());
        return new Highlight(Optional.of(b.device()), Set.copyOf(p.affected()), Set.copyOf(p.groups()), bridge, tag,
                leave, Optional.empty());
    }

    /** This highlight with the link into {@code function} marked as the selection's bottleneck. */
    public Highlight withBottleneck(Optional<PciAddress> function) {
        return new Highlight(selected, affected, groups, resetBridge, bridgeTag, mustLeave, function);
    }

    /** True when the link into this node is the bottleneck of the selection's path. */
    public boolean isBottleneck(GraphNode n) {
        return active() && bottleneck.isPresent() && n.isFunction() && n.members().contains(bottleneck.get());
    }

    /** True when the node is the selection, in the affected set, or the reset bridge. */
    public boolean emphasises(GraphNode n) {
        if (!active()) {
            return true;
        }
        for (PciAddress a : n.members()) {
            if (affected.contains(a) || mustLeave.contains(a) || selected.get().equals(a)
                    || resetBridge.map(a::equals).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** True when the node stands for a function the reset reaches. */
    public boolean isAffected(GraphNode n) {
        return n.members().stream().anyMatch(affected::contains);
    }

    /**
     * True when the node stands for a function that must leave its host driver for VFIO to use its group
     * (a folded subtree too: the warning never hides inside the fold).
     */
    public boolean mustLeaveHost(GraphNode n) {
        return active() && (n.isFunction() || n.kind() == NodeKind.SUBTREE)
                && n.members().stream().anyMatch(mustLeave::contains);
    }

    public boolean isResetBridge(GraphNode n) {
        return resetBridge.isPresent() && n.isFunction() && n.members().contains(resetBridge.get());
    }

    public boolean isSelected(GraphNode n) {
        return selected.isPresent() && n.members().contains(selected.get());
    }
}

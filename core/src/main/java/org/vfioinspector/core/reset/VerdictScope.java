package org.vfioinspector.core.reset;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.ScopedScan;

/**
 * Which functions a verdict about one function needs, read through a {@link ScopedScan}: the smallest
 * topology on which {@link BlastRadiusAnalyzer}, {@link CdevPredictor} and the {@code show} report answer
 * exactly as on the whole host's.
 *
 * <ul>
 * <li>the function and everything nested below it (what the host uses below it goes with it);</li>
 * <li>the functions on its bus number (a {@code bus} reset method is refused when it has company);</li>
 * <li>for a hot reset, its upstream bridge and everything below that bridge: the kernel's affected set
 *     (not for a VF on a virtual bus, which has no hot reset);</li>
 * <li>until nothing is added: every ancestor of each function (its path, the ACS on the way, whether it
 *     sits on a root bus); every member of each function's IOMMU group, by folder and by link; and, for
 *     the groups VFIO must use (the function's and the affected set's), everything below each member,
 *     because what a member takes from the host when it leaves it counts;</li>
 * <li>one function that shows {@code reset_method}, when none of these does and another function does: whether
 *     the kernel has that attribute is a fact of the whole host ({@link KernelResetMethods}).</li>
 * </ul>
 *
 * Empty when any of it cannot be read or bounded: the caller reads the whole host then.
 */
public final class VerdictScope {

    private VerdictScope() {
    }

    /** What {@code blast} (and the cdev prediction) of {@code target} needs. */
    public static Optional<Topology> forBlast(ScopedScan scan, PciAddress target) {
        return closure(scan, target, true);
    }

    /** What {@code show} of {@code target} needs: no hot reset, so not the rest of its bridge's subtree. */
    public static Optional<Topology> forShow(ScopedScan scan, PciAddress target) {
        return closure(scan, target, false);
    }

    private static Optional<Topology> closure(ScopedScan scan, PciAddress target, boolean hotReset) {
        if (!scan.contains(target)) {
            return Optional.empty();
        }
        Set<PciAddress> in = new TreeSet<>(scan.subtree(target));
        in.addAll(scan.onBus(target.busAddress()));
        Set<PciAddress> affected = new TreeSet<>(Set.of(target));
        Optional<PciAddress> bridge = scan.folderParent(target);
        if (hotReset && bridge.isPresent()) {
            Optional<PciDevice> t = scan.device(target);
            Optional<PciDevice> b = scan.device(bridge.get());
            if (t.isEmpty() || b.isEmpty()) {
                return Optional.empty();
            }
            if (!AffectedSet.onVirtualBus(t.get(), b.get())) {
                Set<PciAddress> below = scan.subtree(bridge.get());
                below.remove(bridge.get());
                affected.addAll(below);
            }
        }
        in.addAll(affected);
        Set<Integer> wanted = new HashSet<>();
        for (PciAddress a : affected) {
            scan.group(a).ifPresent(wanted::add);
        }
        if (!grow(scan, in, new ArrayDeque<>(in), wanted)) {
            return Optional.empty();
        }
        // whether the kernel has reset_method is read from the host as a whole: one function that shows it will do
        boolean shown = false;
        for (PciAddress a : in) {
            Optional<PciDevice> d = scan.device(a);
            if (d.isEmpty()) {
                return Optional.empty();
            }
            shown |= d.get().resetMethods().isPresent();
        }
        Optional<PciAddress> witness = shown ? Optional.empty() : scan.resetMethodShownBy();
        if (witness.isPresent() && in.add(witness.get())
                && !grow(scan, in, new ArrayDeque<>(List.of(witness.get())), wanted)) {
            return Optional.empty();
        }
        return scan.topology(in);
    }

    /**
     * Adds to {@code in}, from {@code todo} on, every ancestor and every group member (with everything below the
     * members of a {@code wanted} group) until nothing is added; false when a member is not on the host's bus.
     */
    private static boolean grow(ScopedScan scan, Set<PciAddress> in, Deque<PciAddress> todo, Set<Integer> wanted) {
        Set<Integer> groupsDone = new HashSet<>();
        while (!todo.isEmpty()) {
            PciAddress a = todo.pop();
            Optional<PciAddress> up = scan.folderParent(a);
            if (up.isPresent() && in.add(up.get())) {
                todo.push(up.get());
            }
            OptionalInt g = scan.group(a);
            if (g.isPresent() && groupsDone.add(g.getAsInt())) {
                for (PciAddress m : scan.groupMembers(g.getAsInt())) {
                    if (!scan.contains(m)) {
                        return false; // a member the census did not find: the whole scan says what it is
                    }
                    for (PciAddress x : wanted.contains(g.getAsInt()) ? scan.subtree(m) : Set.of(m)) {
                        if (in.add(x)) {
                            todo.push(x);
                        }
                    }
                }
            }
        }
        return true;
    }
}

package org.vfioinspector.core.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.GroupExplainer;
import org.vfioinspector.core.reset.GroupExplanation;

/**
 * How the IOMMU groups changed, whatever their numbers: functions of different groups that now share one
 * (merged, worse: a device no longer isolates), a new function that joined an existing group (worse), and a
 * group whose functions are now apart (split, better). Each change carries the kernel's reasons from
 * {@link GroupExplainer} for the group that shares, on the side where it shares.
 */
final class GroupChanges {

    private GroupChanges() {
    }

    static void add(Side a, Side b, Matcher.Result m, List<Change> out, List<String> notCompared) {
        boolean onA = a.topology().host().iommuEnabled();
        boolean onB = b.topology().host().iommuEnabled();
        if (!onA && !onB) {
            notCompared.add("IOMMU groups: neither side has any (IOMMU off or not shown)");
            return;
        }
        if (!onA || !onB) {
            return; // the IOMMU change itself says it
        }
        Map<PciAddress, PciAddress> toA = new HashMap<>();
        Map<PciAddress, PciAddress> toB = new HashMap<>();
        for (Pairing p : m.pairs()) {
            toA.put(p.after(), p.before());
            toB.put(p.before(), p.after());
            OptionalInt ga = a.topology().device(p.before()).get().iommuGroup();
            OptionalInt gb = b.topology().device(p.after()).get().iommuGroup();
            if (ga.isPresent() != gb.isPresent()) {
                out.add(Change.of(Change.Aspect.IOMMU_GROUP, Change.Impact.UNKNOWN, p.before(), p.after(),
                        p.after() + ": its IOMMU group is unknown on " + (ga.isEmpty() ? a.label() : b.label()),
                        ga.isPresent() ? "group " + ga.getAsInt() : null, gb.isPresent() ? "group " + gb.getAsInt() : null));
            }
        }
        for (IommuGroup g : b.topology().groups()) {
            merged(a, b, g, toA, out);
        }
        for (IommuGroup g : a.topology().groups()) {
            split(a, b, g, toB, out);
        }
    }

    /** A group of the second side that holds functions of several groups of the first, or a new one beside old ones. */
    private static void merged(Side a, Side b, IommuGroup g, Map<PciAddress, PciAddress> toA, List<Change> out) {
        TreeMap<Integer, List<PciAddress>> from = new TreeMap<>();
        List<PciAddress> newcomers = new ArrayList<>();
        for (PciAddress y : g.devices()) {
            PciAddress x = toA.get(y);
            if (x == null) {
                newcomers.add(y);
                continue;
            }
            a.topology().device(x).flatMap(d -> d.iommuGroup().isPresent()
                    ? java.util.Optional.of(d.iommuGroup().getAsInt()) : java.util.Optional.<Integer>empty())
                    .ifPresent(id -> from.computeIfAbsent(id, k -> new ArrayList<>()).add(y));
        }
        List<String> why = reasons(b, g);
        if (from.size() > 1) {
            StringBuilder was = new StringBuilder();
            from.forEach((id, ys) -> was.append(was.length() == 0 ? "" : "; ").append("group ").append(id).append(": ")
                    .append(join(ys)));
            out.add(Change.of(Change.Aspect.IOMMU_GROUP, Change.Impact.WORSE, null, g.devices().get(0),
                    "IOMMU groups merged: " + join(g.devices()) + " now share group " + g.id()
                            + ", so none of them isolates alone", was.toString(), "group " + g.id() + ": " + join(g.devices()))
                    .withReasons(why));
        }
        if (!newcomers.isEmpty() && !from.isEmpty()) {
            List<PciAddress> old = from.values().stream().flatMap(List::stream).toList();
            out.add(Change.of(Change.Aspect.IOMMU_GROUP, Change.Impact.WORSE, null, newcomers.get(0),
                    (newcomers.size() == 1 ? "New function " : "New functions ") + join(newcomers) + " joined the IOMMU group of " + join(old)
                            + " (group " + g.id() + ")", join(old), join(g.devices())).withReasons(why));
        }
    }

    /** A group of the first side whose functions are in several groups on the second. */
    private static void split(Side a, Side b, IommuGroup g, Map<PciAddress, PciAddress> toB, List<Change> out) {
        TreeMap<Integer, List<PciAddress>> into = new TreeMap<>();
        for (PciAddress x : g.devices()) {
            PciAddress y = toB.get(x);
            if (y == null) {
                continue;
            }
            OptionalInt gb = b.topology().device(y).get().iommuGroup();
            if (gb.isPresent()) {
                into.computeIfAbsent(gb.getAsInt(), k -> new ArrayList<>()).add(y);
            }
        }
        if (into.size() <= 1) {
            return;
        }
        StringBuilder now = new StringBuilder();
        List<String> why = new ArrayList<>();
        reasons(a, g).forEach(r -> why.add("before: " + r));
        into.forEach((id, ys) -> {
            now.append(now.length() == 0 ? "" : "; ").append("group ").append(id).append(": ").append(join(ys));
            b.topology().group(id).filter(x -> x.devices().size() > 1).ifPresent(x -> reasons(b, x)
                    .forEach(r -> why.add("now, group " + id + ": " + r)));
        });
        isolatingPorts(b, into).forEach(why::add);
        out.add(Change.of(Change.Aspect.IOMMU_GROUP, Change.Impact.BETTER, g.devices().get(0), into.firstEntry().getValue().get(0),
                "IOMMU group split: the functions of group " + g.id() + " (" + join(g.devices()) + ") are now in "
                        + into.size() + " groups", "group " + g.id() + ": " + join(g.devices()), now.toString())
                .withReasons(why));
    }

    /** Ports above the split functions that now enforce ACS isolation: what split them. */
    private static List<String> isolatingPorts(Side b, TreeMap<Integer, List<PciAddress>> into) {
        TreeSet<String> out = new TreeSet<>();
        into.values().stream().flatMap(List::stream).forEach(y -> {
            List<org.vfioinspector.core.model.PciDevice> chain = new ArrayList<>();
            b.topology().device(y).filter(d -> d.isBridge()).ifPresent(chain::add);
            chain.addAll(b.topology().upstreamPath(y));
            for (var p : chain) {
                if (p.portType().map(t -> t.isDownstreamFacing()).orElse(false)
                        && GroupExplainer.isolatingAcs(p).orElse(false)) {
                    out.add("now: " + p.address() + " enforces ACS (SV, RR, CR, UF), so the devices below it get groups of their own");
                    break;
                }
            }
        });
        return List.copyOf(out);
    }

    private static List<String> reasons(Side s, IommuGroup g) {
        if (g.devices().size() < 2) {
            return List.of();
        }
        GroupExplanation e = GroupExplainer.explain(s.topology(), g);
        List<String> out = new ArrayList<>(e.reasons().stream().map(GroupExplanation.Reason::message).toList());
        if (!e.fullyExplained()) {
            out.add("unexplained for " + join(e.unexplained()) + " (firmware or kernel quirks may account for it)");
        }
        return out;
    }

    static String join(List<PciAddress> as) {
        return String.join(", ", as.stream().map(PciAddress::toString).toList());
    }
}

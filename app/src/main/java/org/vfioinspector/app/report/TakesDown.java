package org.vfioinspector.app.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.HostImpact;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.Mount;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.GroupViability;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * What one kind of reset of a function takes down on the host, in words a person reads in a glance: the
 * disks, mounts, interfaces (the default route first: probably the engineer's ssh), displays and VMs on the
 * functions it resets, and on the functions that must leave their host drivers so that VFIO may use the
 * groups. What cannot be seen stays unknown in the words, never dropped; "nothing" is said only when it is
 * known. Pure: built from the blast radius, the topology and the host state.
 *
 * @param kind      the kind of reset described
 * @param items     what goes away, worst first ({@code eno1 (default route — probably your ssh)})
 * @param mustLeave the functions that must leave their host drivers first, each with its driver
 * @param unknowns  what could not be seen ({@code holders unknown: …})
 */
public record TakesDown(ResetKind kind, List<String> items, List<String> mustLeave, List<String> unknowns) {

    private static final Pattern VM_NAME = Pattern.compile("-name\\s+(?:guest=)?([^,\\s]+)");

    public TakesDown {
        items = List.copyOf(items);
        mustLeave = List.copyOf(mustLeave);
        unknowns = List.copyOf(unknowns);
    }

    public static TakesDown of(BlastRadius b, ResetKind kind, Topology t, HostState host) {
        boolean hot = kind == ResetKind.HOT_RESET;
        List<PciAddress> reset = hot ? b.hotReset().affected() : List.of(b.device());
        List<GroupViability.Member> leaving = b.mustLeaveHost(kind);
        Set<PciAddress> all = new LinkedHashSet<>(reset);
        leaving.forEach(m -> all.add(m.address()));

        // worst first: each rank is one list, joined in order
        Map<Integer, List<String>> ranked = new java.util.TreeMap<>();
        HostImpact impact = host.impact();
        for (PciAddress a : all) {
            Optional<PciDevice> d = t.device(a);
            for (BlockDevice disk : impact.disksOf(a)) {
                disk(disk, impact.mountsKnown(), ranked);
            }
            for (NetInterface n : impact.interfacesOf(a)) {
                if (n.defaultRoute()) {
                    add(ranked, 1, n.name() + " (default route — probably your ssh)");
                } else if (n.isUp()) {
                    add(ranked, 6, n.name() + " (up)");
                } else {
                    add(ranked, 7, n.name() + " (" + n.operstate().orElse("state unknown") + ")");
                }
            }
            if (d.flatMap(PciDevice::bootVga).orElse(false)) {
                add(ranked, 5, "the boot display (" + a + ")");
            } else {
                impact.drmCardsOf(a).forEach(c -> add(ranked, 5, "display " + c));
            }
        }
        Map<Integer, Holder> holders = new LinkedHashMap<>();
        for (PciAddress a : reset) {
            host.holders().holdersOfDevice(a).forEach(h -> holders.putIfAbsent(h.pid(), h));
            t.device(a).ifPresent(d -> d.iommuGroup().ifPresent(g ->
                    host.holders().holdersOfGroup(g).forEach(h -> holders.putIfAbsent(h.pid(), h))));
        }
        holders.values().forEach(h -> add(ranked, 2, holder(h)));
        List<String> items = new ArrayList<>();
        ranked.values().forEach(l -> l.stream().filter(s -> !items.contains(s)).forEach(items::add));

        List<String> mustLeave = leaving.stream().map(m -> m.describe() + (m.bridge() ? " — unbind it (bridge)" : ""))
                .toList();
        List<String> unknowns = new ArrayList<>();
        if (!host.holders().complete()) {
            // a capture without its process table too, where running this tool as root would not help
            unknowns.add("holders unknown: not every process's open files could be read (needs root on that host), "
                    + "so which VMs use these groups is unknown");
        }
        if (!impact.mountsKnown()) {
            unknowns.add("mounts not captured: whether a disk here is in use is unknown");
        }
        if (!impact.routesKnown()) {
            unknowns.add("routes not captured: whether an interface here carries your ssh is unknown");
        }
        List<Integer> groups = hot ? b.hotReset().groups() : b.functionReset().groups();
        b.groupViability().stream().filter(g -> groups.contains(g.group())).flatMap(g -> g.uncertain().stream())
                .distinct().forEach(m -> unknowns.add("whether " + m.describe() + " must leave its driver is unknown"));
        return new TakesDown(kind, items, mustLeave, unknowns);
    }

    /** True when the host is seen to lose nothing and nothing about that is unknown. */
    public boolean knownNothing() {
        return items.isEmpty() && mustLeave.isEmpty() && unknowns.isEmpty();
    }

    /**
     * The sentence the window leads with: {@code Takes down: eno1 (default route — probably your ssh), /srv/data
     * on nvme1n1, VM win11 (pid 4242)}. "Nothing" only when nothing is unknown.
     */
    public String headline() {
        if (!items.isEmpty()) {
            return "Takes down: " + String.join(", ", items);
        }
        if (unknowns.isEmpty()) {
            return "Takes down nothing the host is seen to use (no disk, interface, display or VM on it).";
        }
        return "Takes down: nothing seen, but not everything could be seen (below).";
    }

    /** {@code Must leave host drivers first: 0000:01:00.0 (e1000e), …}; empty when none must. */
    public String mustLeaveLine() {
        return mustLeave.isEmpty() ? "" : "Must leave host drivers for vfio-pci first (the host loses them): "
                + String.join(", ", mustLeave);
    }

    /** {@code Unknown: holders unknown: …; mounts not captured: …}; empty when everything was seen. */
    public String unknownLine() {
        return unknowns.isEmpty() ? "" : "Unknown: " + String.join("; ", unknowns);
    }

    /** All of it, one sentence a line: the headline, then who must leave host drivers, then the unknowns. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(headline());
        if (!mustLeave.isEmpty()) {
            out.add(mustLeaveLine());
        }
        if (!unknowns.isEmpty()) {
            out.add(unknownLine());
        }
        return out;
    }

    private static void disk(BlockDevice disk, boolean mountsKnown, Map<Integer, List<String>> ranked) {
        boolean used = false;
        for (Mount m : disk.mounts()) {
            used = true;
            if (m.isRoot()) {
                add(ranked, 0, "the root filesystem (/ on " + disk.name() + ")");
            } else {
                add(ranked, 3, m.mountPoint() + " on " + disk.name());
            }
        }
        for (String s : disk.swaps()) {
            used = true;
            add(ranked, 4, "swap " + s + " on " + disk.name());
        }
        if (!used) {
            add(ranked, 7, "disk " + disk.name() + (mountsKnown ? " (not mounted)" : ""));
        }
    }

    /** {@code VM win11 (pid 4242)} for a QEMU/KVM process, else {@code command (pid N)}. */
    static String holder(Holder h) {
        boolean vm = h.kvm() || h.kvmVfio() || h.command().contains("qemu");
        if (vm) {
            Matcher m = VM_NAME.matcher(h.cmdline());
            return "VM " + (m.find() ? m.group(1) : h.command()) + " (pid " + h.pid() + ")";
        }
        return h.command() + " (pid " + h.pid() + ", holds VFIO)";
    }

    private static void add(Map<Integer, List<String>> ranked, int rank, String item) {
        ranked.computeIfAbsent(rank, k -> new ArrayList<>()).add(item);
    }
}

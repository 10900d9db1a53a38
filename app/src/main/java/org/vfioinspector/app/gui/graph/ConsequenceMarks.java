package org.vfioinspector.app.gui.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/**
 * What the host loses with each function, as marks the graph draws on its node before anything is
 * selected: the root filesystem's disk, a mounted disk (or swap), the interface with the default route
 * (probably the user's ssh), a display, a process (a VM) holding its VFIO group. Where the host root
 * cannot tell (a snapshot without mounts or routes, holders unreadable without root) the node gets an
 * "unknown" mark instead of nothing: no mark never stands for "unknown".
 */
public final class ConsequenceMarks {

    /** One mark, with the short words on its pill. */
    public enum Mark {
        ROOT_DISK("root fs", false),
        MOUNTED("mounted", false),
        DEFAULT_ROUTE("default route", false),
        DISPLAY("display", false),
        VM_HOLDER("held: VM", false),
        MOUNTS_UNKNOWN("mounts ?", true),
        ROUTE_UNKNOWN("route ?", true),
        HOLDER_UNKNOWN("holder ?", true),
        /** Compared with another read ("Compare with…"): something about it got worse. */
        COMPARE_WORSE("Δ worse", false),
        /** Compared: its IOMMU group changed (merged, joined or split). */
        COMPARE_GROUP("Δ group", false),
        /** Compared: a card moved here from another slot. */
        COMPARE_MOVED("Δ moved", false),
        /** Compared: not on the other side. */
        COMPARE_NEW("Δ new", false),
        /** Compared: something changed that is not worse. */
        COMPARE_CHANGED("Δ changed", false),
        /** Compared: something the other side showed cannot be seen here. */
        COMPARE_UNKNOWN("Δ ?", true);

        private final String label;
        private final boolean unknown;

        Mark(String label, boolean unknown) {
            this.label = label;
            this.unknown = unknown;
        }

        public String label() {
            return label;
        }

        /** True for "cannot be known from here", drawn dashed: never read as safe. */
        public boolean unknown() {
            return unknown;
        }
    }

    /** Marks not computed (the outline before the host's state is read): nothing is drawn. */
    public static final ConsequenceMarks NONE = new ConsequenceMarks(Map.of());

    private static final int CLASS_STORAGE = 0x01;
    private static final int CLASS_NETWORK = 0x02;
    private static final int CLASS_SERIAL_BUS = 0x0c;

    private final Map<PciAddress, List<Mark>> marks;

    ConsequenceMarks(Map<PciAddress, List<Mark>> marks) {
        this.marks = Map.copyOf(marks);
    }

    /** The marks of every function of {@code t}, from the host state read with it. */
    public static ConsequenceMarks of(Topology t, HostState host) {
        Map<PciAddress, List<Mark>> out = new HashMap<>();
        for (PciDevice d : t.devices()) {
            List<Mark> m = marksOf(d, host);
            if (!m.isEmpty()) {
                out.put(d.address(), m);
            }
        }
        return new ConsequenceMarks(out);
    }

    private static List<Mark> marksOf(PciDevice d, HostState host) {
        PciAddress a = d.address();
        Set<Mark> m = EnumSet.noneOf(Mark.class);
        List<BlockDevice> disks = host.impact().disksOf(a);
        List<NetInterface> ifaces = host.impact().interfacesOf(a);
        if (disks.stream().anyMatch(BlockDevice::holdsRootFilesystem)) {
            m.add(Mark.ROOT_DISK);
        }
        if (disks.stream().anyMatch(b -> !b.swaps().isEmpty()
                || b.mounts().stream().anyMatch(x -> !x.isRoot()))) {
            m.add(Mark.MOUNTED);
        }
        if (ifaces.stream().anyMatch(NetInterface::defaultRoute)) {
            m.add(Mark.DEFAULT_ROUTE);
        }
        if (d.bootVga().orElse(false) || !host.impact().drmCardsOf(a).isEmpty()) {
            m.add(Mark.DISPLAY);
        }
        boolean held = !host.holders().holdersOfDevice(a).isEmpty()
                || (d.iommuGroup().isPresent() && !host.holders().holdersOfGroup(d.iommuGroup().getAsInt()).isEmpty());
        if (held) {
            m.add(Mark.VM_HOLDER);
        }
        int base = d.classCode().isPresent() ? d.classCode().getAsInt() >> 16 : -1;
        // the same "could it have disks / interfaces" rule as the bind safety check
        if (!host.impact().mountsKnown() && (!disks.isEmpty() || base == CLASS_STORAGE || base == CLASS_SERIAL_BUS
                || base < 0)) {
            m.add(Mark.MOUNTS_UNKNOWN);
        }
        if (!host.impact().routesKnown() && (!ifaces.isEmpty() || base == CLASS_NETWORK || base < 0)) {
            m.add(Mark.ROUTE_UNKNOWN);
        }
        // only a function on vfio-pci can be held through VFIO; without root the scan cannot see every process
        if (!held && !host.holders().complete() && d.driver().map("vfio-pci"::equals).orElse(false)) {
            m.add(Mark.HOLDER_UNKNOWN);
        }
        return List.copyOf(m);
    }

    /** The marks of one function, most serious first; empty when the host loses nothing seen with it. */
    public List<Mark> of(PciAddress a) {
        return marks.getOrDefault(a, List.of());
    }

    /** The marks of what a node stands for (a VF group: any of its VFs). */
    public List<Mark> of(GraphNode n) {
        if (n.members().size() == 1) {
            return of(n.members().get(0));
        }
        if (n.members().isEmpty()) {
            return List.of();
        }
        Set<Mark> m = EnumSet.noneOf(Mark.class);
        for (PciAddress a : n.members()) {
            m.addAll(of(a));
        }
        return m.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(m));
    }

    /** These marks with {@code more} put first (a comparison's marks over the consequences). */
    public ConsequenceMarks plus(Map<PciAddress, List<Mark>> more) {
        Map<PciAddress, List<Mark>> out = new HashMap<>(marks);
        more.forEach((a, m) -> {
            List<Mark> all = new ArrayList<>(m);
            all.addAll(marks.getOrDefault(a, List.of()));
            out.put(a, List.copyOf(all));
        });
        return new ConsequenceMarks(out);
    }

    public boolean isEmpty() {
        return marks.isEmpty();
    }
}

package org.vfioinspector.core.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable view of a host's PCI functions, IOMMU groups and slots with the indexes the
 * analyses need: lookup by address, parent bridge, children, devices on a bus and below it, root
 * buses per domain, groups, SR-IOV PF↔VFs and slots.
 *
 * <p>The hierarchy follows the kernel's device tree (sysfs nesting): a function's parent is the
 * bridge whose directory holds it. Functions in a root bus's folder sit on a root bus; functions whose
 * bridge was not read, or whose parents loop, are shown at the top too, with a note (see {@link #notes()}),
 * and {@link #parentUnknown} says their parent cannot be known.
 */
public final class Topology {

    private final List<PciDevice> devices;
    private final Map<PciAddress, PciDevice> byAddress;
    /** Parents that are functions of this topology and do not close a loop; see {@link #upstreamPath}. */
    private final Map<PciAddress, PciAddress> parents;
    private final Map<PciAddress, List<PciAddress>> children;
    /** Functions whose upstream bridge cannot be known, with what is missing; see {@link #parentUnknown}. */
    private final Map<PciAddress, String> unknownParents;
    private final Map<BusAddress, List<PciAddress>> busMembers;
    private final Map<Integer, IommuGroup> groups;
    private final List<PciSlot> slots;
    private final Map<String, PciSlot> slotByAddress;
    /** Subtrees asked for so far: every hot-reset prediction below a bridge walks the same one. */
    private final Map<PciAddress, List<PciAddress>> descendantsCache = new ConcurrentHashMap<>();
    private final HostInfo host;
    private final List<String> notes;

    public Topology(List<PciDevice> devices, List<IommuGroup> groups, List<PciSlot> slots,
                    HostInfo host, List<String> notes) {
        List<PciDevice> sorted = new ArrayList<>(devices);
        sorted.sort((a, b) -> a.address().compareTo(b.address()));
        this.devices = List.copyOf(sorted);
        Map<PciAddress, PciDevice> index = new HashMap<>(sorted.size() * 2);
        Map<PciAddress, List<PciAddress>> kids = new HashMap<>();
        Map<BusAddress, List<PciAddress>> buses = new TreeMap<>();
        for (PciDevice d : sorted) {
            index.put(d.address(), d);
        }
        List<String> allNotes = new ArrayList<>(notes);
        Map<PciAddress, String> unknown = new HashMap<>();
        Map<PciAddress, PciAddress> up = treeParents(sorted, index, allNotes, unknown);
        for (PciDevice d : sorted) {
            Optional.ofNullable(up.get(d.address()))
                    .ifPresent(p -> kids.computeIfAbsent(p, k -> new ArrayList<>()).add(d.address()));
            buses.computeIfAbsent(d.address().busAddress(), k -> new ArrayList<>()).add(d.address());
        }
        this.parents = Collections.unmodifiableMap(up);
        this.unknownParents = Collections.unmodifiableMap(unknown);
        kids.replaceAll((k, v) -> List.copyOf(v));
        buses.replaceAll((k, v) -> List.copyOf(v));
        this.byAddress = Collections.unmodifiableMap(index);
        this.children = Collections.unmodifiableMap(kids);
        this.busMembers = Collections.unmodifiableMap(buses);
        Map<Integer, IommuGroup> g = new TreeMap<>();
        for (IommuGroup group : groups) {
            g.put(group.id(), group);
        }
        this.groups = Collections.unmodifiableMap(g);
        this.slots = List.copyOf(slots);
        Map<String, PciSlot> bySlot = new HashMap<>();
        for (PciSlot slot : this.slots) {
            slot.address().ifPresent(a -> bySlot.putIfAbsent(a, slot));
        }
        this.slotByAddress = bySlot;
        this.host = host;
        this.notes = List.copyOf(allNotes);
    }

    /**
     * Each function's parent when that is a function here, with loops cut, so that every chain of
     * parents ends at the top of the tree. A parent that was not read (its directory vanished during
     * the scan, or a capture left it out) or that closes a loop (only a hostile capture can nest
     * directories that way) is dropped with a note, and the function is shown at the top; so is one whose
     * directory sits neither in a function's nor in a root bus's folder. Those go to {@code unknown}: their
     * parent cannot be known.
     */
    private static Map<PciAddress, PciAddress> treeParents(List<PciDevice> sorted, Map<PciAddress, PciDevice> index,
                                                           List<String> notes, Map<PciAddress, String> unknown) {
        Map<PciAddress, PciAddress> up = new HashMap<>();
        for (PciDevice d : sorted) {
            if (d.parent().isPresent()) {
                PciAddress p = d.parent().get();
                if (index.containsKey(p)) {
                    up.put(d.address(), p);
                } else {
                    notes.add(d.address() + ": its upstream bridge " + p + " was not read; shown at the top of the tree");
                    unknown.put(d.address(), "its directory sits in the folder of " + p
                            + ", a function this host root does not show (not captured, or removed during the scan)");
                }
            } else if (!inRootBusFolder(d.sysfsPath())) {
                notes.add(d.address() + ": its directory " + d.sysfsPath()
                        + " is not in a bridge's or a root bus's folder; shown at the top of the tree");
                unknown.put(d.address(), "its directory " + d.sysfsPath()
                        + " is in neither a bridge's nor a root bus's folder of sys/devices");
            }
        }
        Set<PciAddress> done = new HashSet<>();
        for (PciDevice d : sorted) {
            Set<PciAddress> walk = new HashSet<>();
            PciAddress prev = null;
            PciAddress cur = d.address();
            while (cur != null && !done.contains(cur)) {
                if (!walk.add(cur)) {
                    up.remove(prev);
                    notes.add(prev + ": its parent chain loops back to " + cur + "; cut there");
                    unknown.put(prev, "the nesting of its directories loops back to " + cur);
                    break;
                }
                prev = cur;
                cur = up.get(cur);
            }
            done.addAll(walk);
        }
        return up;
    }

    /**
     * Whether a directory relative to {@code sys/devices} sits directly in a root bus's folder
     * ({@code pci0000:00/0000:00:1f.0}; the kernel names those folders {@code pci%04x:%02x}).
     */
    private static boolean inRootBusFolder(String sysfsPath) {
        String[] parts = sysfsPath.split("/");
        if (parts.length < 2) {
            return false;
        }
        String folder = parts[parts.length - 2];
        int n = folder.length();
        if (n < 10 || n > 14 || !folder.startsWith("pci") || folder.charAt(n - 3) != ':') {
            return false;
        }
        for (int i = 3; i < n; i++) {
            char c = folder.charAt(i);
            if (i != n - 3 && Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * What is missing when a function's upstream bridge cannot be known: its directory sits in the
     * folder of a function that was not read, the nesting loops, or the directory is in no bridge's or
     * root bus's folder. Such a function is shown at the top of the tree ({@link #roots()}), but it is
     * not known to sit on a root bus, and whether and what a hot reset of it resets is unknown.
     * Empty when the parent is known (a bridge of this topology, or none: a root bus).
     */
    public Optional<String> parentUnknown(PciAddress address) {
        return Optional.ofNullable(unknownParents.get(address));
    }

    /** All functions, sorted by address. */
    public List<PciDevice> devices() {
        return devices;
    }

    public int size() {
        return devices.size();
    }

    public boolean isEmpty() {
        return devices.isEmpty();
    }

    public Optional<PciDevice> device(PciAddress address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    public boolean contains(PciAddress address) {
        return byAddress.containsKey(address);
    }

    /** The upstream bridge of a function, when it is one of this topology's functions. */
    public Optional<PciDevice> parent(PciAddress address) {
        return Optional.ofNullable(parents.get(address)).map(byAddress::get);
    }

    /** Functions directly below a bridge (its secondary bus, and VFs on virtual buses there). */
    public List<PciAddress> children(PciAddress address) {
        return children.getOrDefault(address, List.of());
    }

    /** Every function below a bridge, at any depth, sorted; excludes the bridge itself. */
    public List<PciAddress> descendants(PciAddress address) {
        List<PciAddress> cached = descendantsCache.get(address);
        if (cached == null) {
            cached = collectDescendants(address);
            descendantsCache.putIfAbsent(address, cached);
        }
        return cached;
    }

    private List<PciAddress> collectDescendants(PciAddress address) {
        TreeSet<PciAddress> out = new TreeSet<>();
        Deque<PciAddress> todo = new ArrayDeque<>(children(address));
        while (!todo.isEmpty()) {
            PciAddress a = todo.pop();
            if (out.add(a)) {
                todo.addAll(children(a));
            }
        }
        return List.copyOf(out);
    }

    /** The chain of bridges from the function up to its root bus, nearest first. */
    public List<PciDevice> upstreamPath(PciAddress address) {
        List<PciDevice> path = new ArrayList<>();
        Set<PciAddress> seen = new LinkedHashSet<>();
        Optional<PciDevice> p = parent(address);
        while (p.isPresent() && seen.add(p.get().address())) {
            path.add(p.get());
            p = parent(p.get().address());
        }
        return path;
    }

    /**
     * True when the function sits on a root bus (no upstream PCI bridge), or at the top of the tree
     * because its bridge was not read (a topology note says so, and {@link #parentUnknown} says what is missing).
     */
    public boolean onRootBus(PciAddress address) {
        return byAddress.containsKey(address) && !parents.containsKey(address);
    }

    /** Functions whose address has this bus number. */
    public List<PciAddress> devicesOnBus(BusAddress bus) {
        return busMembers.getOrDefault(bus, List.of());
    }

    /** Functions on a bus and on every bus below it (the set a secondary bus reset reaches), sorted. */
    public List<PciAddress> devicesOnBusAndBelow(BusAddress bus) {
        TreeSet<PciAddress> out = new TreeSet<>();
        for (PciAddress a : devicesOnBus(bus)) {
            out.add(a);
            out.addAll(descendants(a));
        }
        return List.copyOf(out);
    }

    /** All bus numbers that hold functions. */
    public Set<BusAddress> buses() {
        return busMembers.keySet();
    }

    /** The PCI domains (segments) present, ascending. */
    public List<Integer> domains() {
        return devices.stream().map(d -> d.address().domain()).distinct()
                .sorted(Integer::compareUnsigned).toList();
    }

    /** Root buses: buses of functions that have no upstream bridge, per domain, sorted. */
    public List<BusAddress> rootBuses() {
        return devices.stream().filter(d -> !parents.containsKey(d.address()))
                .map(d -> d.address().busAddress()).distinct().sorted().toList();
    }

    public List<BusAddress> rootBuses(int domain) {
        return rootBuses().stream().filter(b -> b.domain() == domain).toList();
    }

    /** Functions on root buses (the top of the tree), sorted. */
    public List<PciDevice> roots() {
        return devices.stream().filter(d -> !parents.containsKey(d.address())).toList();
    }

    public List<IommuGroup> groups() {
        return List.copyOf(groups.values());
    }

    public Optional<IommuGroup> group(int id) {
        return Optional.ofNullable(groups.get(id));
    }

    public Optional<IommuGroup> groupOf(PciAddress address) {
        PciDevice d = byAddress.get(address);
        if (d == null || d.iommuGroup().isEmpty()) {
            return Optional.empty();
        }
        return group(d.iommuGroup().getAsInt());
    }

    /** The PF of a virtual function. */
    public Optional<PciDevice> physicalFunction(PciAddress vf) {
        return device(vf).flatMap(d -> d.sriov().physfn()).map(byAddress::get);
    }

    /** The VFs of a physical function, sorted. */
    public List<PciAddress> virtualFunctions(PciAddress pf) {
        return device(pf).map(d -> d.sriov().virtfns().stream().sorted().toList()).orElse(List.of());
    }

    public List<PciSlot> slots() {
        return slots;
    }

    /** The registered slot that holds a function, if any. */
    public Optional<PciSlot> slotOf(PciAddress address) {
        return Optional.ofNullable(slotByAddress.get(address.slotId()));
    }

    public HostInfo host() {
        return host;
    }

    /** Problems met while reading the host as a whole (per-function notes are on each device). */
    public List<String> notes() {
        return notes;
    }
}

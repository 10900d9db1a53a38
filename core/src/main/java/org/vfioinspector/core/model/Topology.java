package org.vfioinspector.core.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
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
 * bridge whose directory holds it. Functions whose parent is unknown sit on a root bus.
 */
public final class Topology {

    private final List<PciDevice> devices;
    private final Map<PciAddress, PciDevice> byAddress;
    private final Map<PciAddress, List<PciAddress>> children;
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
        for (PciDevice d : sorted) {
            d.parent().filter(index::containsKey)
                    .ifPresent(p -> kids.computeIfAbsent(p, k -> new ArrayList<>()).add(d.address()));
            buses.computeIfAbsent(d.address().busAddress(), k -> new ArrayList<>()).add(d.address());
        }
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
        this.notes = List.copyOf(notes);
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
        PciDevice d = byAddress.get(address);
        return d == null ? Optional.empty() : d.parent().map(byAddress::get);
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

    /** True when the function sits on a root bus (no upstream PCI bridge). */
    public boolean onRootBus(PciAddress address) {
        PciDevice d = byAddress.get(address);
        return d != null && d.parent().isEmpty();
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
        return devices.stream().filter(d -> d.parent().isEmpty())
                .map(d -> d.address().busAddress()).distinct().sorted().toList();
    }

    public List<BusAddress> rootBuses(int domain) {
        return rootBuses().stream().filter(b -> b.domain() == domain).toList();
    }

    /** Functions on root buses (the top of the tree), sorted. */
    public List<PciDevice> roots() {
        return devices.stream().filter(d -> d.parent().isEmpty()).toList();
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

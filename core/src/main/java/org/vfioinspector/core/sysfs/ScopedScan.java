package org.vfioinspector.core.sysfs;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.vfioinspector.core.model.BusAddress;
import org.vfioinspector.core.model.HostInfo;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/**
 * Reads only part of a host: the functions a verdict about one function needs, chosen by the caller
 * ({@code reset.VerdictScope}), into a {@link Topology} that answers every question about them exactly as the
 * topology of a whole scan ({@link SysfsReader#scan}) would.
 *
 * <p>First a census of every function of {@code sys/bus/pci/devices}: its directory listing, its
 * {@code iommu_group} link and its {@code vfio-dev} cdev — what the whole host must be asked to know which
 * functions share a group, where each one is nested, and whether the kernel gives functions a cdev. Then
 * only the functions asked for are read completely, through the same {@link FunctionReader} and the
 * listing and links the census read. {@link #open} is empty, and the caller reads the whole host, when the
 * census meets anything it cannot bound: no bus folder, an entry of it that is not a function, a function
 * directory that only a walk of {@code sys/devices} finds; {@link #topology} is empty when the functions
 * read leave a topology or group note (a parent that was not read, a group folder that disagrees with the
 * links). What the scoped read cannot see must never read safer than the whole read.
 */
public final class ScopedScan {

    /** What the census read of one function: its memo (listing, links), group link, cdev and nested functions. */
    private record Census(FunctionMemo memo, OptionalInt group, Optional<String> cdev, boolean vfioPci,
                          List<PciAddress> children) { }

    private final HostRoot root;
    private final SysfsFiles io;
    private final FunctionReader reader;
    private final Map<PciAddress, Path> dirs;
    private final Map<PciAddress, Census> census;
    private final Map<PciAddress, Optional<PciDevice>> devices = new HashMap<>();
    private final Map<BusAddress, List<PciAddress>> buses = new HashMap<>();
    private final Map<Integer, List<PciAddress>> linking = new HashMap<>();
    /** Group folders and members, read once (a scan sees each group as it was when first asked). */
    private final Map<Integer, List<ReadResult<IommuGroup>>> folders = new HashMap<>();
    private final Map<Integer, Set<PciAddress>> members = new HashMap<>();
    /** The host's facts, read once. */
    private HostInfo host;

    private ScopedScan(HostRoot root, SysfsFiles io, Map<PciAddress, Path> dirs, Map<PciAddress, Census> census) {
        this.root = root;
        this.io = io;
        this.reader = new FunctionReader(io);
        this.dirs = dirs;
        this.census = census;
        for (Map.Entry<PciAddress, Census> e : census.entrySet()) {
            buses.computeIfAbsent(e.getKey().busAddress(), k -> new ArrayList<>()).add(e.getKey());
            e.getValue().group().ifPresent(g -> linking.computeIfAbsent(g, k -> new ArrayList<>()).add(e.getKey()));
        }
    }

    /** The census of {@code root}; empty when the host cannot be bounded (the caller then reads it whole). */
    public static Optional<ScopedScan> open(HostRoot root) {
        SysfsFiles io = new SysfsFiles(root, SysfsFiles.NOBODY);
        List<String> notes = new ArrayList<>();
        Map<PciAddress, Path> bus = new FunctionWalk(io).busFunctions(notes);
        if (!notes.isEmpty() || bus.isEmpty() || !topLevelBounded(io, bus)) {
            return Optional.empty();
        }
        List<Map.Entry<PciAddress, Path>> entries = new ArrayList<>(bus.entrySet());
        List<Optional<Census>> read = Parallel.map(entries.size(),
                i -> census(root, io, entries.get(i).getKey(), entries.get(i).getValue(), bus));
        Map<PciAddress, Census> out = new TreeMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Optional<Census> c = read.get(i);
            if (c == null) {
                return Optional.empty(); // a nested function directory without a bus link: only a walk finds it
            }
            if (c.isPresent()) {
                out.put(entries.get(i).getKey(), c.get());
            }
        }
        return Optional.of(new ScopedScan(root, io, bus, out));
    }

    /** The functions directly in each {@code sys/devices/pci*} folder all have bus links (none is walk-only). */
    private static boolean topLevelBounded(SysfsFiles io, Map<PciAddress, Path> bus) {
        for (Path top : io.list(io.resolve(SysfsNames.DEVICES))) {
            if (FunctionWalk.isHostBridgeName(top.getFileName().toString()) && io.isRealDirectory(top)
                    && nested(top, io.names(top), io, bus) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * One function's census: empty when its directory is gone (the whole scan leaves it out too), null when a
     * function nested in it has no bus link.
     */
    private static Optional<Census> census(HostRoot root, SysfsFiles io, PciAddress a, Path dir,
                                           Map<PciAddress, Path> bus) {
        FunctionMemo memo = new FunctionMemo();
        Set<String> names = memo.names(() -> io.names(dir));
        if (names == null) {
            return Optional.empty();
        }
        List<PciAddress> children = new ArrayList<>();
        for (String n : names) {
            if (FunctionWalk.isHostBridgeName(n)) {
                Path domain = dir.resolve(n); // a VMD domain nested in the function
                if (io.isRealDirectory(domain)) {
                    List<PciAddress> inner = nested(domain, io.names(domain), io, bus);
                    if (inner == null) {
                        return null;
                    }
                    children.addAll(inner);
                }
            }
        }
        List<PciAddress> direct = nested(dir, names, io, bus);
        if (direct == null) {
            return null;
        }
        children.addAll(direct);
        List<String> ignored = new ArrayList<>();
        FunctionAttributes at = new FunctionAttributes(io, dir, names, ignored, memo);
        OptionalInt group = FunctionReader.group(at, ignored);
        Optional<String> cdev = Optional.empty();
        if (names.contains("vfio-dev")) {
            cdev = VfioInterfaces.cdevOf(root, a);
        }
        // whether the kernel gives cdevs to vfio-pci functions shows only on the host as a whole (VfioInterfaces)
        boolean vfioPci = false;
        if (names.contains(SysfsNames.DRIVER)) {
            Uevent ev = at.quietText(SysfsNames.UEVENT).map(Uevent::parse).orElse(Uevent.NONE);
            vfioPci = FunctionReader.driver(ev, at).filter("vfio-pci"::equals).isPresent();
        }
        return Optional.of(new Census(memo, group, cdev, vfioPci, List.copyOf(children)));
    }

    /**
     * The functions named in {@code names} (the listing of {@code dir}); null when one of them has no bus link or
     * its bus link leads elsewhere: the whole scan would find it by walking, so the census cannot be trusted.
     */
    private static List<PciAddress> nested(Path dir, Set<String> names, SysfsFiles io, Map<PciAddress, Path> bus) {
        if (names == null) {
            return List.of();
        }
        List<PciAddress> out = new ArrayList<>();
        for (String n : names) {
            if (n.length() < 12 || n.length() > 16 || n.charAt(n.length() - 2) != '.') {
                continue;
            }
            PciAddress a = PciAddress.tryParse(n);
            if (a == null || !a.toString().equals(n)) {
                continue;
            }
            if (!dir.resolve(n).equals(bus.get(a))) {
                return null;
            }
            out.add(a);
        }
        return out;
    }

    /** Whether the census found the function. */
    public boolean contains(PciAddress a) {
        return census.containsKey(a);
    }

    /** The function and every function nested below its directory, at any depth. */
    public Set<PciAddress> subtree(PciAddress a) {
        Set<PciAddress> out = new TreeSet<>();
        Deque<PciAddress> todo = new ArrayDeque<>(List.of(a));
        while (!todo.isEmpty()) {
            PciAddress x = todo.pop();
            Census c = census.get(x);
            if (c != null && out.add(x)) {
                todo.addAll(c.children());
            }
        }
        return out;
    }

    /**
     * The function whose directory holds {@code a}'s, as {@link FunctionReader} names the parent; empty on a root
     * bus. A parent that the census did not find is returned too: reading it fails, and the caller reads the host.
     */
    public Optional<PciAddress> folderParent(PciAddress a) {
        Path dir = dirs.get(a);
        return dir == null || dir.getParent() == null ? Optional.empty()
                : Optional.ofNullable(PciAddress.tryParse(dir.getParent().getFileName().toString()));
    }

    /** Every function whose address has this bus number. */
    public List<PciAddress> onBus(BusAddress b) {
        return buses.getOrDefault(b, List.of());
    }

    /** The group {@code a}'s {@code iommu_group} link names. */
    public OptionalInt group(PciAddress a) {
        Census c = census.get(a);
        return c == null ? OptionalInt.empty() : c.group();
    }

    /** Every member of group {@code g}: the functions its folder lists and those whose link names it. */
    public synchronized Set<PciAddress> groupMembers(int g) {
        return members.computeIfAbsent(g, x -> {
            Set<PciAddress> out = new TreeSet<>(linking.getOrDefault(x, List.of()));
            for (IommuGroup folder : ReadResult.values(folder(x), new ArrayList<>())) {
                out.addAll(folder.devices());
            }
            return Collections.unmodifiableSet(out);
        });
    }

    /** The folder of group {@code g} as {@link GroupFolders} reads it, read once; empty when there is none. */
    private List<ReadResult<IommuGroup>> folder(int g) {
        return folders.computeIfAbsent(g, x -> new GroupFolders(io).read(List.of(x)));
    }

    /**
     * The first function whose {@code reset_method} the kernel shows, when any does: with it among the functions
     * read, the topology answers as the whole host's whether this kernel has the attribute (see
     * {@code reset.KernelResetMethods}).
     */
    public Optional<PciAddress> resetMethodShownBy() {
        for (Map.Entry<PciAddress, Census> e : census.entrySet()) {
            if (e.getValue().memo().listedNames().contains(SysfsNames.RESET_METHOD)
                    && device(e.getKey()).filter(d -> d.resetMethods().isPresent()).isPresent()) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** The function read completely, as the whole scan reads it; empty when it cannot be. */
    public synchronized Optional<PciDevice> device(PciAddress a) {
        return devices.computeIfAbsent(a, x -> {
            Census c = census.get(x);
            if (c == null) {
                return Optional.empty();
            }
            try {
                return reader.read(x, dirs.get(x), c.memo(), FunctionReader.Detail.ALL);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The topology of {@code functions}: each read completely, the groups they are in, the slots and the host's
     * facts. Empty when one cannot be read or the topology has a note (a parent not among them, a group folder
     * that lists a function not among them or disagrees with the links): the whole scan must be asked then.
     */
    public synchronized Optional<Topology> topology(Collection<PciAddress> functions) {
        List<PciDevice> devs = new ArrayList<>();
        for (PciAddress a : new TreeSet<>(functions)) {
            Optional<PciDevice> d = device(a);
            if (d.isEmpty()) {
                return Optional.empty();
            }
            devs.add(d.get());
        }
        Set<Integer> ids = new TreeSet<>();
        List<GroupReconciler.GroupLink> links = new ArrayList<>();
        for (PciDevice d : devs) {
            d.iommuGroup().ifPresent(ids::add);
            links.add(new GroupReconciler.GroupLink(d.address(), d.iommuGroup()));
        }
        List<ReadResult<IommuGroup>> read = new ArrayList<>();
        ids.forEach(g -> read.addAll(folder(g)));
        GroupReconciler.Groups groups = GroupReconciler.reconcile(read, links);
        if (!groups.notes().isEmpty()) {
            return Optional.empty();
        }
        if (host == null) {
            host = new HostFacts(io).read(groupCount());
        }
        Topology t = new Topology(devs, groups.groups(), new SlotReader(io).read(devs), host, List.of());
        return t.notes().isEmpty() ? Optional.of(t) : Optional.empty();
    }

    /**
     * How many groups the whole scan finds: every numbered group folder, and every group that links name but
     * no folder holds (the scan rebuilds those from the links).
     */
    private int groupCount() {
        Set<Integer> all = new HashSet<>(linking.keySet());
        for (Path g : io.list(io.resolve(SysfsNames.IOMMU_GROUPS))) {
            OptionalInt id = SysfsValues.parseDecimal(g.getFileName().toString());
            if (id.isPresent() && id.getAsInt() >= 0) {
                all.add(id.getAsInt());
            }
        }
        return all.size();
    }

    /**
     * The VFIO interfaces as {@link VfioInterfaces#read(HostRoot, Topology)} reads them for the whole host: the
     * cdevs of the functions of {@code t}, and whether the kernel makes cdevs at all, from every function.
     */
    public VfioInterfaces vfioInterfaces(Topology t) {
        VfioInterfaces some = VfioInterfaces.read(root, t);
        boolean anyCdev = census.values().stream().anyMatch(c -> c.cdev().isPresent());
        boolean anyVfioPci = census.values().stream().anyMatch(Census::vfioPci);
        VfioInterfaces.Presence kernelCdev = anyCdev ? VfioInterfaces.Presence.PRESENT
                : anyVfioPci ? VfioInterfaces.Presence.ABSENT : VfioInterfaces.Presence.UNKNOWN;
        return new VfioInterfaces(some.container(), some.iommufd(), kernelCdev, some.cdevs());
    }
}

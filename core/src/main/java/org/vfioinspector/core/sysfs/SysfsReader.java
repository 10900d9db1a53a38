package org.vfioinspector.core.sysfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.config.ConfigSpaceParser;
import org.vfioinspector.core.model.BusAddress;
import org.vfioinspector.core.model.HostInfo;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.KernelCommandLine;
import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.PciSlot;
import org.vfioinspector.core.model.SriovInfo;
import org.vfioinspector.core.model.Topology;

/**
 * Reads the PCI functions, IOMMU groups, slots and kernel facts of a {@link HostRoot} into a
 * {@link Topology}. Fail-soft: a missing or malformed value degrades that field and adds a note; a
 * function whose directory vanishes during the scan is left out with a note; the scan as a whole
 * never fails because of one function.
 */
public final class SysfsReader {

    /** Deepest nesting of bridges followed below the functions {@code sys/bus/pci/devices} links to. */
    private static final int MAX_DEPTH = 64;
    private static final int CONFIG_MAX = 4096;
    /** Fewer functions or groups than this are read on the calling thread alone. */
    private static final int PARALLEL_THRESHOLD = 32;

    private final HostRoot root;
    /** Test seam: called at fixed points of a scan so a test can change the tree in between. */
    private final Consumer<String> checkpoint;

    public SysfsReader(HostRoot root) {
        this(root, point -> { });
    }

    /**
     * For tests of a host that changes while it is read: {@code checkpoint} is called with
     * {@code "device <address>"} after the listing and before that function is read, and with
     * {@code "groups"} before the group folders are read. With {@value #PARALLEL_THRESHOLD} functions
     * or more, the device checkpoints run on the worker threads that read them.
     */
    SysfsReader(HostRoot root, Consumer<String> checkpoint) {
        this.root = root;
        this.checkpoint = checkpoint;
    }

    /** Reads everything; never throws for bad data. */
    public Topology scan() {
        return scan(ScanProgress.NONE);
    }

    /** As {@link #scan()}, telling {@code progress} how many functions have been read. */
    public Topology scan(ScanProgress progress) {
        List<String> notes = new ArrayList<>();
        Nesting found = readNesting(findFunctionDirectories(notes), Detail.ALL, progress, notes);
        List<PciDevice> devices = collect(found.read(), notes);
        checkpoint.accept("groups");
        List<IommuGroup> groups = groupsOf(readGroupFolders(), devices, notes);
        List<PciSlot> slots = readSlots(devices);
        HostInfo host = readHost(groups.size());
        return new Topology(devices, groups, slots, host, notes);
    }

    /**
     * Reads the host in two steps, for a window that draws the host's graph before it needs the rest: now, on
     * all cores,
     * what the topology graph shows of each function (its place in the tree, IDs, driver, IOMMU group and
     * links, and the config space of bridges); later, with {@link StagedScan#complete}, the rest (endpoints'
     * config space, reset methods, NUMA node, driver override, SR-IOV counts and links), on the calling thread
     * alone, because it is meant to run beside other work (the window drawing that graph). Nothing is read
     * twice: the second step takes what the first read from memory. The complete topology is the one
     * {@link #scan()} would have read at the time of the first step, notes included.
     */
    public StagedScan scanInStages(ScanProgress progress) {
        List<String> dirNotes = new ArrayList<>();
        Nesting found = readNesting(findFunctionDirectories(dirNotes), Detail.OUTLINE, progress, dirNotes);
        List<Map.Entry<PciAddress, Path>> dirs = found.dirs();
        Memo[] memos = found.memos();
        Object[] read = found.read();
        // a VF whose PF was not read is drawn on its own, with its link (see Detail.OUTLINE)
        Set<PciAddress> present = new HashSet<>();
        for (Object r : read) {
            if (r instanceof PciDevice d) {
                present.add(d.address());
            }
        }
        for (int i = 0; i < read.length; i++) {
            if (read[i] instanceof PciDevice d && d.sriov().physfn().filter(present::contains).isEmpty()
                    && memos[i].vfLinksDeferred) {
                read[i] = readOrNote(dirs.get(i).getKey(), dirs.get(i).getValue(), memos[i], Detail.OUTLINE_WITH_LINKS);
            }
        }
        List<String> notes = new ArrayList<>(dirNotes);
        List<PciDevice> devices = collect(read, notes);
        checkpoint.accept("groups");
        List<Object> folders = readGroupFolders();
        List<IommuGroup> groups = groupsOf(folders, devices, notes);
        List<PciSlot> slots = readSlots(devices);
        HostInfo host = readHost(groups.size());
        Topology outline = new Topology(devices, groups, slots, host, notes);
        return new StagedScan(outline, complete -> {
            // the same steps as scan(), every value the outline read taken from its memo
            List<String> all = new ArrayList<>(dirNotes);
            List<PciDevice> full = collect(readFunctions(dirs, memos, Detail.ALL, complete, false), all);
            List<IommuGroup> g = groupsOf(folders, full, all);
            return new Topology(full, g, slots, host, all);
        });
    }

    /**
     * Each function of {@code dirs}, on all cores or on this thread alone: the device or the note that leaves it
     * out, in order.
     */
    private Object[] readFunctions(List<Map.Entry<PciAddress, Path>> dirs, Memo[] memos, Detail detail,
                                   ScanProgress progress, boolean allCores) {
        int total = dirs.size();
        progress.functionsRead(0, total);
        AtomicInteger done = new AtomicInteger();
        // Functions are independent: read them on all cores (system calls are most of a scan's cost),
        // then assemble in address order, so the result and its notes are those of a sequential scan.
        IntFunction<Object> read = i -> {
            Object r = readOrNote(dirs.get(i).getKey(), dirs.get(i).getValue(), memos == null ? null : memos[i], detail);
            progress.functionsRead(done.incrementAndGet(), total);
            return r;
        };
        if (allCores) {
            return inParallel(total, read);
        }
        Object[] out = new Object[total];
        for (int i = 0; i < total; i++) {
            out[i] = read.apply(i);
        }
        return out;
    }

    /** The devices read, in order; the notes of those left out go to {@code notes}. */
    private static List<PciDevice> collect(Object[] read, List<String> notes) {
        List<PciDevice> devices = new ArrayList<>(read.length);
        for (Object r : read) {
            if (r instanceof PciDevice d) {
                devices.add(d);
            } else {
                notes.add((String) r);
            }
        }
        return devices;
    }

    /** The function, or the note that says why it is left out. */
    private Object readOrNote(PciAddress address, Path dir, Memo memo, Detail detail) {
        checkpoint.accept("device " + address);
        try {
            Optional<PciDevice> d = readDevice(address, dir, memo, detail);
            return d.isPresent() ? d.get() : address + ": its sysfs directory vanished during the scan; left out";
        } catch (RuntimeException ex) {
            // a function that changes under us must not spoil the scan of the others
            return address + ": could not be read (" + ex.getClass().getSimpleName() + "); left out";
        }
    }

    /** {@code task(0..n-1)} on the common fork/join pool when there are enough to share, results in index order. */
    private static Object[] inParallel(int n, IntFunction<Object> task) {
        Object[] out = new Object[n];
        IntStream range = IntStream.range(0, n);
        (n >= PARALLEL_THRESHOLD ? range.parallel() : range).forEach(i -> out[i] = task.apply(i));
        return out;
    }

    /**
     * The function directories read, what reading each gave (device or note), and for a staged scan their
     * memos, in the same order.
     */
    private record Nesting(List<Map.Entry<PciAddress, Path>> dirs, Memo[] memos, Object[] read) { }

    /**
     * Reads {@code start} and every function directory nested in the ones read that is not among them, until
     * no new one turns up: the union of {@code sys/bus/pci/devices} and the {@code sys/devices} nesting. A
     * function's directory listing is made once anyway (its memo keeps it), so finding the functions nested
     * in it costs no extra system call except for a function that has no bus link (one lstat before it is
     * read); links are never followed, so nothing outside the root is reached.
     */
    private Nesting readNesting(Map<PciAddress, Path> start, Detail detail, ScanProgress progress, List<String> notes) {
        boolean fromBus = !start.isEmpty();
        Map<PciAddress, Path> known = new HashMap<>(start);
        List<Map.Entry<PciAddress, Path>> dirs = new ArrayList<>();
        List<Memo> memos = new ArrayList<>();
        List<Object> read = new ArrayList<>();
        List<Map.Entry<PciAddress, Path>> batch = new ArrayList<>(start.entrySet());
        List<Map.Entry<PciAddress, Path>> top = topLevelFunctions(known);
        noteWalked(top, fromBus, notes);
        batch.addAll(top);
        batch.sort(Map.Entry.comparingByKey());
        if (batch.isEmpty()) {
            progress.functionsRead(0, 0);
        }
        for (int depth = 0; !batch.isEmpty(); depth++) {
            Memo[] m = new Memo[batch.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = new Memo();
            }
            int before = dirs.size();
            Object[] r = readFunctions(batch, m, detail,
                    (done, total) -> progress.functionsRead(before + done, before + total), true);
            dirs.addAll(batch);
            if (detail != Detail.ALL) {
                memos.addAll(List.of(m)); // the second step of a staged scan takes its values from them
            }
            read.addAll(java.util.Arrays.asList(r));
            List<Map.Entry<PciAddress, Path>> next = new ArrayList<>();
            if (depth < MAX_DEPTH) {
                for (int i = 0; i < m.length; i++) {
                    nestedIn(batch.get(i).getValue(), m[i].names, known, next);
                }
            }
            next.sort(Map.Entry.comparingByKey());
            noteWalked(next, fromBus, notes);
            batch = next;
        }
        if (!fromBus && !dirs.isEmpty()) {
            notes.add("sys/bus/pci/devices is missing; functions were found by walking sys/devices");
        }
        return new Nesting(List.copyOf(dirs), memos.toArray(new Memo[0]), read.toArray());
    }

    /** One note per function that only the walk found, when the others have bus links. */
    private void noteWalked(List<Map.Entry<PciAddress, Path>> found, boolean fromBus, List<String> notes) {
        if (fromBus) {
            for (Map.Entry<PciAddress, Path> e : found) {
                notes.add(e.getKey() + ": found in " + root.path().relativize(e.getValue())
                        + " without a link in sys/bus/pci/devices; read from its directory");
            }
        }
    }

    /** Functions directly in each {@code sys/devices/pci*} host bridge folder that {@code known} lacks. */
    private List<Map.Entry<PciAddress, Path>> topLevelFunctions(Map<PciAddress, Path> known) {
        List<Map.Entry<PciAddress, Path>> out = new ArrayList<>();
        for (Path top : HostRoot.list(root.resolve("sys/devices"))) {
            if (isHostBridgeName(top.getFileName().toString()) && isRealDirectory(top)) {
                nestedIn(top, listNames(top), known, out);
            }
        }
        out.sort(Map.Entry.comparingByKey());
        return out;
    }

    /**
     * Adds to {@code out} the function directories named in {@code names} (the listing of {@code dir}) that are
     * not in {@code known}; a host bridge folder nested in a function (a VMD domain) is listed for them too.
     */
    private void nestedIn(Path dir, Set<String> names, Map<PciAddress, Path> known,
                          List<Map.Entry<PciAddress, Path>> out) {
        if (names == null) {
            return;
        }
        for (String n : names) {
            if (looksLikeAddress(n)) {
                PciAddress a = PciAddress.tryParse(n);
                if (a == null || !a.toString().equals(n) || known.containsKey(a)) {
                    continue;
                }
                Path child = dir.resolve(n);
                if (isRealDirectory(child)) {
                    known.put(a, child);
                    out.add(Map.entry(a, child));
                }
            } else if (isHostBridgeName(n) && dir.getFileName() != null && looksLikeAddress(dir.getFileName().toString())) {
                Path nested = dir.resolve(n);
                if (isRealDirectory(nested)) {
                    nestedIn(nested, listNames(nested), known, out);
                }
            }
        }
    }

    /** A cheap test before parsing: a full BDF has two colons and a dot in place ({@code 0000:01:00.0}). */
    private static boolean looksLikeAddress(String s) {
        int n = s.length();
        return n >= 12 && n <= 16 && s.charAt(n - 2) == '.' && s.charAt(n - 5) == ':' && s.charAt(n - 8) == ':';
    }

    /** {@code pci0000:00}, {@code pci10000:e0}: the folder of a root bus (the kernel names it pci%04x:%02x). */
    static boolean isHostBridgeName(String s) {
        int n = s.length();
        if (n < 10 || n > 14 || !s.startsWith("pci") || s.charAt(n - 3) != ':') {
            return false;
        }
        for (int i = 3; i < n; i++) {
            char c = s.charAt(i);
            if (i != n - 3 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRealDirectory(Path p) {
        return Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Function directories keyed by address, from {@code sys/bus/pci/devices} (empty when it is missing); the
     * scan adds those found only in the {@code sys/devices} nesting (see {@link #readNesting}).
     */
    Map<PciAddress, Path> findFunctionDirectories(List<String> notes) {
        Map<PciAddress, Path> out = new TreeMap<>();
        Path bus = root.resolve("sys/bus/pci/devices");
        if (Files.isDirectory(bus)) {
            for (Path entry : HostRoot.list(bus)) {
                String name = entry.getFileName().toString();
                PciAddress a = PciAddress.tryParse(name);
                if (a == null || !a.toString().equals(name)) {
                    notes.add("sys/bus/pci/devices/" + SysfsValues.quote(name) + " is not a PCI address; ignored");
                    continue;
                }
                Optional<Path> target = HostRoot.readLink(entry);
                Path dir = target.map(t -> entry.getParent().resolve(t).normalize()).orElse(entry);
                if (!dir.startsWith(root.path())) {
                    notes.add(a + ": link points outside the host root; ignored");
                    continue;
                }
                out.put(a, dir);
            }
        }
        return out;
    }

    /** Reads one function completely; empty when its directory no longer exists. */
    Optional<PciDevice> readDevice(PciAddress address, Path dir) {
        return readDevice(address, dir, null, Detail.ALL);
    }

    /**
     * How much of a function to read. {@link #OUTLINE} leaves out what the topology graph does not show
     * (those fields are absent, without notes): the config space of a function that cannot be a bridge
     * (its class is known and is not a bridge class, and it has no bus number attributes), and with it the
     * revision; {@code reset_method}, {@code numa_node}, {@code driver_override}, {@code boot_vga}, the
     * SR-IOV counts and {@code virtfnN} links; and a VF's link, which the graph shows only in its PF's
     * "N VFs" node.
     */
    enum Detail {
        ALL, OUTLINE,
        /** The outline of a VF whose PF is not among the functions: the graph draws it on its own, link and all. */
        OUTLINE_WITH_LINKS
    }

    /**
     * Reads one function; empty when its directory no longer exists. With a {@code memo}, every file read
     * (and the directory listing) is taken from it when there, and kept in it when read, so a second call
     * for more {@link Detail} reads only what the first left out and sees what the first saw.
     */
    Optional<PciDevice> readDevice(PciAddress address, Path dir, Memo memo, Detail detail) {
        Memo m = memo == null ? new Memo() : memo;
        Set<String> names = m.names(() -> listNames(dir));
        if (names == null) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        boolean trusted = root.noSpecialFiles();
        Attributes at = new Attributes(dir, names, notes, trusted, m);
        boolean outline = detail != Detail.ALL;

        // uevent carries five of the IDs in one read; each one it lacks comes from its own attribute
        Uevent ev = names.contains("uevent")
                ? m.text("uevent", () -> AttributeFile.readText(dir.resolve("uevent"), trusted)).map(Uevent::parse)
                        .orElse(Uevent.NONE)
                : Uevent.NONE;

        boolean readConfig = !outline || mayBeBridge(ev, at, names);
        Optional<ConfigSpace> config = Optional.empty();
        if (!readConfig) {
            // the outline of an endpoint: its config space is read with the rest
        } else if (names.contains("config")) {
            Optional<byte[]> bytes = m.config(() -> AttributeFile.readBytes(dir.resolve("config"), CONFIG_MAX, trusted));
            if (bytes.isEmpty()) {
                notes.add("config space unreadable");
            } else {
                ConfigSpace cs = ConfigSpaceParser.parse(bytes.get());
                config = Optional.of(cs);
                if (!cs.headerAvailable()) {
                    notes.add("config space truncated to " + bytes.get().length + " bytes");
                }
                cs.notes().forEach(n -> notes.add("config: " + n));
            }
        } else {
            notes.add("no config file");
        }
        Optional<ConfigSpace> header = config.filter(ConfigSpace::headerAvailable);

        OptionalInt vendor = either(ev.vendor(), () -> orConfig(at.hex("vendor", 16), header.map(ConfigSpace::vendorId)));
        OptionalInt device = either(ev.device(), () -> orConfig(at.hex("device", 16), header.map(ConfigSpace::deviceId)));
        OptionalInt classCode = either(ev.classCode(),
                () -> orConfig(at.hex("class", 24), header.map(ConfigSpace::classCode)));
        // with uevent's IDs, the revision comes from the config header the kernel read it from (one read
        // fewer), unless the header reads all ones (a VF's vendor register, a function in D3cold)
        OptionalInt revision = !readConfig ? OptionalInt.empty()
                : ev.vendor().isPresent() && header.filter(h -> h.vendorId() != 0xffff).isPresent()
                ? OptionalInt.of(header.get().revision())
                : orConfig(at.hex("revision", 8), header.map(ConfigSpace::revision));
        OptionalInt subVendor = either(ev.subVendor(), () -> at.hex("subsystem_vendor", 16));
        OptionalInt subDevice = either(ev.subDevice(), () -> at.hex("subsystem_device", 16));

        // the directory listing says whether there is a driver link; uevent's DRIVER names it without a readlink
        Optional<String> driver = names.contains("driver") && ev.driver().isPresent() ? ev.driver() : at.linkName("driver");
        OptionalInt group = OptionalInt.empty();
        Optional<String> groupName = at.linkName("iommu_group");
        if (groupName.isPresent()) {
            group = SysfsValues.parseDecimal(groupName.get());
            if (group.isEmpty() || group.getAsInt() < 0) {
                group = OptionalInt.empty();
                notes.add("iommu_group link names " + SysfsValues.quote(groupName.get()) + ", not a group number");
            }
        }
        Optional<List<String>> resetMethods = outline ? Optional.empty()
                : at.text("reset_method").map(SysfsValues::parseResetMethods);
        OptionalInt numa = outline ? OptionalInt.empty() : at.decimal("numa_node");
        boolean vfLinkLater = detail == Detail.OUTLINE && names.contains("physfn");
        m.vfLinksDeferred = vfLinkLater;
        LinkStatus link = vfLinkLater ? LinkStatus.UNKNOWN : new LinkStatus(
                at.text("current_link_speed").flatMap(SysfsValues::parseLinkSpeed),
                at.text("current_link_width").map(SysfsValues::parseLinkWidth).orElse(OptionalInt.empty()),
                at.text("max_link_speed").flatMap(SysfsValues::parseLinkSpeed),
                at.text("max_link_width").map(SysfsValues::parseLinkWidth).orElse(OptionalInt.empty()));
        Optional<Boolean> bootVga = outline ? Optional.empty() : at.text("boot_vga").flatMap(SysfsValues::parseFlag);

        List<PciAddress> vfs = new ArrayList<>();
        if (!outline) {
            for (String n : names) {
                if (n.startsWith("virtfn")) {
                    at.linkName(n).map(PciAddress::tryParse).ifPresent(vfs::add);
                }
            }
            vfs.sort(null);
        }
        SriovInfo sriov = new SriovInfo(at.linkName("physfn").map(PciAddress::tryParse), vfs,
                outline ? OptionalInt.empty() : at.decimal("sriov_numvfs"),
                outline ? OptionalInt.empty() : at.decimal("sriov_totalvfs"));

        OptionalInt secondary = orConfig(at.busNumber("secondary_bus_number"),
                header.flatMap(c -> box(c.secondaryBus())));
        OptionalInt subordinate = orConfig(at.busNumber("subordinate_bus_number"),
                header.flatMap(c -> box(c.subordinateBus())));

        PciAddress parent = PciAddress.tryParse(dir.getParent().getFileName().toString());
        String sysfsPath = sysfsPath(dir);

        return Optional.of(new PciDevice(address, sysfsPath, Optional.ofNullable(parent),
                vendor, device, classCode, subVendor, subDevice, revision,
                driver, group, outline ? Optional.empty() : at.text("driver_override").flatMap(SysfsValues::parseDriverOverride),
                resetMethods, numa, link, bootVga, sriov, secondary, subordinate, config, notes));
    }

    /**
     * Whether the outline must read a function's config space: for a bridge, whose port type and bus range
     * the graph shows. Sysfs gives a bridge (header type 1 or 2) its bus number attributes; else the
     * class decides, and a function whose class is unknown might be anything.
     */
    private static boolean mayBeBridge(Uevent ev, Attributes at, Set<String> names) {
        if (names.contains("secondary_bus_number") || names.contains("subordinate_bus_number")) {
            return true;
        }
        OptionalInt cls = ev.classCode().isPresent() ? ev.classCode() : at.hex("class", 24);
        return cls.isEmpty() || (cls.getAsInt() >>> 16) == 0x06;
    }

    private String sysfsPath(Path dir) {
        Path devices = root.resolve("sys/devices");
        return dir.startsWith(devices) ? devices.relativize(dir).toString() : root.path().relativize(dir).toString();
    }

    private static OptionalInt either(OptionalInt first, java.util.function.Supplier<OptionalInt> second) {
        return first.isPresent() ? first : second.get();
    }

    private static OptionalInt orConfig(OptionalInt fromSysfs, Optional<Integer> fromConfig) {
        return fromSysfs.isPresent() ? fromSysfs : fromConfig.map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    private static Optional<Integer> box(OptionalInt v) {
        return v.isPresent() ? Optional.of(v.getAsInt()) : Optional.empty();
    }

    /** Directory entry names, or null when the directory is gone. One listing replaces a stat per attribute. */
    private static Set<String> listNames(Path dir) {
        // java.io's list: one native opendir/readdir/closedir and plain strings, where a DirectoryStream
        // adds dup/fcntl calls and a Path per entry (a function directory has ~30 entries)
        String[] list;
        try {
            list = dir.toFile().list();
        } catch (SecurityException e) {
            return null;
        }
        return list == null ? null : new HashSet<>(java.util.Arrays.asList(list));
    }

    List<IommuGroup> readGroups(List<PciDevice> devices, List<String> notes) {
        return groupsOf(readGroupFolders(), devices, notes);
    }

    /** Every {@code sys/kernel/iommu_groups/N} folder: the group, or the note that says why it is ignored. */
    private List<Object> readGroupFolders() {
        List<Path> folders = HostRoot.list(root.resolve("sys/kernel/iommu_groups"));
        return java.util.Arrays.asList(inParallel(folders.size(), i -> readGroup(folders.get(i))));
    }

    /** The groups of the folders read, checked against the functions' own {@code iommu_group} links. */
    private static List<IommuGroup> groupsOf(List<Object> folders, List<PciDevice> devices, List<String> notes) {
        Map<Integer, IommuGroup> groups = new TreeMap<>();
        for (Object r : folders) {
            if (r instanceof IommuGroup g) {
                groups.put(g.id(), g);
            } else {
                notes.add((String) r);
            }
        }
        // Links from functions to groups whose folders are missing (seen in real captures): rebuild them.
        Map<Integer, List<PciAddress>> fromLinks = new LinkedHashMap<>();
        for (PciDevice d : devices) {
            if (d.iommuGroup().isPresent()) {
                fromLinks.computeIfAbsent(d.iommuGroup().getAsInt(), k -> new ArrayList<>()).add(d.address());
            }
        }
        for (Map.Entry<Integer, List<PciAddress>> e : fromLinks.entrySet()) {
            IommuGroup g = groups.get(e.getKey());
            if (g == null) {
                notes.add("sys/kernel/iommu_groups/" + e.getKey() + " is missing; its members were taken from the functions' iommu_group links");
                groups.put(e.getKey(), new IommuGroup(e.getKey(), Optional.empty(), e.getValue()));
            } else if (!g.devices().containsAll(e.getValue())) {
                notes.add("IOMMU group " + e.getKey() + ": functions link to it that its devices folder does not list");
            }
        }
        // The other direction: a folder listing a function whose own link names another group or
        // none (the host changed during the scan, or a capture is inconsistent).
        Map<PciAddress, PciDevice> byAddress = new HashMap<>();
        devices.forEach(d -> byAddress.put(d.address(), d));
        for (IommuGroup g : groups.values()) {
            for (PciAddress a : g.devices()) {
                PciDevice d = byAddress.get(a);
                if (d == null) {
                    // kept as a member: a function the reader missed still decides the group's viability
                    notes.add("IOMMU group " + g.id() + " lists " + a
                            + ", which is not among the functions read (added or removed during the scan?)");
                } else if (d.iommuGroup().isEmpty() || d.iommuGroup().getAsInt() != g.id()) {
                    notes.add("IOMMU group " + g.id() + " lists " + a + ", whose iommu_group link "
                            + (d.iommuGroup().isEmpty() ? "gives no group number" : "names group " + d.iommuGroup().getAsInt()));
                }
            }
        }
        return List.copyOf(groups.values());
    }

    /** One {@code sys/kernel/iommu_groups/N} folder, or the note that says why it is ignored. */
    private Object readGroup(Path g) {
        String name = g.getFileName().toString();
        OptionalInt id = SysfsValues.parseDecimal(name);
        if (id.isEmpty() || id.getAsInt() < 0) {
            return "sys/kernel/iommu_groups/" + SysfsValues.quote(name) + " is not a group number; ignored";
        }
        List<PciAddress> members = new ArrayList<>();
        for (Path m : HostRoot.list(g.resolve("devices"))) {
            PciAddress a = PciAddress.tryParse(m.getFileName().toString());
            if (a != null) {
                members.add(a);
            }
        }
        Optional<String> type = AttributeFile.readText(g.resolve("type"), root.noSpecialFiles());
        return new IommuGroup(id.getAsInt(), type, members);
    }

    /**
     * The registered slots, each with the hot-plug driver that drives it when the host root shows it
     * (see {@link PciSlot}): pciehp when the port above the slot's bus has its PCIe hot-plug service bound
     * to pciehp, else the name of the slot's {@code module} link.
     */
    List<PciSlot> readSlots(List<PciDevice> devices) {
        Path pciExpress = root.resolve("sys/bus/pci_express/drivers");
        boolean pciehpVisible = Files.isDirectory(pciExpress);
        Set<PciAddress> pciehpPorts = new HashSet<>();
        for (Path service : HostRoot.list(pciExpress.resolve(PciSlot.PCIEHP))) {
            // "<port BDF>:pcie<type><service>": 0000:00:02.0:pcie004 (root port), 0000:04:00.0:pcie204 (downstream port)
            String n = service.getFileName().toString();
            int at = n.lastIndexOf(":pcie");
            PciAddress port = at > 0 ? PciAddress.tryParse(n.substring(0, at)) : null;
            if (port != null) {
                pciehpPorts.add(port);
            }
        }
        Map<BusAddress, PciAddress> portOfBus = new HashMap<>();
        for (PciDevice d : devices) {
            d.secondaryBus().ifPresent(b -> portOfBus.putIfAbsent(new BusAddress(d.address().domain(), b), d.address()));
        }
        List<PciSlot> slots = new ArrayList<>();
        for (Path s : HostRoot.list(root.resolve("sys/bus/pci/slots"))) {
            Optional<String> address = HostRoot.readText(s.resolve("address")).filter(t -> !t.isEmpty());
            boolean hotplug = false;
            for (String attr : List.of("power", "attention", "latch", "adapter")) {
                hotplug |= HostRoot.exists(s.resolve(attr));
            }
            Optional<PciAddress> port = address.flatMap(SysfsReader::busOf).map(portOfBus::get);
            Optional<String> driver = port.filter(pciehpPorts::contains).map(p -> PciSlot.PCIEHP)
                    .or(() -> HostRoot.linkName(s.resolve("module")).filter(m -> !m.isEmpty()));
            // a slot whose port is not in the tree may still be pciehp's when pciehp drives some port
            boolean known = pciehpVisible && (port.isPresent() || pciehpPorts.isEmpty());
            slots.add(new PciSlot(s.getFileName().toString(), address, hotplug, driver, known));
        }
        return slots;
    }

    /** The bus of a slot address {@code dddd:bb:dd} or {@code dddd:bb}. */
    private static Optional<BusAddress> busOf(String slotAddress) {
        String[] f = slotAddress.split(":");
        if (f.length < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BusAddress(Integer.parseUnsignedInt(f[0], 16), Integer.parseInt(f[1], 16)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    HostInfo readHost(int groupCount) {
        Optional<String> release = HostRoot.readText(root.resolve("proc/sys/kernel/osrelease"))
                .filter(s -> !s.isEmpty())
                .or(() -> HostRoot.readText(root.resolve("proc/version")).flatMap(SysfsReader::releaseFromVersion));
        KernelCommandLine cmdline = HostRoot.readText(root.resolve("proc/cmdline"))
                .map(KernelCommandLine::parse).orElse(KernelCommandLine.EMPTY);
        return new HostInfo(release, cmdline, groupCount);
    }

    /** {@code Linux version 6.1.0-56-amd64 (…)} → {@code 6.1.0-56-amd64}. */
    static Optional<String> releaseFromVersion(String version) {
        String[] parts = version.split("\\s+");
        if (parts.length >= 3 && parts[0].equals("Linux") && parts[1].equals("version")) {
            return Optional.of(parts[2]);
        }
        return Optional.empty();
    }

    /**
     * What one function's reads returned, for a second, more detailed read of it to take instead of reading
     * again ({@link #scanInStages}). Each instance belongs to one function; the two reads of a function run
     * one after the other, possibly on different threads, ordered by the fork/join tasks between them.
     */
    static final class Memo {
        private boolean listed;
        private Set<String> names;
        private final Map<String, Optional<String>> texts = new HashMap<>();
        private final Map<String, Optional<String>> links = new HashMap<>();
        private Optional<byte[]> config;
        /** The outline left this VF's link out; see {@link Detail#OUTLINE_WITH_LINKS}. */
        boolean vfLinksDeferred;

        Set<String> names(java.util.function.Supplier<Set<String>> list) {
            if (!listed) {
                names = list.get();
                listed = true;
            }
            return names;
        }

        Optional<String> text(String name, java.util.function.Supplier<Optional<String>> read) {
            return remembered(texts, name, read);
        }

        Optional<String> link(String name, java.util.function.Supplier<Optional<String>> read) {
            return remembered(links, name, read);
        }

        private static Optional<String> remembered(Map<String, Optional<String>> seen, String name,
                                                   java.util.function.Supplier<Optional<String>> read) {
            Optional<String> v = seen.get(name);
            if (v == null) {
                v = read.get();
                seen.put(name, v);
            }
            return v;
        }

        Optional<byte[]> config(java.util.function.Supplier<Optional<byte[]>> read) {
            if (config == null) {
                config = read.get();
            }
            return config;
        }
    }

    /** Reads attributes of one function directory, adding a note for each malformed value. */
    private static final class Attributes {
        private final Path dir;
        private final Set<String> names;
        private final List<String> notes;
        private final boolean trusted;
        private final Memo memo;

        Attributes(Path dir, Set<String> names, List<String> notes, boolean trusted, Memo memo) {
            this.dir = dir;
            this.names = names;
            this.notes = notes;
            this.trusted = trusted;
            this.memo = memo;
        }

        Optional<String> text(String name) {
            if (!names.contains(name)) {
                return Optional.empty();
            }
            Optional<String> t = memo.text(name, () -> AttributeFile.readText(dir.resolve(name), trusted));
            if (t.isEmpty()) {
                notes.add(name + " unreadable");
            }
            return t;
        }

        OptionalInt hex(String name, int bits) {
            Optional<String> t = text(name);
            if (t.isEmpty()) {
                return OptionalInt.empty();
            }
            OptionalInt v = SysfsValues.parseHex(t.get(), bits);
            if (v.isEmpty()) {
                notes.add(name + ": " + SysfsValues.quote(t.get()) + " is not a " + bits + "-bit hex value");
            }
            return v;
        }

        OptionalInt decimal(String name) {
            Optional<String> t = text(name);
            if (t.isEmpty()) {
                return OptionalInt.empty();
            }
            OptionalInt v = SysfsValues.parseDecimal(t.get());
            if (v.isEmpty()) {
                notes.add(name + ": " + SysfsValues.quote(t.get()) + " is not a number");
            }
            return v;
        }

        /** A bus number attribute: 0..255, else a note and nothing (the config header may still tell). */
        OptionalInt busNumber(String name) {
            OptionalInt v = decimal(name);
            if (v.isPresent() && (v.getAsInt() < 0 || v.getAsInt() > 0xff)) {
                notes.add(name + ": " + v.getAsInt() + " is not a bus number (0..255); ignored");
                return OptionalInt.empty();
            }
            return v;
        }

        Optional<String> linkName(String name) {
            if (!names.contains(name)) {
                return Optional.empty();
            }
            Optional<String> n = memo.link(name, () -> HostRoot.linkName(dir.resolve(name)));
            if (n.isEmpty()) {
                notes.add(name + " is not a link");
            } else if (SysfsValues.hasControl(n.get())) {
                // kernel names never hold control characters; this one would reach a terminal as is
                notes.add(name + " link names " + SysfsValues.quote(n.get()) + ", not a valid name; ignored");
                return Optional.empty();
            }
            return n;
        }
    }
}

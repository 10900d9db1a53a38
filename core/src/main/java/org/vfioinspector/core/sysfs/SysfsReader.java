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

    /** Deepest nesting of bridges we follow when there is no {@code sys/bus/pci/devices}. */
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
        List<Map.Entry<PciAddress, Path>> dirs = new ArrayList<>(findFunctionDirectories(notes).entrySet());
        int total = dirs.size();
        progress.functionsRead(0, total);
        AtomicInteger done = new AtomicInteger();
        // Functions are independent: read them on all cores (system calls are most of a scan's cost),
        // then assemble in address order, so the result and its notes are those of a sequential scan.
        Object[] read = inParallel(total, i -> {
            Object r = readOrNote(dirs.get(i).getKey(), dirs.get(i).getValue());
            progress.functionsRead(done.incrementAndGet(), total);
            return r;
        });
        List<PciDevice> devices = new ArrayList<>(dirs.size());
        for (Object r : read) {
            if (r instanceof PciDevice d) {
                devices.add(d);
            } else {
                notes.add((String) r);
            }
        }
        checkpoint.accept("groups");
        List<IommuGroup> groups = readGroups(devices, notes);
        List<PciSlot> slots = readSlots();
        HostInfo host = readHost(groups.size());
        return new Topology(devices, groups, slots, host, notes);
    }

    /** The function, or the note that says why it is left out. */
    private Object readOrNote(PciAddress address, Path dir) {
        checkpoint.accept("device " + address);
        try {
            Optional<PciDevice> d = readDevice(address, dir);
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

    /** Function directories keyed by address: from {@code sys/bus/pci/devices}, else by walking {@code sys/devices}. */
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
            if (!out.isEmpty()) {
                return out;
            }
        }
        Path devicesDir = root.resolve("sys/devices");
        for (Path top : HostRoot.list(devicesDir)) {
            if (top.getFileName().toString().startsWith("pci")) {
                walk(top, 0, out);
            }
        }
        if (!out.isEmpty()) {
            notes.add("sys/bus/pci/devices is missing; functions were found by walking sys/devices");
        }
        return out;
    }

    private void walk(Path dir, int depth, Map<PciAddress, Path> out) {
        if (depth > MAX_DEPTH) {
            return;
        }
        for (Path child : HostRoot.list(dir)) {
            if (Files.isSymbolicLink(child) || !Files.isDirectory(child)) {
                continue;
            }
            String name = child.getFileName().toString();
            PciAddress a = PciAddress.tryParse(name);
            if (a != null && a.toString().equals(name)) {
                out.putIfAbsent(a, child);
                walk(child, depth + 1, out);
            }
        }
    }

    /** Reads one function; empty when its directory no longer exists. */
    Optional<PciDevice> readDevice(PciAddress address, Path dir) {
        Set<String> names = listNames(dir);
        if (names == null) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        boolean trusted = root.noSpecialFiles();
        Attributes at = new Attributes(dir, names, notes, trusted);

        Optional<ConfigSpace> config = Optional.empty();
        if (names.contains("config")) {
            Optional<byte[]> bytes = AttributeFile.readBytes(dir.resolve("config"), CONFIG_MAX, trusted);
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

        // uevent carries five of the IDs in one read; each one it lacks comes from its own attribute
        Uevent ev = names.contains("uevent")
                ? AttributeFile.readText(dir.resolve("uevent"), trusted).map(Uevent::parse).orElse(Uevent.NONE)
                : Uevent.NONE;
        OptionalInt vendor = either(ev.vendor(), () -> orConfig(at.hex("vendor", 16), header.map(ConfigSpace::vendorId)));
        OptionalInt device = either(ev.device(), () -> orConfig(at.hex("device", 16), header.map(ConfigSpace::deviceId)));
        OptionalInt classCode = either(ev.classCode(),
                () -> orConfig(at.hex("class", 24), header.map(ConfigSpace::classCode)));
        // with uevent's IDs, the revision comes from the config header the kernel read it from (one read
        // fewer), unless the header reads all ones (a VF's vendor register, a function in D3cold)
        OptionalInt revision = ev.vendor().isPresent() && header.filter(h -> h.vendorId() != 0xffff).isPresent()
                ? OptionalInt.of(header.get().revision())
                : orConfig(at.hex("revision", 8), header.map(ConfigSpace::revision));
        OptionalInt subVendor = either(ev.subVendor(), () -> at.hex("subsystem_vendor", 16));
        OptionalInt subDevice = either(ev.subDevice(), () -> at.hex("subsystem_device", 16));

        Optional<String> driver = at.linkName("driver");
        OptionalInt group = OptionalInt.empty();
        Optional<String> groupName = at.linkName("iommu_group");
        if (groupName.isPresent()) {
            group = SysfsValues.parseDecimal(groupName.get());
            if (group.isEmpty() || group.getAsInt() < 0) {
                group = OptionalInt.empty();
                notes.add("iommu_group link names " + SysfsValues.quote(groupName.get()) + ", not a group number");
            }
        }
        Optional<List<String>> resetMethods = at.text("reset_method").map(SysfsValues::parseResetMethods);
        OptionalInt numa = at.decimal("numa_node");
        LinkStatus link = new LinkStatus(
                at.text("current_link_speed").flatMap(SysfsValues::parseLinkSpeed),
                at.text("current_link_width").map(SysfsValues::parseLinkWidth).orElse(OptionalInt.empty()),
                at.text("max_link_speed").flatMap(SysfsValues::parseLinkSpeed),
                at.text("max_link_width").map(SysfsValues::parseLinkWidth).orElse(OptionalInt.empty()));
        Optional<Boolean> bootVga = at.text("boot_vga").flatMap(SysfsValues::parseFlag);

        List<PciAddress> vfs = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith("virtfn")) {
                at.linkName(n).map(PciAddress::tryParse).ifPresent(vfs::add);
            }
        }
        vfs.sort(null);
        SriovInfo sriov = new SriovInfo(at.linkName("physfn").map(PciAddress::tryParse),
                vfs, at.decimal("sriov_numvfs"), at.decimal("sriov_totalvfs"));

        OptionalInt secondary = orConfig(at.decimal("secondary_bus_number"),
                header.flatMap(c -> box(c.secondaryBus())));
        OptionalInt subordinate = orConfig(at.decimal("subordinate_bus_number"),
                header.flatMap(c -> box(c.subordinateBus())));

        PciAddress parent = PciAddress.tryParse(dir.getParent().getFileName().toString());
        String sysfsPath = sysfsPath(dir);

        return Optional.of(new PciDevice(address, sysfsPath, Optional.ofNullable(parent),
                vendor, device, classCode, subVendor, subDevice, revision,
                driver, group, at.text("driver_override").flatMap(SysfsValues::parseDriverOverride),
                resetMethods, numa, link, bootVga, sriov, secondary, subordinate, config, notes));
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
        Map<Integer, IommuGroup> groups = new TreeMap<>();
        List<Path> folders = HostRoot.list(root.resolve("sys/kernel/iommu_groups"));
        for (Object r : inParallel(folders.size(), i -> readGroup(folders.get(i)))) {
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

    List<PciSlot> readSlots() {
        List<PciSlot> slots = new ArrayList<>();
        for (Path s : HostRoot.list(root.resolve("sys/bus/pci/slots"))) {
            Optional<String> address = HostRoot.readText(s.resolve("address")).filter(t -> !t.isEmpty());
            boolean hotplug = false;
            for (String attr : List.of("power", "attention", "latch", "adapter")) {
                hotplug |= HostRoot.exists(s.resolve(attr));
            }
            slots.add(new PciSlot(s.getFileName().toString(), address, hotplug));
        }
        return slots;
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

    /** Reads attributes of one function directory, adding a note for each malformed value. */
    private static final class Attributes {
        private final Path dir;
        private final Set<String> names;
        private final List<String> notes;
        private final boolean trusted;

        Attributes(Path dir, Set<String> names, List<String> notes, boolean trusted) {
            this.dir = dir;
            this.names = names;
            this.notes = notes;
            this.trusted = trusted;
        }

        Optional<String> text(String name) {
            if (!names.contains(name)) {
                return Optional.empty();
            }
            Optional<String> t = AttributeFile.readText(dir.resolve(name), trusted);
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

        Optional<String> linkName(String name) {
            if (!names.contains(name)) {
                return Optional.empty();
            }
            Optional<String> n = HostRoot.linkName(dir.resolve(name));
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

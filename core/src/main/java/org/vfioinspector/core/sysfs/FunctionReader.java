package org.vfioinspector.core.sysfs;

import static org.vfioinspector.core.sysfs.SysfsNames.BOOT_VGA;
import static org.vfioinspector.core.sysfs.SysfsNames.CLASS;
import static org.vfioinspector.core.sysfs.SysfsNames.CONFIG;
import static org.vfioinspector.core.sysfs.SysfsNames.CURRENT_LINK_SPEED;
import static org.vfioinspector.core.sysfs.SysfsNames.CURRENT_LINK_WIDTH;
import static org.vfioinspector.core.sysfs.SysfsNames.DEVICE;
import static org.vfioinspector.core.sysfs.SysfsNames.DRIVER;
import static org.vfioinspector.core.sysfs.SysfsNames.DRIVER_OVERRIDE;
import static org.vfioinspector.core.sysfs.SysfsNames.IOMMU_GROUP;
import static org.vfioinspector.core.sysfs.SysfsNames.MAX_LINK_SPEED;
import static org.vfioinspector.core.sysfs.SysfsNames.MAX_LINK_WIDTH;
import static org.vfioinspector.core.sysfs.SysfsNames.NUMA_NODE;
import static org.vfioinspector.core.sysfs.SysfsNames.PHYSFN;
import static org.vfioinspector.core.sysfs.SysfsNames.RESET_METHOD;
import static org.vfioinspector.core.sysfs.SysfsNames.REVISION;
import static org.vfioinspector.core.sysfs.SysfsNames.SECONDARY_BUS_NUMBER;
import static org.vfioinspector.core.sysfs.SysfsNames.SRIOV_NUMVFS;
import static org.vfioinspector.core.sysfs.SysfsNames.SRIOV_TOTALVFS;
import static org.vfioinspector.core.sysfs.SysfsNames.SUBORDINATE_BUS_NUMBER;
import static org.vfioinspector.core.sysfs.SysfsNames.SUBSYSTEM_DEVICE;
import static org.vfioinspector.core.sysfs.SysfsNames.SUBSYSTEM_VENDOR;
import static org.vfioinspector.core.sysfs.SysfsNames.UEVENT;
import static org.vfioinspector.core.sysfs.SysfsNames.VENDOR;
import static org.vfioinspector.core.sysfs.SysfsNames.VIRTFN_PREFIX;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.config.ConfigSpaceParser;
import org.vfioinspector.core.model.BusRange;
import org.vfioinspector.core.model.KernelState;
import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.PciIdentity;
import org.vfioinspector.core.model.PlatformInfo;
import org.vfioinspector.core.model.SriovInfo;

/** Reads one PCI function directory (its attributes, config space and links) into a {@link PciDevice}. */
final class FunctionReader {

    static final int CONFIG_MAX = 4096;

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
        OUTLINE_WITH_LINKS,
        /**
         * What a listing ({@code tree}, {@code groups}) prints of a function: its IDs, driver and IOMMU group
         * (its place in the tree comes from its directory). Less than {@link #OUTLINE}: no link, bus numbers,
         * SR-IOV links or revision, and the config space only when neither {@code uevent} nor the attributes
         * give the vendor, device or class (a capture without them), which then come from its header as in
         * {@link #ALL}.
         */
        NAMES
    }

    private final SysfsFiles io;

    FunctionReader(SysfsFiles io) {
        this.io = io;
    }

    /**
     * Reads one function; empty when its directory no longer exists. With a {@code memo}, every file read
     * (and the directory listing) is taken from it when there, and kept in it when read, so a second call
     * for more {@link Detail} reads only what the first left out and sees what the first saw.
     */
    Optional<PciDevice> read(PciAddress address, Path dir, FunctionMemo memo, Detail detail) {
        FunctionMemo m = memo == null ? new FunctionMemo() : memo;
        Set<String> names = m.names(() -> io.names(dir));
        if (names == null) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        FunctionAttributes at = new FunctionAttributes(io, dir, names, notes, m);
        boolean outline = detail != Detail.ALL;

        // uevent carries five of the IDs in one read; each one it lacks comes from its own attribute
        Uevent ev = at.quietText(UEVENT).map(Uevent::parse).orElse(Uevent.NONE);
        if (detail == Detail.NAMES) {
            return Optional.of(names(address, dir, ev, at, notes));
        }
        boolean readConfig = !outline || mayBeBridge(ev, at);
        Optional<ConfigSpace> config = readConfig ? config(at, notes) : Optional.empty();
        Optional<ConfigSpace> header = config.filter(ConfigSpace::headerAvailable);
        PciIdentity ids = ids(ev, at, header, readConfig);

        Optional<String> driver = driver(ev, at);
        OptionalInt group = group(at, notes);
        Optional<List<String>> resetMethods = outline ? Optional.empty()
                : at.text(RESET_METHOD).map(SysfsValues::parseResetMethods);
        OptionalInt numa = outline ? OptionalInt.empty() : at.decimal(NUMA_NODE);
        boolean vfLinkLater = detail == Detail.OUTLINE && at.has(PHYSFN);
        m.vfLinksDeferred = vfLinkLater;
        LinkStatus link = vfLinkLater ? LinkStatus.UNKNOWN : new LinkStatus(
                at.text(CURRENT_LINK_SPEED).flatMap(SysfsValues::parseLinkSpeed),
                at.text(CURRENT_LINK_WIDTH).map(SysfsValues::parseLinkWidth).orElse(OptionalInt.empty()),
                at.text(MAX_LINK_SPEED).flatMap(SysfsValues::parseLinkSpeed),
                at.text(MAX_LINK_WIDTH).map(SysfsValues::parseLinkWidth).orElse(OptionalInt.empty()));
        Optional<Boolean> bootVga = outline ? Optional.empty() : at.text(BOOT_VGA).flatMap(SysfsValues::parseFlag);
        SriovInfo sriov = sriov(at, outline);
        BusRange buses = new BusRange(
                orConfig(at.busNumber(SECONDARY_BUS_NUMBER), header.flatMap(c -> box(c.secondaryBus()))),
                orConfig(at.busNumber(SUBORDINATE_BUS_NUMBER), header.flatMap(c -> box(c.subordinateBus()))));
        // read last, as before the split: the notes keep their order
        Optional<String> override = outline ? Optional.empty()
                : at.text(DRIVER_OVERRIDE).flatMap(SysfsValues::parseDriverOverride);

        return Optional.of(new PciDevice(address, sysfsPath(dir), parent(dir), ids,
                new KernelState(driver, override, group, resetMethods), new PlatformInfo(numa, bootVga),
                link, sriov, buses, config, notes));
    }

    /** {@link Detail#NAMES}: the IDs (the config header only for those sysfs lacks), driver and group. */
    private PciDevice names(PciAddress address, Path dir, Uevent ev, FunctionAttributes at, List<String> notes) {
        PciIdentity ids = ids(ev, at, Optional.empty(), false);
        Optional<ConfigSpace> config = Optional.empty();
        if ((ids.vendorId().isEmpty() || ids.deviceId().isEmpty() || ids.classCode().isEmpty()) && at.has(CONFIG)) {
            config = config(at, notes);
            ids = ids(ev, at, config.filter(ConfigSpace::headerAvailable), false);
        }
        Optional<String> driver = driver(ev, at);
        OptionalInt group = group(at, notes);
        return new PciDevice(address, sysfsPath(dir), parent(dir), ids,
                new KernelState(driver, Optional.empty(), group, Optional.empty()),
                PlatformInfo.UNKNOWN, LinkStatus.UNKNOWN, SriovInfo.NONE,
                BusRange.NONE, config, notes);
    }

    /** The directory listing says whether there is a driver link; uevent's DRIVER names it without a readlink. */
    static Optional<String> driver(Uevent ev, FunctionAttributes at) {
        return at.has(DRIVER) && ev.driver().isPresent() ? ev.driver() : at.linkName(DRIVER);
    }

    /**
     * The function whose folder holds this one's, when it is one: the name before the last one of the
     * (normalised) directory, taken from its string rather than through two more paths per function.
     */
    static Optional<PciAddress> parent(Path dir) {
        String d = dir.toString();
        int last = d.lastIndexOf('/');
        int before = last > 0 ? d.lastIndexOf('/', last - 1) : -1;
        return before < 0 ? Optional.empty() : Optional.ofNullable(PciAddress.tryParse(d.substring(before + 1, last)));
    }

    /** The parsed config space, with a note when it is missing, unreadable or short. */
    private static Optional<ConfigSpace> config(FunctionAttributes at, List<String> notes) {
        if (!at.has(CONFIG)) {
            notes.add("no config file");
            return Optional.empty();
        }
        Optional<byte[]> bytes = at.config(CONFIG_MAX);
        if (bytes.isEmpty()) {
            notes.add("config space unreadable");
            return Optional.empty();
        }
        ConfigSpace cs = ConfigSpaceParser.parse(bytes.get());
        if (!cs.headerAvailable()) {
            notes.add("config space truncated to " + bytes.get().length + " bytes");
        }
        cs.notes().forEach(n -> notes.add("config: " + n));
        return Optional.of(cs);
    }

    /** The ID registers: uevent's first, then each attribute, then the config header. */
    private static PciIdentity ids(Uevent ev, FunctionAttributes at, Optional<ConfigSpace> header, boolean readConfig) {
        OptionalInt vendor = either(ev.vendor(), () -> orConfig(at.hex(VENDOR, 16), header.map(ConfigSpace::vendorId)));
        OptionalInt device = either(ev.device(), () -> orConfig(at.hex(DEVICE, 16), header.map(ConfigSpace::deviceId)));
        OptionalInt classCode = either(ev.classCode(),
                () -> orConfig(at.hex(CLASS, 24), header.map(ConfigSpace::classCode)));
        // with uevent's IDs, the revision comes from the config header the kernel read it from (one read
        // fewer), unless the header reads all ones (a VF's vendor register, a function in D3cold)
        OptionalInt revision = !readConfig ? OptionalInt.empty()
                : ev.vendor().isPresent() && header.filter(h -> h.vendorId() != 0xffff).isPresent()
                ? OptionalInt.of(header.get().revision())
                : orConfig(at.hex(REVISION, 8), header.map(ConfigSpace::revision));
        OptionalInt subVendor = either(ev.subVendor(), () -> at.hex(SUBSYSTEM_VENDOR, 16));
        OptionalInt subDevice = either(ev.subDevice(), () -> at.hex(SUBSYSTEM_DEVICE, 16));
        return new PciIdentity(vendor, device, classCode, subVendor, subDevice, revision);
    }

    /** The group number the {@code iommu_group} link names, with a note when it names none. */
    static OptionalInt group(FunctionAttributes at, List<String> notes) {
        Optional<String> groupName = at.linkName(IOMMU_GROUP);
        if (groupName.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalInt group = SysfsValues.parseDecimal(groupName.get());
        if (group.isEmpty() || group.getAsInt() < 0) {
            notes.add("iommu_group link names " + SysfsValues.quote(groupName.get()) + ", not a group number");
            return OptionalInt.empty();
        }
        return group;
    }

    private static SriovInfo sriov(FunctionAttributes at, boolean outline) {
        List<PciAddress> vfs = new ArrayList<>();
        if (!outline) {
            for (String n : at.namesStartingWith(VIRTFN_PREFIX)) {
                at.linkName(n).map(PciAddress::tryParse).ifPresent(vfs::add);
            }
            vfs.sort(null);
        }
        return new SriovInfo(at.linkName(PHYSFN).map(PciAddress::tryParse), vfs,
                outline ? OptionalInt.empty() : at.decimal(SRIOV_NUMVFS),
                outline ? OptionalInt.empty() : at.decimal(SRIOV_TOTALVFS));
    }

    /**
     * Whether the outline must read a function's config space: for a bridge, whose port type and bus range
     * the graph shows. Sysfs gives a bridge (header type 1 or 2) its bus number attributes; else the
     * class decides, and a function whose class is unknown might be anything.
     */
    private static boolean mayBeBridge(Uevent ev, FunctionAttributes at) {
        if (at.has(SECONDARY_BUS_NUMBER) || at.has(SUBORDINATE_BUS_NUMBER)) {
            return true;
        }
        OptionalInt cls = ev.classCode().isPresent() ? ev.classCode() : at.hex(CLASS, 24);
        return cls.isEmpty() || (cls.getAsInt() >>> 16) == 0x06;
    }

    private String sysfsPath(Path dir) {
        return io.sysfsPath(dir);
    }

    private static OptionalInt either(OptionalInt first, Supplier<OptionalInt> second) {
        return first.isPresent() ? first : second.get();
    }

    private static OptionalInt orConfig(OptionalInt fromSysfs, Optional<Integer> fromConfig) {
        return fromSysfs.isPresent() ? fromSysfs : fromConfig.map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    private static Optional<Integer> box(OptionalInt v) {
        return v.isPresent() ? Optional.of(v.getAsInt()) : Optional.empty();
    }
}

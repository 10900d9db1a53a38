package org.vfioinspector.core.pciids;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * The PCI ID database ({@code pci.ids}): vendor, device, subsystem and class names, as lspci shows them.
 *
 * <p>Immutable once built and safe to share between threads. Lookups are hash-map hits keyed by the
 * ids packed into one number. A database loaded from a file ({@link #load}) parses a vendor's block only
 * when one of its names is first asked for ({@link PciIdsIndex}); counts and notes parse the whole file. Every lookup is fail-soft: an unknown or out-of-range id is
 * {@link Optional#empty()}, and the {@code describe…} methods fall back to lspci's numeric wording.
 */
public final class PciIds {

    private static final PciIds EMPTY = new PciIds(PciIdsParser.forBlocks().tables(), null);

    /** The class and generic subsystem sections (and, for a whole parse, everything). */
    private final PciIdsParser.Tables sections;
    /** A vendor's name, devices and subsystems. */
    private final VendorNames vendorTables;
    /** The whole file's tables, parsed when first asked for: counts and notes. */
    private final Supplier<PciIdsParser.Tables> whole;
    private final boolean empty;
    private final String version;
    private final Path source;

    /**
     * Where a vendor's names come from: the tables of its block(s); a lookup of one name may find it
     * without building them ({@link PciIdsIndex}), and must then give what the tables would.
     */
    @FunctionalInterface
    interface VendorNames {
        PciIdsParser.Tables tables(int vendor);

        default String vendorName(int vendor) {
            return tables(vendor).vendors().get(vendor);
        }

        default String deviceName(int vendor, int device) {
            return tables(vendor).devices().get((vendor << 16) | device);
        }
    }

    /** A whole parse ({@link #parse}). */
    PciIds(PciIdsParser.Tables tables, Path source) {
        this(tables, v -> tables, () -> tables, tables.vendors().isEmpty() && tables.classes().isEmpty(),
                tables.version(), source);
    }

    /**
     * Names looked up in {@code sections} for classes and generic subsystems, in {@code vendorTables} for
     * a vendor's own; {@code whole} gives counts and notes; {@code empty}: no vendor or class name at all.
     */
    PciIds(PciIdsParser.Tables sections, VendorNames vendorTables,
           Supplier<PciIdsParser.Tables> whole, boolean empty, String version, Path source) {
        this.sections = sections;
        this.vendorTables = vendorTables;
        this.whole = whole;
        this.empty = empty;
        this.version = version;
        this.source = source;
    }

    /**
     * Parses the text of a {@code pci.ids} file. Never throws for bad content: malformed lines are
     * skipped and counted ({@link #skippedLines()}, {@link #notes()}); a read error keeps what was read.
     */
    public static PciIds parse(BufferedReader reader) {
        return PciIdsParser.parse(reader);
    }

    /**
     * Loads the database the way lspci finds it: {@code usr/share/misc/pci.ids},
     * {@code usr/share/hwdata/pci.ids}, {@code usr/share/pci.ids} (each also as {@code .gz}) under
     * {@code root}, then, when {@code root} is not the live system, the same paths on this host
     * (snapshots carry no pci.ids). Same as {@code load(root, true)}.
     *
     * @return the first readable file that holds any names, or {@link #empty()}
     */
    public static PciIds load(HostRoot root) {
        return load(root, true);
    }

    /**
     * Like {@link #load(HostRoot)}; {@code allowLiveFallback = false} looks only under {@code root},
     * so a result never depends on this machine's files (tests, reproducible snapshot views).
     */
    public static PciIds load(HostRoot root, boolean allowLiveFallback) {
        return PciIdsFiles.load(root, allowLiveFallback);
    }

    /** A database with no names: every lookup is empty and every description numeric. */
    public static PciIds empty() {
        return EMPTY;
    }

    /** The same names, remembered as read from {@code file}. */
    PciIds withSource(Path file) {
        return new PciIds(sections, vendorTables, whole, empty, version, file);
    }

    /** The file the names were read from; empty for {@link #parse} and {@link #empty()}. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** The database version from its {@code # Version:} comment, or {@code ""} when there is none. */
    public String version() {
        return version;
    }

    /** How many non-comment lines were not used (malformed, duplicate, or under a skipped parent). */
    public int skippedLines() {
        return whole.get().skipped();
    }

    /** Why lines were skipped ({@code line 12: malformed entry}), at most the first few dozen. */
    public List<String> notes() {
        return List.copyOf(whole.get().notes());
    }

    /** True when there is not a single vendor or class name. */
    public boolean isEmpty() {
        return empty;
    }

    /** Number of vendors known. */
    public int vendorCount() {
        return whole.get().vendors().size();
    }

    /** Number of devices known, over all vendors. */
    public int deviceCount() {
        return whole.get().devices().size();
    }

    /** The vendor's name ({@code 8086} → {@code Intel Corporation}). */
    public Optional<String> vendorName(int vendor) {
        return is16(vendor) ? Optional.ofNullable(vendorTables.vendorName(vendor)) : Optional.empty();
    }

    /** The device's name under its vendor. */
    public Optional<String> deviceName(int vendor, int device) {
        return is16(vendor) && is16(device)
                ? Optional.ofNullable(vendorTables.deviceName(vendor, device)) : Optional.empty();
    }

    /**
     * The name listed under this exact vendor and device for the subsystem ids, without lspci's
     * fallbacks (see {@link #describeSubsystem}).
     */
    public Optional<String> subsystemName(int vendor, int device, int subVendor, int subDevice) {
        return is16(vendor) && is16(device) && is16(subVendor) && is16(subDevice)
                ? Optional.ofNullable(vendorTables.tables(vendor).subsystems()
                        .get(subsystemKey(vendor, device, subVendor, subDevice)))
                : Optional.empty();
    }

    /** The base class name from the {@code C} section ({@code 02} → {@code Network controller}). */
    public Optional<String> className(int baseClass) {
        return is8(baseClass) ? Optional.ofNullable(sections.classes().get(baseClass)) : Optional.empty();
    }

    /** The subclass name ({@code 02 00} → {@code Ethernet controller}). */
    public Optional<String> subclassName(int baseClass, int subclass) {
        return is8(baseClass) && is8(subclass)
                ? Optional.ofNullable(sections.subclasses().get((baseClass << 8) | subclass)) : Optional.empty();
    }

    /** The programming-interface name ({@code 0c 03 30} → {@code XHCI}). */
    public Optional<String> progIfName(int baseClass, int subclass, int progIf) {
        return is8(baseClass) && is8(subclass) && is8(progIf)
                ? Optional.ofNullable(sections.progIfs().get((baseClass << 16) | (subclass << 8) | progIf))
                : Optional.empty();
    }

    /** lspci's vendor wording: the name, or {@code Vendor 1b36}. */
    public String describeVendor(int vendor) {
        return vendorName(vendor).orElseGet(() -> "Vendor " + hex4(vendor));
    }

    /**
     * lspci's device wording ({@code pci_lookup_name} with vendor and device): {@code Intel Corporation
     * 82574L Gigabit Network Connection}; {@code Red Hat, Inc. Device 000d} when only the vendor is
     * known; {@code Device 8086:10d3} when the vendor is unknown.
     */
    public String describeDevice(int vendor, int device) {
        return pair(vendorName(vendor), deviceName(vendor, device), vendor, device);
    }

    /**
     * lspci's {@code Subsystem:} wording: the subsystem vendor's name and the subsystem's name, e.g.
     * {@code Red Hat, Inc. QEMU Virtual Machine}. Like lspci, the subsystem name falls back to a
     * generic ({@code S} section) entry, then to the device's own name when the subsystem ids equal
     * the device ids; numeric parts as in {@link #describeDevice}.
     */
    public String describeSubsystem(int vendor, int device, int subVendor, int subDevice) {
        Optional<String> name = subsystemName(vendor, device, subVendor, subDevice);
        if (name.isEmpty() && is16(subVendor) && is16(subDevice)) {
            name = Optional.ofNullable(sections.genericSubsystems().get((subVendor << 16) | subDevice));
        }
        if (name.isEmpty() && vendor == subVendor && device == subDevice) {
            name = deviceName(vendor, device);
        }
        return pair(vendorName(subVendor), name, subVendor, subDevice);
    }

    /**
     * lspci's class wording for a 24-bit class code ({@code 0x020000}): the subclass name
     * ({@code Ethernet controller}); else the base class name with the 16-bit class
     * ({@code Network controller [0280]}); else {@code Class 0280}. Like lspci's class column it leaves
     * out the programming interface; see {@link #progIfName}.
     */
    public String describeClass(int classCode24) {
        int base = (classCode24 >>> 16) & 0xff;
        int sub = (classCode24 >>> 8) & 0xff;
        if (!is24(classCode24)) {
            return "Class " + Integer.toHexString(classCode24 >>> 8);
        }
        String number = hex(classCode24 >>> 8, 4);
        return subclassName(base, sub)
                .or(() -> className(base).map(n -> n + " [" + number + "]"))
                .orElseGet(() -> "Class " + number);
    }

    private static String pair(Optional<String> vendorName, Optional<String> itemName, int vendor, int item) {
        if (vendorName.isEmpty()) {
            return "Device " + hex4(vendor) + ":" + hex4(item);
        }
        return vendorName.get() + " " + itemName.orElseGet(() -> "Device " + hex4(item));
    }

    static long subsystemKey(int vendor, int device, int subVendor, int subDevice) {
        return ((long) vendor << 48) | ((long) device << 32) | ((long) subVendor << 16) | subDevice;
    }

    private static String hex4(int id) {
        return hex(id, 4);
    }

    /**
     * {@code value} in lowercase hex, zero-padded to {@code digits}: what {@code String.format("%0" + digits + "x")}
     * gives, without its format parsing (which costs a cold start more than the rest of a listing's text).
     */
    public static String hex(int value, int digits) {
        String hex = Integer.toHexString(value);
        return hex.length() >= digits ? hex : "0".repeat(digits - hex.length()) + hex;
    }

    private static boolean is8(int v) {
        return v >= 0 && v <= 0xff;
    }

    private static boolean is16(int v) {
        return v >= 0 && v <= 0xffff;
    }

    private static boolean is24(int v) {
        return v >= 0 && v <= 0xff_ffff;
    }

    @Override
    public String toString() {
        return "PciIds[" + vendorCount() + " vendors, " + deviceCount() + " devices, version "
                + (version.isEmpty() ? "unknown" : version) + source().map(p -> ", from " + p).orElse("") + "]";
    }
}

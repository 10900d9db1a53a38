package org.vfioinspector.core.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * Copies the parts of {@code sys/} that the model reads into a {@link CapturedTree}: every name the sysfs
 * readers read ({@link SysfsNames}), plus what the host-impact readers use below functions. Only
 * whitelisted names are read: some sysfs attributes have side effects when read, and others are
 * large binary windows onto device memory ({@code rom}, {@code resource0}).
 */
final class SysCapture {

    static final int CONFIG_MAX = 4096;
    static final int TEXT_MAX = 64 * 1024;

    /**
     * Function attributes no reader of this tool uses, kept so a snapshot shows what {@code lspci -vv} and a
     * person looking at it by hand would want to see.
     */
    static final Set<String> FUNCTION_FILES_FOR_PEOPLE = Set.of(
            "sriov_vf_device", "enable", "local_cpulist", "modalias", "d3cold_allowed", "label",
            "index", "acpi_index", "irq");

    /** Regular files kept in every PCI function directory: all that the readers read, and a few more. */
    static final Set<String> FUNCTION_FILES = union(union(SysfsNames.FUNCTION_FILES, SysfsNames.HEALTH_FILES),
            FUNCTION_FILES_FOR_PEOPLE);

    /** Regular files kept in every slot folder: all that the readers read, and the bus speeds. */
    static final Set<String> SLOT_FILES = union(SysfsNames.SLOT_FILES, Set.of("cur_bus_speed", "max_bus_speed"));

    /**
     * Regular files read below a function (net interfaces, NVMe namespaces, block devices and
     * partitions); every other file there is left out, only the directory names are kept.
     */
    static final Set<String> SUBTREE_FILES = union(SysfsNames.BELOW_FUNCTION_FILES, Set.of(
            "carrier", "flags", "ifindex", "mtu", "dev", "size", "removable", "ro"));

    /** Directories below a function that hold nothing host-impact analysis needs, only bulk. */
    static final Set<String> PRUNED = Set.of(
            "power", "msi_irqs", "queues", "statistics", "queue", "mq", "trace", "integrity", "holders",
            "slaves", "bdi", "mdev_supported_types", "wakeup");

    /**
     * How many directory levels below a function directory are walked. USB storage behind a hub
     * sits about ten levels down ({@code usb1/1-1/1-1.2/1-1.2:1.0/host7/target7:0:0/7:0:0:0/block/sdb/sdb1}).
     */
    static final int SUBTREE_DEPTH = 12;

    /** Most directories and files kept below one function, so one odd device cannot flood the archive. */
    static final int SUBTREE_BUDGET = 5_000;

    /** PCI bridges nest; VMD domains nest inside functions. Far deeper than any real topology. */
    static final int MAX_NESTING = 64;

    private static final Pattern BDF = Pattern.compile("[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");
    private static final Pattern NVME_CONTROLLER = Pattern.compile("nvme[0-9]+");
    private static final Pattern HOST_BRIDGE = Pattern.compile("pci[0-9a-f]{4,8}:[0-9a-f]{2}");

    private final Path root;
    private final CapturedTree tree;

    SysCapture(Path root, CapturedTree tree) {
        this.root = root;
        this.tree = tree;
    }

    void capture() {
        linksIn(SysfsNames.BUS_DEVICES);
        slots();
        pciExpressDrivers();
        for (Path driver : HostRoot.list(root.resolve(SysfsNames.PCI_DRIVERS))) {
            if (isDirectory(driver)) {
                tree.dir(rel(driver));
            }
        }
        for (Path child : HostRoot.list(root.resolve(SysfsNames.DEVICES))) {
            if (isDirectory(child) && HOST_BRIDGE.matcher(name(child)).matches()) {
                hostBridge(child, 0);
            }
        }
        iommuGroups();
        linksIn(SysfsNames.NET);
        linksIn(SysfsNames.BLOCK);
        virtualBlockDevices();
        linksIn("sys/class/drm");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
    }

    static boolean isBdf(String name) {
        return BDF.matcher(name).matches();
    }

    static boolean isHostBridge(String name) {
        return HOST_BRIDGE.matcher(name).matches();
    }

    private void slots() {
        for (Path slot : HostRoot.list(root.resolve(SysfsNames.SLOTS))) {
            if (!isDirectory(slot)) {
                continue;
            }
            tree.dir(rel(slot));
            for (Path f : HostRoot.list(slot)) {
                if (SLOT_FILES.contains(name(f)) && isRegular(f)) {
                    tree.readFile(f, rel(f), TEXT_MAX);
                } else if (name(f).equals(SysfsNames.SLOT_MODULE) && Files.isSymbolicLink(f)) {
                    link(f); // names the slot's hot-plug driver (pciehp, acpiphp, shpchp) on older kernels
                }
            }
        }
    }

    /**
     * The port services' drivers ({@code sys/bus/pci_express/drivers/pciehp/0000:00:1c.0:pcie004}, a switch
     * downstream port's {@code :pcie204}): which ports pciehp drives, i.e. which slots the kernel can reset on
     * their own. Kept even when empty: an empty pciehp folder says no port is on pciehp, a missing one that
     * this cannot be seen.
     */
    private void pciExpressDrivers() {
        Path drivers = root.resolve(SysfsNames.PCI_EXPRESS_DRIVERS);
        if (!isDirectory(drivers)) {
            return;
        }
        tree.dir(rel(drivers));
        for (Path driver : HostRoot.list(drivers)) {
            if (isDirectory(driver)) {
                linksIn(rel(driver));
            }
        }
    }

    private void iommuGroups() {
        Path groups = root.resolve(SysfsNames.IOMMU_GROUPS);
        if (isDirectory(groups)) {
            tree.dir(rel(groups));
        }
        for (Path group : HostRoot.list(groups)) {
            if (!isDirectory(group)) {
                continue;
            }
            tree.dir(rel(group));
            for (String file : SysfsNames.GROUP_FILES) {
                Path f = group.resolve(file);
                if (isRegular(f)) {
                    tree.readFile(f, rel(f), TEXT_MAX);
                }
            }
            linksIn(rel(group.resolve(SysfsNames.GROUP_DEVICES)));
        }
    }

    /**
     * The disks {@code sys/block} links to in {@code sys/devices/virtual} (native NVMe multipath namespaces,
     * device-mapper and md devices): what the host-impact reader follows from them to the functions below
     * ({@code HostImpactReader}). Without them a root filesystem on such a disk would vanish from its controller.
     */
    private void virtualBlockDevices() {
        Path virtual = root.resolve(SysfsNames.VIRTUAL_DEVICES);
        for (Path link : HostRoot.list(root.resolve(SysfsNames.BLOCK))) {
            Optional<Path> disk = HostRoot.readLink(link).map(t -> link.getParent().resolve(t).normalize())
                    .filter(d -> d.startsWith(virtual) && isDirectory(d) && staysInside(d));
            if (disk.isEmpty()) {
                continue;
            }
            Path d = disk.get();
            tree.dir(rel(d));
            linksIn(rel(d.resolve(SysfsNames.BLOCK_SLAVES)));
            linksIn(rel(d.resolve(SysfsNames.BLOCK_MULTIPATH)));
            regularFile(d.resolve(SysfsNames.BLOCK_DM_NAME));
            for (Path child : HostRoot.list(d)) {
                if (isDirectory(child) && isRegular(child.resolve(SysfsNames.BLOCK_PARTITION))) {
                    regularFile(child.resolve(SysfsNames.BLOCK_PARTITION));
                }
            }
            Path subsystem = d.getParent();
            if (subsystem.getParent() != null && name(subsystem.getParent()).equals(SysfsNames.NVME_SUBSYSTEM)) {
                for (Path controller : HostRoot.list(subsystem)) {
                    if (NVME_CONTROLLER.matcher(name(controller)).matches() && Files.isSymbolicLink(controller)) {
                        link(controller);
                    }
                }
            }
        }
    }

    /** True when no link on the way leads {@code p} out of the root (a tree given with --root may hold any). */
    private boolean staysInside(Path p) {
        try {
            return p.toRealPath().startsWith(root.toRealPath());
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private void regularFile(Path f) {
        if (isRegular(f)) {
            tree.readFile(f, rel(f), TEXT_MAX);
        }
    }

    /** A host bridge directory such as {@code sys/devices/pci0000:00}: walk the functions inside. */
    private void hostBridge(Path dir, int nesting) {
        tree.dir(rel(dir));
        for (Path child : HostRoot.list(dir)) {
            if (!isDirectory(child)) {
                continue;
            }
            if (isBdf(name(child))) {
                function(child, nesting + 1);
            } else if (isHostBridge(name(child)) && nesting < MAX_NESTING) {
                hostBridge(child, nesting + 1);
            }
        }
    }

    private void function(Path dir, int nesting) {
        tree.dir(rel(dir));
        Budget budget = new Budget(rel(dir));
        for (Path child : HostRoot.list(dir)) {
            String name = name(child);
            Optional<BasicFileAttributes> attrs = attributes(child);
            if (attrs.isEmpty()) {
                continue;
            }
            if (attrs.get().isSymbolicLink()) {
                if (SysfsNames.isFunctionLink(name)) {
                    link(child);
                }
            } else if (attrs.get().isRegularFile()) {
                if (FUNCTION_FILES.contains(name)) {
                    tree.readFile(child, rel(child), name.equals(SysfsNames.CONFIG) ? CONFIG_MAX : TEXT_MAX);
                }
            } else if (attrs.get().isDirectory() && nesting < MAX_NESTING) {
                if (isBdf(name)) {
                    function(child, nesting + 1);
                } else if (isHostBridge(name)) {
                    hostBridge(child, nesting + 1);
                } else if (!PRUNED.contains(name)) {
                    subtree(child, 1, budget);
                }
            }
        }
    }

    /** Directory structure plus {@link #SUBTREE_FILES} below a function; links are not followed. */
    private void subtree(Path dir, int depth, Budget budget) {
        if (!budget.take()) {
            return;
        }
        tree.dir(rel(dir));
        for (Path child : HostRoot.list(dir)) {
            String name = name(child);
            Optional<BasicFileAttributes> attrs = attributes(child);
            if (attrs.isEmpty() || attrs.get().isSymbolicLink()) {
                continue;
            }
            if (attrs.get().isRegularFile() && SUBTREE_FILES.contains(name)) {
                if (budget.take()) {
                    tree.readFile(child, rel(child), TEXT_MAX);
                }
            } else if (attrs.get().isDirectory() && depth < SUBTREE_DEPTH && !PRUNED.contains(name)
                    && !isBdf(name)) {
                subtree(child, depth + 1, budget);
            }
        }
    }

    /** How many more items one function's subtrees may add; notes once when it runs out. */
    private final class Budget {
        private final String function;
        private int left = SUBTREE_BUDGET;

        Budget(String function) {
            this.function = function;
        }

        boolean take() {
            if (left-- > 0) {
                return true;
            }
            if (left == -1) {
                tree.note("/" + function + " has more than " + SUBTREE_BUDGET
                        + " items below it; the rest was left out");
            }
            left = -2;
            return false;
        }
    }

    /** Every symbolic link directly in {@code relDir}, targets kept verbatim; the directory itself too. */
    private void linksIn(String relDir) {
        Path dir = root.resolve(relDir);
        if (!isDirectory(dir)) {
            return;
        }
        tree.dir(relDir);
        for (Path child : HostRoot.list(dir)) {
            if (Files.isSymbolicLink(child)) {
                link(child);
            }
        }
    }

    private void link(Path link) {
        try {
            tree.link(rel(link), Files.readSymbolicLink(link).toString());
        } catch (IOException | SecurityException e) {
            tree.skip(rel(link), e);
        }
    }

    private String rel(Path p) {
        return root.relativize(p).toString();
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    private static boolean isDirectory(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean isRegular(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static Optional<BasicFileAttributes> attributes(Path p) {
        try {
            return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}

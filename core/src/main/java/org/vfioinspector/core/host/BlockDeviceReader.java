package org.vfioinspector.core.host;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * Disks below PCI functions ({@code sys/block/*}), their partitions, and the mounts and swap areas
 * on them. Stacked devices (device-mapper/LVM, md RAID) are traced to the partitions they sit on
 * through {@code sys/block/<dev>/slaves}.
 */
final class BlockDeviceReader {

    /** Stacks deeper than this (dm on md on dm…) are not followed further. */
    private static final int MAX_STACK = 8;

    private final HostRoot root;
    private final Topology topology;
    private final List<String> notes;

    /** PCI disks by name, with the functions they sit below (several for a multipath NVMe namespace). */
    private final Map<String, Set<PciAddress>> disks = new TreeMap<>();
    /** Partitions of PCI disks: partition name → disk name. */
    private final Map<String, String> partitionOf = new HashMap<>();
    private final Map<String, List<String>> partitions = new HashMap<>();
    /** Every block device that sits on others (dm-N, mdN): its slaves. */
    private final Map<String, List<String>> slaves = new HashMap<>();
    /** device-mapper names ({@code /dev/mapper/vg-root}) → {@code dm-N}. */
    private final Map<String, String> dmByName = new HashMap<>();
    private boolean untracedStack;

    private BlockDeviceReader(HostRoot root, Topology topology, List<String> notes) {
        this.root = root;
        this.topology = topology;
        this.notes = notes;
    }

    /** The disks of each function; problems are added to {@code notes}. */
    static Map<PciAddress, List<BlockDevice>> read(HostRoot root, Topology t, List<String> notes) {
        return new BlockDeviceReader(root, t, notes).read();
    }

    /** The disks of each function, and whether every mount and swap source could be traced to its disks. */
    record Disks(Map<PciAddress, List<BlockDevice>> byFunction, boolean traced) {
    }

    static Disks readTraced(HostRoot root, Topology t, List<String> notes) {
        BlockDeviceReader r = new BlockDeviceReader(root, t, notes);
        Map<PciAddress, List<BlockDevice>> disks = r.read();
        return new Disks(disks, !r.untracedStack);
    }

    private Map<PciAddress, List<BlockDevice>> read() {
        for (Path entry : HostRoot.list(root.resolve(SysfsNames.BLOCK))) {
            readBlockDevice(entry);
        }
        if (disks.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Mount>> mounts = new HashMap<>();
        for (Mount m : mountTable()) {
            for (String disk : disksBelow(m.source())) {
                mounts.computeIfAbsent(disk, k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, List<String>> swaps = new HashMap<>();
        HostRoot.readText(root.resolve("proc/swaps")).map(MountTableParser::parseSwaps).ifPresent(p -> {
            skippedNote(p, "proc/swaps");
            for (String swap : p.entries()) {
                for (String disk : disksBelow(swap)) {
                    swaps.computeIfAbsent(disk, k -> new ArrayList<>()).add(swap);
                }
            }
        });
        if (untracedStack) {
            notes.add("device-mapper/LVM or RAID devices could not be traced to their disks "
                    + "(sys/block/*/slaves is missing); mounts on them are not shown");
        }
        Map<PciAddress, List<BlockDevice>> out = new TreeMap<>();
        disks.forEach((name, functions) -> {
            for (PciAddress function : functions) {
                out.computeIfAbsent(function, k -> new ArrayList<>()).add(
                        new BlockDevice(name, function, partitions.getOrDefault(name, List.of()),
                                mounts.getOrDefault(name, List.of()), swaps.getOrDefault(name, List.of())));
            }
        });
        return out;
    }

    private void readBlockDevice(Path entry) {
        String name = entry.getFileName().toString();
        // sys/block/NAME is a link into sys/devices; it is never followed, only its text resolved
        Optional<Path> dir = SysfsPaths.resolveLink(root, entry);
        if (dir.isEmpty()) {
            return;
        }
        List<String> below = names(dir.get().resolve(SysfsNames.BLOCK_SLAVES));
        if (!below.isEmpty()) {
            slaves.put(name, below);
        }
        HostRoot.readText(dir.get().resolve(SysfsNames.BLOCK_DM_NAME)).filter(s -> !s.isEmpty()).ifPresent(dm -> dmByName.put(dm, name));
        Set<PciAddress> functions = functionsOf(dir.get());
        if (functions.isEmpty()) {
            return;
        }
        disks.put(name, functions);
        List<String> parts = new ArrayList<>();
        for (Path p : HostRoot.list(dir.get())) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(p.resolve(SysfsNames.BLOCK_PARTITION))) {
                String part = p.getFileName().toString();
                parts.add(part);
                partitionOf.put(part, name);
            }
        }
        partitions.put(name, parts);
    }

    /**
     * The functions a disk directory sits below. With native NVMe multipath (the default on most
     * distributions) the namespace's disk lives in {@code sys/devices/virtual/nvme-subsystem/nvme-subsysN/},
     * not below its controller; then its paths ({@code multipath/*}, kernel 6.14+) or the subsystem's
     * controller links ({@code nvme-subsysN/nvmeK}) lead to the functions.
     */
    private Set<PciAddress> functionsOf(Path diskDir) {
        Set<PciAddress> out = new LinkedHashSet<>();
        String hostPath = root.hostPath(diskDir);
        if (!SysfsPaths.isVirtual(hostPath)) {
            SysfsPaths.owningFunction(hostPath, topology).ifPresent(out::add);
            return out;
        }
        if (!hostPath.contains("/" + SysfsNames.NVME_SUBSYSTEM + "/")) {
            return out; // loop, dm, md, zram: no PCI function of their own
        }
        for (Path path : HostRoot.list(diskDir.resolve(SysfsNames.BLOCK_MULTIPATH))) {
            ownerOfLink(path).ifPresent(out::add);
        }
        if (out.isEmpty()) {
            for (Path ctrl : HostRoot.list(diskDir.getParent())) {
                if (ctrl.getFileName().toString().matches("nvme[0-9]+")) {
                    ownerOfLink(ctrl).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private Optional<PciAddress> ownerOfLink(Path link) {
        return SysfsPaths.resolveLink(root, link).map(root::hostPath).filter(p -> !SysfsPaths.isVirtual(p))
                .flatMap(p -> SysfsPaths.owningFunction(p, topology));
    }

    /** proc/self/mountinfo, else proc/mounts; empty with a note when neither can be read. */
    private List<Mount> mountTable() {
        Optional<String> info = HostRoot.readText(root.resolve("proc/self/mountinfo"));
        if (info.isPresent()) {
            ParsedLines<Mount> p = MountTableParser.parseMountinfo(info.get());
            skippedNote(p, "proc/self/mountinfo");
            return p.entries();
        }
        Optional<String> mounts = HostRoot.readText(root.resolve("proc/mounts"));
        if (mounts.isPresent()) {
            ParsedLines<Mount> p = MountTableParser.parseMounts(mounts.get());
            skippedNote(p, "proc/mounts");
            return p.entries();
        }
        notes.add("the mount table (proc/self/mountinfo, proc/mounts) could not be read; mounts are unknown");
        return List.of();
    }

    /** The PCI disks a mount source or swap device lives on (several for a stacked device). */
    private Set<String> disksBelow(String source) {
        Set<String> out = new LinkedHashSet<>();
        if (!source.startsWith("/dev/")) {
            return out;
        }
        String name = source.substring("/dev/".length());
        if (name.startsWith("mapper/")) {
            String dm = dmByName.get(name.substring("mapper/".length()));
            if (dm == null) {
                untracedStack = true;
                return out;
            }
            name = dm;
        }
        collect(name, out, 0);
        return out;
    }

    private void collect(String name, Set<String> out, int depth) {
        if (disks.containsKey(name)) {
            out.add(name);
        } else if (partitionOf.containsKey(name)) {
            out.add(partitionOf.get(name));
        } else if (slaves.containsKey(name) && depth < MAX_STACK) {
            for (String s : slaves.get(name)) {
                collect(s, out, depth + 1);
            }
        } else if (name.startsWith("dm-") || name.startsWith("md")) {
            untracedStack = true;
        }
    }

    private void skippedNote(ParsedLines<?> p, String file) {
        if (p.skipped() > 0) {
            notes.add(p.skipped() + (p.skipped() == 1 ? " malformed line" : " malformed lines") + " in " + file
                    + " skipped");
        }
    }

    private static List<String> names(Path dir) {
        return HostRoot.list(dir).stream().map(p -> p.getFileName().toString()).toList();
    }
}

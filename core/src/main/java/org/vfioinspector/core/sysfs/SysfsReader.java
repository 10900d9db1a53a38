package org.vfioinspector.core.sysfs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.vfioinspector.core.model.HostInfo;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.PciSlot;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.FunctionReader.Detail;

/**
 * Reads the PCI functions, IOMMU groups, slots and kernel facts of a {@link HostRoot} into a
 * {@link Topology}. Fail-soft: a missing or malformed value degrades that field and adds a note; a
 * function whose directory vanishes during the scan is left out with a note; the scan as a whole
 * never fails because of one function.
 *
 * <p>The work is shared out: {@link FunctionWalk} finds the function directories, {@link FunctionReader}
 * reads each, {@link GroupFolders} and {@link GroupReconciler} put the IOMMU groups together, and
 * {@link SlotReader} and {@link HostFacts} read the rest; every file access goes through one
 * {@link SysfsFiles}.
 */
public final class SysfsReader {

    private final SysfsFiles io;
    private final FunctionReader functions;
    /** Test seam: called at fixed points of a scan so a test can change the tree in between. */
    private final Consumer<String> checkpoint;

    /** No test listens at the checkpoints. */
    private static final Consumer<String> NO_CHECKPOINT = point -> { };

    public SysfsReader(HostRoot root) {
        this(root, NO_CHECKPOINT);
    }

    /**
     * For tests of a host that changes while it is read: {@code checkpoint} is called with
     * {@code "device <address>"} after the listing and before that function is read, and with
     * {@code "groups"} before the group folders are read. With {@value Parallel#THRESHOLD} functions
     * or more, the device checkpoints run on the worker threads that read them.
     */
    SysfsReader(HostRoot root, Consumer<String> checkpoint) {
        this(root, checkpoint, SysfsFiles.NOBODY);
    }

    /** For tests of what a scan reads: {@code heard} is told every path the scan accesses, from any thread. */
    SysfsReader(HostRoot root, Consumer<String> checkpoint, Consumer<Path> heard) {
        this.io = new SysfsFiles(root, heard);
        this.functions = new FunctionReader(io);
        this.checkpoint = checkpoint;
    }

    /** Reads everything; never throws for bad data. */
    public Topology scan() {
        return scan(ScanProgress.NONE);
    }

    /** As {@link #scan()}, telling {@code progress} how many functions have been read. */
    public Topology scan(ScanProgress progress) {
        List<String> notes = new ArrayList<>();
        FunctionWalk.Nesting found = walk(Detail.ALL, progress, notes);
        List<PciDevice> devices = ReadResult.values(found.read(), notes);
        checkpoint.accept("groups");
        List<IommuGroup> groups = groupsOf(new GroupFolders(io).read(), devices, notes);
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
        FunctionWalk.Nesting found = walk(Detail.OUTLINE, progress, dirNotes);
        List<Map.Entry<PciAddress, Path>> dirs = found.dirs();
        FunctionMemo[] memos = found.memos();
        List<ReadResult<PciDevice>> read = new ArrayList<>(found.read());
        // a VF whose PF was not read is drawn on its own, with its link (see Detail.OUTLINE)
        Set<PciAddress> present = new HashSet<>();
        for (ReadResult<PciDevice> r : read) {
            if (r instanceof ReadResult.Read<PciDevice> d) {
                present.add(d.value().address());
            }
        }
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i) instanceof ReadResult.Read<PciDevice> d
                    && d.value().sriov().physfn().filter(present::contains).isEmpty() && memos[i].vfLinksDeferred) {
                read.set(i, readOrNote(dirs.get(i).getKey(), dirs.get(i).getValue(), memos[i], Detail.OUTLINE_WITH_LINKS));
            }
        }
        List<String> notes = new ArrayList<>(dirNotes);
        List<PciDevice> devices = ReadResult.values(read, notes);
        checkpoint.accept("groups");
        List<ReadResult<IommuGroup>> folders = new GroupFolders(io).read();
        List<IommuGroup> groups = groupsOf(folders, devices, notes);
        List<PciSlot> slots = readSlots(devices);
        HostInfo host = readHost(groups.size());
        Topology outline = new Topology(devices, groups, slots, host, notes);
        return new StagedScan(outline, complete -> {
            // the same steps as scan(), every value the outline read taken from its memo
            List<String> all = new ArrayList<>(dirNotes);
            List<PciDevice> full = ReadResult.values(readFunctions(dirs, memos, Detail.ALL, complete, false), all);
            List<IommuGroup> g = groupsOf(folders, full, all);
            return new Topology(full, g, slots, host, all);
        });
    }

    /**
     * What a listing of the host's functions prints ({@code tree}, {@code groups}), read with as few files as
     * that takes: every function found as {@link #scan()} finds it, with its place in the tree, IDs, driver and
     * IOMMU group number; the rest of each function (config space, links, reset methods, SR-IOV, NUMA node,
     * driver override) is absent. With {@code groupFolders} the groups are read as {@link #scan()} reads
     * them (members and type); without, {@link Topology#groups()} is empty and only their number is read
     * (the group folders' names and the functions' links, as {@link #scan()} counts them), so
     * {@link HostInfo#iommuEnabled()} and the summary are those of {@link #scan()}. Slots are not read.
     * Notes are those of this read, not {@link #scan()}'s.
     */
    public Topology scanListing(boolean groupFolders) {
        List<String> notes = new ArrayList<>();
        List<PciDevice> devices = ReadResult.values(walk(Detail.NAMES, ScanProgress.NONE, notes).read(), notes);
        checkpoint.accept("groups");
        List<IommuGroup> groups = groupFolders ? groupsOf(new GroupFolders(io).read(), devices, notes) : List.of();
        int groupCount = groupFolders ? groups.size() : GroupFolders.count(io, devices);
        return new Topology(devices, groups, List.of(), readHost(groupCount), notes);
    }

    /** The function directories and what reading them gave, the bus links and the nesting together. */
    private FunctionWalk.Nesting walk(Detail detail, ScanProgress progress, List<String> notes) {
        FunctionWalk walk = new FunctionWalk(io);
        return walk.walk(walk.busFunctions(notes), detail == Detail.OUTLINE, progress, notes,
                (batch, memos, p) -> readFunctions(batch, memos, detail, p, true));
    }

    /**
     * Each function of {@code dirs}, on all cores or on this thread alone: the device or the note that leaves it
     * out, in order.
     */
    private List<ReadResult<PciDevice>> readFunctions(List<Map.Entry<PciAddress, Path>> dirs, FunctionMemo[] memos,
                                                      Detail detail, ScanProgress progress, boolean allCores) {
        int total = dirs.size();
        progress.functionsRead(0, total);
        AtomicInteger done = new AtomicInteger();
        // Functions are independent: read them on all cores (system calls are most of a scan's cost),
        // then assemble in address order, so the result and its notes are those of a sequential scan.
        IntFunction<ReadResult<PciDevice>> read = i -> {
            ReadResult<PciDevice> r = readOrNote(dirs.get(i).getKey(), dirs.get(i).getValue(),
                    memos == null ? null : memos[i], detail);
            progress.functionsRead(done.incrementAndGet(), total);
            return r;
        };
        if (allCores) {
            return Parallel.map(total, read);
        }
        List<ReadResult<PciDevice>> out = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            out.add(read.apply(i));
        }
        return out;
    }

    /** The function, or the note that says why it is left out. */
    private ReadResult<PciDevice> readOrNote(PciAddress address, Path dir, FunctionMemo memo, Detail detail) {
        if (checkpoint != NO_CHECKPOINT) {
            checkpoint.accept("device " + address);
        }
        try {
            Optional<PciDevice> d = functions.read(address, dir, memo, detail);
            return d.isPresent() ? new ReadResult.Read<>(d.get())
                    : new ReadResult.LeftOut<>(address + ": its sysfs directory vanished during the scan; left out");
        } catch (RuntimeException ex) {
            // a function that changes under us must not spoil the scan of the others
            return new ReadResult.LeftOut<>(address + ": could not be read (" + ex.getClass().getSimpleName() + "); left out");
        }
    }

    /** The groups of the folders read, checked against the functions' own {@code iommu_group} links. */
    private static List<IommuGroup> groupsOf(List<ReadResult<IommuGroup>> folders, List<PciDevice> devices,
                                             List<String> notes) {
        List<GroupReconciler.GroupLink> links = new ArrayList<>(devices.size());
        devices.forEach(d -> links.add(new GroupReconciler.GroupLink(d.address(), d.iommuGroup())));
        GroupReconciler.Groups g = GroupReconciler.reconcile(folders, links);
        notes.addAll(g.notes());
        return g.groups();
    }

    /**
     * Function directories keyed by address, from {@code sys/bus/pci/devices} (empty when it is missing); the
     * scan adds those found only in the {@code sys/devices} nesting.
     */
    Map<PciAddress, Path> findFunctionDirectories(List<String> notes) {
        return new FunctionWalk(io).busFunctions(notes);
    }

    /** Reads one function completely; empty when its directory no longer exists. */
    Optional<PciDevice> readDevice(PciAddress address, Path dir) {
        return functions.read(address, dir, null, Detail.ALL);
    }

    private List<PciSlot> readSlots(List<PciDevice> devices) {
        return new SlotReader(io).read(devices);
    }

    private HostInfo readHost(int groupCount) {
        return new HostFacts(io).read(groupCount);
    }
}

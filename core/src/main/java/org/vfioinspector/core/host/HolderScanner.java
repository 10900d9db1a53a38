package org.vfioinspector.core.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * Finds the processes that hold VFIO groups, device cdevs, the container or {@code /dev/iommu}
 * open, by reading the targets of the {@code proc/<pid>/fd/*} links. Links are only read, never
 * followed: nothing under {@code /dev} is opened or even looked at.
 *
 * <p>Snapshots store {@code /dev/...} targets relative to the link ({@code ../../../dev/vfio/12})
 * so that nothing points outside the root; those are resolved back to host paths.
 */
public final class HolderScanner {

    private final HostRoot root;
    private final Topology topology;
    private final CdevResolver cdevs;
    private final List<String> notes = new ArrayList<>();
    private int unreadable;

    private HolderScanner(HostRoot root, Topology topology) {
        this.root = root;
        this.topology = topology;
        this.cdevs = new CdevResolver(root, topology);
    }

    /** Scans {@code proc/} of the root. Never throws for unreadable or odd entries; see {@link HolderScan#notes()}. */
    public static HolderScan read(HostRoot root, Topology t) {
        return new HolderScanner(root, t).scan();
    }

    private HolderScan scan() {
        Map<Integer, List<Holder>> byGroup = new TreeMap<>();
        Map<PciAddress, List<Holder>> byDevice = new TreeMap<>();
        List<Holder> iommufd = new ArrayList<>();
        Optional<List<Integer>> pids = pids(root.resolve("proc"));
        if (pids.isEmpty()) {
            return new HolderScan(byGroup, byDevice, iommufd, false,
                    List.of("proc/ could not be read; which processes hold VFIO files is unknown"));
        }
        if (pids.get().isEmpty() && (!Files.exists(root.resolve(SysfsNames.SNAPSHOT_INFO))
                || Files.exists(root.resolve(SysfsNames.NO_PROCESS_TABLE)))) {
            // A live proc/ always lists processes (this one among them), and this tool's snapshots keep every
            // holder and mark the unreadable ones; a tree from anything else without process folders simply did
            // not capture them: no holder seen is not no holder.
            return new HolderScan(byGroup, byDevice, iommufd, false,
                    List.of("proc/ holds no processes (a capture without the process table); which processes "
                            + "hold VFIO files is unknown"));
        }
        for (int pid : pids.get()) {
            Path dir = root.resolve("proc/" + pid);
            Optional<List<FdTarget>> files = openFiles(dir);
            if (files.isEmpty()) {
                unreadable++;
                continue;
            }
            Holder h = holder(pid, dir, files.get());
            if (h == null) {
                continue;
            }
            for (FdTarget f : files.get()) {
                switch (f.kind()) {
                    case GROUP -> add(byGroup, f.group(), h);
                    case DEVICE_CDEV -> deviceOf(pid, f).ifPresent(a -> add(byDevice, a, h));
                    case IOMMUFD -> {
                        if (!iommufd.contains(h)) {
                            iommufd.add(h);
                        }
                    }
                    default -> { }
                }
            }
        }
        if (unreadable > 0) {
            notes.add(0, unreadable == 1
                    ? "1 process's open files could not be read (needs root); holders are unknown for it"
                    : unreadable + " processes' open files could not be read (needs root); holders are unknown for them");
        }
        return new HolderScan(byGroup, byDevice, iommufd, unreadable == 0, notes);
    }

    private Optional<PciAddress> deviceOf(int pid, FdTarget f) {
        Optional<PciAddress> a = cdevs.function(f.cdev());
        String note = "pid " + pid + " holds " + f.path() + ", which could not be matched to a PCI function";
        if (a.isEmpty() && !notes.contains(note)) {
            notes.add(note);
        }
        return a;
    }

    /** The holder for a process, or null when it holds nothing under /dev/vfio or /dev/iommu. */
    private Holder holder(int pid, Path dir, List<FdTarget> files) {
        TreeSet<String> held = new TreeSet<>();
        boolean kvm = false;
        boolean kvmVfio = false;
        for (FdTarget f : files) {
            if (f.isVfio()) {
                held.add(f.path());
            }
            kvm |= f.kind() == FdTarget.Kind.KVM;
            kvmVfio |= f.kind() == FdTarget.Kind.KVM_VFIO;
        }
        if (held.isEmpty()) {
            return null;
        }
        String cmdline = HostRoot.readBytes(dir.resolve("cmdline"), 4 * ProcText.MAX_CMDLINE + 4)
                .map(ProcText::commandLine).orElse("");
        String comm = HostRoot.readText(dir.resolve("comm")).map(c -> ProcText.printable(c, 64))
                .filter(c -> !c.isEmpty()).orElse(cmdline.isEmpty() ? "unknown" : firstWordName(cmdline));
        return new Holder(pid, comm, cmdline, List.copyOf(held), kvmVfio, kvm || kvmVfio);
    }

    /**
     * The VFIO-relevant open files of a process (others are dropped early). Empty when its
     * {@code fd} entry exists but cannot be listed: not root, or — in a captured tree — not a
     * directory at all. A process that is gone (or not captured) holds nothing.
     */
    private Optional<List<FdTarget>> openFiles(Path pidDir) {
        Path fdDir = pidDir.resolve("fd");
        if (!Files.isDirectory(fdDir, LinkOption.NOFOLLOW_LINKS)) {
            return HostRoot.exists(fdDir) ? Optional.empty() : Optional.of(List.of());
        }
        List<FdTarget> out = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                FdTarget f = classify(fdDir, readFdLink(fd));
                if (f.kind() != FdTarget.Kind.OTHER) {
                    out.add(f);
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.of(List.of()); // the process exited while we looked
        } catch (IOException | SecurityException | java.nio.file.DirectoryIteratorException e) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /**
     * The target of one fd link, or null when it is gone or not a link. Unlike {@link HostRoot#readLink} this skips the lstat
     * before readlink: it halves the system calls of the hottest loop (every open file of every
     * process). Like it, the link is read, never followed.
     */
    private static Path readFdLink(Path fd) throws IOException {
        try {
            return Files.readSymbolicLink(fd);
        } catch (NoSuchFileException | java.nio.file.NotLinkException | UnsupportedOperationException e) {
            return null; // closed meanwhile, or not a link
        }
        // anything else (EACCES: some kernels and sandboxes list a process's fd folder but refuse its links, even
        // to root) makes the whole process unreadable: a link that cannot be read may be a VFIO file, so its holders
        // are unknown, never "none"
    }

    /** Classifies a link target; a relative one that names something under dev/ is made a host path first. */
    private FdTarget classify(Path fdDir, Path target) {
        if (target == null) {
            return FdTarget.classify(null);
        }
        String t = target.toString();
        if (target.isAbsolute() || !t.contains("dev/")) {
            // absolute targets, anon_inode:…, socket:[…], pipe:[…] are taken as written
            return FdTarget.classify(target.isAbsolute() ? target.normalize().toString() : t);
        }
        return SysfsPaths.within(root, fdDir, target).map(root::hostPath).map(FdTarget::classify)
                .orElse(FdTarget.classify(null));
    }

    /**
     * Numeric entries of proc/, ascending ({@code self} and {@code thread-self} are links to two
     * of them); empty when proc/ cannot be listed.
     */
    static Optional<List<Integer>> pids(Path proc) {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!name.isEmpty() && name.length() <= 9 && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    out.add(Integer.parseInt(name));
                }
            }
        } catch (IOException | SecurityException | java.nio.file.DirectoryIteratorException e) {
            return Optional.empty();
        }
        out.sort(null);
        return Optional.of(out);
    }

    private static String firstWordName(String cmdline) {
        String first = cmdline.split(" ", 2)[0];
        return first.substring(first.lastIndexOf('/') + 1);
    }

    private static <K> void add(Map<K, List<Holder>> map, K key, Holder h) {
        List<Holder> list = map.computeIfAbsent(key, k -> new ArrayList<>());
        if (!list.contains(h)) {
            list.add(h);
        }
    }
}

package org.vfioinspector.core.snapshot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * Copies the parts of {@code proc/} the model reads: kernel identity, mounts, swaps, routes, and
 * the processes holding VFIO, iommufd or KVM file descriptors.
 */
final class ProcCapture {

    /**
     * Mount and route tables can be long on container hosts and routers; they get the per-file
     * limit the reader accepts rather than the sysfs attribute limit.
     */
    static final int TABLE_MAX = 1 << 20;

    /** The start of {@code proc/cpuinfo} kept (the reader reads no more). */
    static final int CPUINFO_START = 4096;

    /** Files copied as regular files, following links ({@code proc/mounts} is one on a live host). */
    static final List<String> FILES = Stream.concat(SysfsNames.PROC_FILES.stream(), Stream.of(
            "proc/mounts", "proc/swaps",
            "proc/net/route", "proc/net/ipv6_route", "proc/net/if_inet6", "proc/net/fib_trie",
            // proc/self is a link to this process's pid on a live host; the snapshot stores a real
            // directory so the archive has no link out of proc/self.
            "proc/self/mountinfo")).toList();

    /** What a holder process keeps next to its fd links; {@code status} is optional. */
    private static final Map<String, Integer> HOLDER_FILES = Map.of(
            "comm", 4096, "cmdline", TABLE_MAX, "status", SysCapture.TEXT_MAX);

    private final Path root;
    private final CapturedTree tree;

    ProcCapture(Path root, CapturedTree tree) {
        this.root = root;
        this.tree = tree;
    }

    void capture() {
        if (Files.isDirectory(root.resolve("proc"), LinkOption.NOFOLLOW_LINKS)) {
            // even with nothing below it: a proc folder without holders says "no holders", none says "unknown"
            tree.dir("proc");
        }
        for (String file : FILES) {
            Path source = root.resolve(file);
            if (Files.isRegularFile(source)) {
                tree.readFile(source, file, TABLE_MAX);
            }
        }
        machine();
        holders();
    }

    /**
     * What tells a virtual machine from bare metal: the DMI names and {@code sys/hypervisor/type}, and the
     * start of {@code proc/cpuinfo} (the first processor's block, as the reader reads it; the rest repeats it
     * per CPU).
     */
    private void machine() {
        for (String file : SysfsNames.MACHINE_FILES) {
            Path source = root.resolve(file);
            if (Files.isRegularFile(source)) {
                tree.readFile(source, file, SysCapture.TEXT_MAX);
            }
        }
        Path cpuinfo = root.resolve(SysfsNames.PROC_CPUINFO);
        if (Files.isRegularFile(cpuinfo)) {
            try (var in = Files.newInputStream(cpuinfo)) {
                byte[] start = in.readNBytes(CPUINFO_START);
                String text = new String(start, java.nio.charset.StandardCharsets.UTF_8);
                int end = text.indexOf("\n\n");
                tree.file(SysfsNames.PROC_CPUINFO, end < 0 ? start
                        : text.substring(0, end + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException | SecurityException e) {
                tree.skip(SysfsNames.PROC_CPUINFO, e);
            }
        }
    }

    /** True for an fd link target that makes a process a VFIO holder. */
    static boolean isVfioTarget(String target) {
        return target.startsWith("/dev/vfio/") || target.equals("/dev/iommu") || target.equals("/dev/kvm")
                || target.equals("anon_inode:kvm-vfio");
    }

    private void holders() {
        int unreadable = 0;
        int processes = 0;
        for (Path pid : HostRoot.list(root.resolve("proc"))) {
            String name = pid.getFileName().toString();
            if (!name.chars().allMatch(Character::isDigit) || !Files.isDirectory(pid, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            processes++;
            try {
                holder(pid, vfioFds(pid.resolve("fd")));
            } catch (NoSuchFileException e) {
                // the process exited while we looked; it holds nothing any more
            } catch (IOException | SecurityException e) {
                unreadable++;
                // An empty file where the fd folder would be: the holder scan of the snapshot counts the
                // process as unreadable, so its holders stay unknown there too instead of reading as none.
                tree.file(rel(pid.resolve("fd")), new byte[0]);
            }
        }
        if (processes == 0 && Files.isDirectory(root.resolve("proc"), LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(root.resolve(SysfsNames.SNAPSHOT_INFO), LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(root.resolve(SysfsNames.NO_PROCESS_TABLE), LinkOption.NOFOLLOW_LINKS)) {
            // a capture from elsewhere without processes: its holders are unknown, and the snapshot must not
            // make them "none" (a snapshot's proc/ without processes means no holder)
            tree.file(SysfsNames.NO_PROCESS_TABLE, "the source had no process table; VFIO holders are unknown\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            tree.note("the source has no process table (proc/<pid>); which processes hold VFIO files is unknown");
        } else if (Files.exists(root.resolve(SysfsNames.NO_PROCESS_TABLE), LinkOption.NOFOLLOW_LINKS)) {
            tree.file(SysfsNames.NO_PROCESS_TABLE, "the source had no process table; VFIO holders are unknown\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (unreadable > 0) {
            tree.note("the open files of " + unreadable + (unreadable == 1 ? " process" : " processes")
                    + " could not be read (run as root to see"
                    + " every VFIO holder); holders among them are not in the snapshot");
        }
    }

    /**
     * The fd links of one process that point at VFIO, iommufd or KVM, each with its target as a host path;
     * the links are never followed.
     */
    private Map<Path, String> vfioFds(Path fdDir) throws IOException {
        Map<Path, String> found = new java.util.TreeMap<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    String target = hostTarget(fdDir, Files.readSymbolicLink(fd));
                    if (isVfioTarget(target)) {
                        found.put(fd, target);
                    }
                } catch (java.nio.file.NoSuchFileException | java.nio.file.NotLinkException
                         | UnsupportedOperationException e) {
                    // closed meanwhile, or not a link: not a holder fd
                }
                // any other failure (EACCES on a link of a listable fd folder, seen for pid 1 in sandboxes, even
                // as root) reaches holders(): the process is captured as unreadable, its holders unknown
            }
        }
        return found;
    }

    /**
     * An fd link's target as the host wrote it. An unpacked snapshot (the demo, or a snapshot taken again)
     * keeps {@code /dev/...} targets as links relative to the root ({@code ../../../dev/vfio/12}, see
     * {@link EntryRules#linkTarget}); those are mapped back, so a snapshot of a snapshot keeps its holders.
     * Anything else ({@code anon_inode:kvm-vfio}, {@code socket:[…]}) is taken as written.
     */
    private String hostTarget(Path fdDir, Path target) {
        String t = target.toString();
        if (target.isAbsolute() || !t.contains("dev/")) {
            return t;
        }
        Path p = fdDir.resolve(target).normalize();
        return p.startsWith(root) ? "/" + root.relativize(p) : t;
    }

    private void holder(Path pid, Map<Path, String> fds) {
        if (fds.isEmpty()) {
            return;
        }
        fds.forEach((fd, target) -> tree.link(rel(fd), target));
        HOLDER_FILES.forEach((file, max) -> {
            Path source = pid.resolve(file);
            if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                tree.readFile(source, rel(source), max);
            }
        });
    }

    private String rel(Path p) {
        return root.relativize(p).toString();
    }
}

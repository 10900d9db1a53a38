package org.vfioinspector.core.host;

import java.nio.file.Path;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * Small helpers for sysfs paths: which PCI function a class device ({@code sys/block/nvme0n1},
 * {@code sys/class/net/eno1}) sits below, and where a link leads inside a {@link HostRoot}
 * without ever following it on the file system.
 */
public final class SysfsPaths {

    private SysfsPaths() {
    }

    /**
     * The function that owns a sysfs path: its deepest path component that is a full BDF
     * ({@code dddd:bb:dd.f}) and a function of the topology. A USB disk below an xHCI controller
     * therefore belongs to the controller, which is what a reset of it would take away.
     *
     * @param path a link target or path, e.g.
     *             {@code ../devices/pci0000:00/0000:00:01.0/0000:01:00.0/nvme/nvme0/nvme0n1}
     * @return the owning function; empty when no component names a function of {@code t}
     */
    public static Optional<PciAddress> owningFunction(String path, Topology t) {
        if (path == null || t == null) {
            return Optional.empty();
        }
        int end = path.length();
        while (end > 0) {
            int start = path.lastIndexOf('/', end - 1) + 1;
            String part = path.substring(start, end);
            if (looksLikeBdf(part)) {
                PciAddress a = PciAddress.tryParse(part);
                if (a != null && t.contains(a)) {
                    return Optional.of(a);
                }
            }
            end = start - 1;
        }
        return Optional.empty();
    }

    /** True for a path below {@code sys/devices/virtual} (loopback, bridges, dm, loop devices). */
    public static boolean isVirtual(String rootRelativePath) {
        String p = rootRelativePath.startsWith("/") ? rootRelativePath.substring(1) : rootRelativePath;
        return p.startsWith("sys/devices/virtual/");
    }

    /**
     * Where a link points, as a path inside the root, computed from the link text alone (the
     * target is never opened or followed). Empty when {@code link} is not a link or its target
     * would leave the root.
     */
    public static Optional<Path> resolveLink(HostRoot root, Path link) {
        return HostRoot.readLink(link).flatMap(target -> within(root, link.getParent(), target));
    }

    /**
     * Resolves a link target against the link's directory; an absolute target is taken as a path
     * on the host, i.e. inside the root. Empty when the result leaves the root.
     */
    static Optional<Path> within(HostRoot root, Path linkDir, Path target) {
        Path p = target.isAbsolute() ? root.resolve(target.toString()) : linkDir.resolve(target);
        p = p.normalize();
        return p.startsWith(root.path()) ? Optional.of(p) : Optional.empty();
    }

    /** A cheap test before parsing: a full BDF has two colons and a dot ({@code 0000:01:00.0}). */
    private static boolean looksLikeBdf(String s) {
        int n = s.length();
        if (n < 12 || n > 16 || s.charAt(n - 2) != '.') {
            return false;
        }
        int colons = 0;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) == ':') {
                colons++;
            }
        }
        return colons == 2;
    }
}

package org.vfioinspector.core.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.vfioinspector.core.real.RealFixtures;

/**
 * Pairs of host roots for comparison tests, built from the real QEMU lab capture ({@link RealFixtures#qemuQ35}):
 * the capture as it is, and a copy changed the way a host changes (ACS enabled, a link downgraded, a card
 * moved, a kernel without {@code reset_method}). Shared with the app's CLI tests.
 */
public final class FixturePairs {

    public static final String DEVICES = "sys/devices/pci0000:00/";
    /** Downstream port 04:00.0 of the emulated switch; group 13 holds it and 05:00.0 because it has no ACS. */
    public static final String SWITCH_PORT = DEVICES + "0000:00:02.2/0000:03:00.0/0000:04:00.0";
    public static final String NIC = DEVICES + "0000:00:02.0/0000:01:00.0";
    public static final String NIC_PORT = DEVICES + "0000:00:02.0";
    public static final String SECOND_CARD = DEVICES + "0000:00:02.1/0000:02:00.0";

    private FixturePairs() {
    }

    /** The unchanged capture, unpacked into {@code dir}. */
    public static Path original(Path dir) throws IOException {
        return RealFixtures.qemuQ35(dir, false);
    }

    /** A copy of {@code src} in {@code dir/name}, links as links. */
    public static Path copy(Path src, Path dir, String name) throws IOException {
        Path dst = dir.resolve(name);
        try (Stream<Path> all = Files.walk(src)) {
            for (Path p : all.toList()) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(t, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dst;
    }

    /** Enables ACS (SV, RR, CR, UF) on the switch's downstream port 04:00.0 and gives 05:00.0 its own group 17. */
    public static void enableAcsAndSplit(Path root) throws IOException {
        // ACS Capability: SV RR CR UF supported; ACS Control: all four enabled
        addExtendedCapability(root.resolve(SWITCH_PORT + "/config"), 0x000d, new byte[] {0x1d, 0, 0x1d, 0});
        moveToGroup(root, "0000:05:00.0", 13, 17);
    }

    /** Puts {@code function} from group {@code from} into group {@code to}, on both sides of sysfs. */
    public static void moveToGroup(Path root, String function, int from, int to) throws IOException {
        Path groups = root.resolve("sys/kernel/iommu_groups");
        Path old = groups.resolve(from + "/devices/" + function);
        Path target = Files.readSymbolicLink(old);
        Files.delete(old);
        Files.createDirectories(groups.resolve(to + "/devices"));
        Files.createSymbolicLink(groups.resolve(to + "/devices/" + function), target);
        Path dev = groups.resolve(from + "/devices").resolve(target).normalize();
        Path link = dev.resolve("iommu_group");
        Path was = Files.readSymbolicLink(link);
        Files.delete(link);
        Files.createSymbolicLink(link, was.resolveSibling(String.valueOf(to)));
    }

    /** Gives the NIC's link and its port's 8 GT/s x4 maxima and sets the current link to {@code speed} x{@code width}. */
    public static void link(Path root, String speed, int width) throws IOException {
        for (String d : List.of(NIC, NIC_PORT)) {
            Files.writeString(root.resolve(d + "/max_link_speed"), "8.0 GT/s PCIe\n");
            Files.writeString(root.resolve(d + "/max_link_width"), "4\n");
            Files.writeString(root.resolve(d + "/current_link_speed"), speed + "\n");
            Files.writeString(root.resolve(d + "/current_link_width"), width + "\n");
        }
    }

    /** Gives the NIC (01:00.0) and the card at 02:00.0 Device Serial Numbers. */
    public static void serials(Path root) throws IOException {
        addExtendedCapability(root.resolve(NIC + "/config"), 0x0003, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        addExtendedCapability(root.resolve(SECOND_CARD + "/config"), 0x0003, new byte[] {9, 9, 9, 9, 1, 1, 1, 1});
    }

    /** Swaps the cards below root ports 00:02.0 and 00:02.1: ids, config, reset methods and driver; groups stay. */
    public static void swapCards(Path root) throws IOException {
        Path x = root.resolve(NIC);
        Path y = root.resolve(SECOND_CARD);
        Path tmp = Files.createTempDirectory(root, "swap");
        for (String f : List.of("vendor", "device", "subsystem_vendor", "subsystem_device", "class", "revision", "config",
                "reset_method", "driver")) {
            move(x.resolve(f), tmp.resolve(f));
            move(y.resolve(f), x.resolve(f));
            move(tmp.resolve(f), y.resolve(f));
        }
        Files.delete(tmp);
    }

    /** A kernel without {@code reset_method} (before 5.15): every such file gone, another release. */
    public static void kernelWithoutResetMethod(Path root, String release) throws IOException {
        try (Stream<Path> all = Files.walk(root.resolve("sys/devices"))) {
            for (Path p : all.filter(p -> p.getFileName().toString().equals("reset_method")).toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(root.resolve("proc/sys/kernel/osrelease"), release + "\n");
    }

    private static void move(Path from, Path to) throws IOException {
        if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(from)) {
                // a driver link is relative to its directory: both cards sit at the same depth
                Files.createSymbolicLink(to, Files.readSymbolicLink(from));
                Files.delete(from);
            } else {
                Files.move(from, to);
            }
        }
    }

    /**
     * Appends an extended capability ({@code id}, version 1, {@code body} after its header) to a 4096-byte config
     * dump: at 0x100 when the list is empty, else at the first free 0x40-aligned offset from 0x400, linked from the
     * last capability of the list.
     */
    public static void addExtendedCapability(Path config, int id, byte[] body) throws IOException {
        byte[] c = Files.readAllBytes(config);
        int at = 0x100;
        int last = -1;
        while (dword(c, at) != 0) {
            last = at;
            int next = dword(c, at) >>> 20;
            if (next == 0) {
                break;
            }
            at = next;
        }
        int place = last < 0 ? 0x100 : 0x400;
        while (last >= 0 && dword(c, place) != 0) {
            place += 0x40;
        }
        if (last >= 0) {
            setDword(c, last, (dword(c, last) & 0x000f_ffff) | place << 20);
        }
        setDword(c, place, id | 1 << 16);
        System.arraycopy(body, 0, c, place + 4, body.length);
        Files.write(config, c);
    }

    private static int dword(byte[] c, int at) {
        return (c[at] & 0xff) | (c[at + 1] & 0xff) << 8 | (c[at + 2] & 0xff) << 16 | (c[at + 3] & 0xff) << 24;
    }

    private static void setDword(byte[] c, int at, int v) {
        for (int i = 0; i < 4; i++) {
            c[at + i] = (byte) (v >>> (8 * i));
        }
    }
}

package org.vfioinspector.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The lab's checks of the modern VFIO path (issue 20), on the lab's own kernel with IOMMUFD and the vfio device
 * cdev (app/src/test/lab/kernel/). The reference is the kernel itself, asked through a probe of its own
 * ({@link Probe}: libc's open/ioctl through JNA, the structs of the 6.12 uapi headers), independent of the code
 * under test: {@code /dev/iommu}, {@code /dev/vfio/devices/vfioN}, VFIO_DEVICE_BIND_IOMMUFD, IOMMU_IOAS_ALLOC,
 * VFIO_DEVICE_ATTACH_IOMMUFD_PT, VFIO_DEVICE_GET_PCI_HOT_RESET_INFO (devid mode) and VFIO_DEVICE_PCI_HOT_RESET with
 * no group fds. Each case compares the tool's {@code blast --json} with the kernel's INFO answer and brackets the
 * kernel's hot reset with trace markers, so the host checks QEMU's trace of it. Check 18 then runs the tool's own
 * {@code reset --cdev} of the same set and compares its report (kernel list and devids, steps, verification, refusals)
 * with what the kernel told the probe.
 *
 * <p>Guest mode only (it runs from {@link LabRunner.Guest}, which refuses to run outside the lab guest).
 */
final class CdevLab {

    // ---- the uapi (include/uapi/linux/vfio.h and iommufd.h of 6.12): _IO(';', nr) = 0x3b00 | nr
    static final long VFIO_DEVICE_GET_INFO = 0x3b00 | (100 + 7);
    static final long VFIO_DEVICE_GET_PCI_HOT_RESET_INFO = 0x3b00 | (100 + 12);
    static final long VFIO_DEVICE_PCI_HOT_RESET = 0x3b00 | (100 + 13);
    static final long VFIO_DEVICE_BIND_IOMMUFD = 0x3b00 | (100 + 18);
    static final long VFIO_DEVICE_ATTACH_IOMMUFD_PT = 0x3b00 | (100 + 19);
    static final long IOMMU_IOAS_ALLOC = 0x3b00 | 0x81;
    static final int FLAG_DEV_ID = 1;
    static final int FLAG_DEV_ID_OWNED = 2;
    static final int DEVID_OWNED = 0;
    static final int DEVID_NOT_OWNED = -1;
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;

    static final Map<Integer, String> ERRNO = Map.of(1, "EPERM", 2, "ENOENT", 9, "EBADF", 13, "EACCES", 16, "EBUSY",
            19, "ENODEV", 22, "EINVAL", 25, "ENOTTY", 28, "ENOSPC", 95, "EOPNOTSUPP");

    /** libc, nothing else: the probe shares no code with core's VFIO package. */
    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int ioctl(int fd, NativeLong request, Pointer arg) throws LastErrorException;
    }

    static LibC libc;

    static LibC c() {
        if (libc == null) {
            libc = Native.load("c", LibC.class);
        }
        return libc;
    }

    /** A failed system call: which one, and the errno's name. */
    static final class Failure extends RuntimeException {
        final String operation;
        final String errno;

        Failure(String operation, LastErrorException e) {
            super(operation + ": " + ERRNO.getOrDefault(e.getErrorCode(), "errno " + e.getErrorCode()));
            this.operation = operation;
            this.errno = ERRNO.getOrDefault(e.getErrorCode(), "errno " + e.getErrorCode());
        }
    }

    static int open(String path) {
        try {
            return c().open(path, O_RDWR | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new Failure("open " + path, e);
        }
    }

    static void ioctl(int fd, long request, Memory arg, String name) {
        try {
            c().ioctl(fd, new NativeLong(request), arg);
        } catch (LastErrorException e) {
            throw new Failure(name, e);
        }
    }

    static void close(int fd) {
        try {
            c().close(fd);
        } catch (LastErrorException ignored) {
            // a close that fails leaves nothing to undo
        }
    }

    static Memory struct(int size) {
        Memory m = new Memory(size);
        m.clear();
        m.setInt(0, size);
        return m;
    }

    /** One function in the kernel's INFO answer: its address and, in devid mode, its devid. */
    record Dependent(String address, int devid) {
    }

    /** VFIO_DEVICE_GET_PCI_HOT_RESET_INFO: the flags, the count the first call (argsz 12) reported, the entries. */
    record Info(int flags, int count, String firstCall, List<Dependent> devices) {
        List<String> addresses() {
            return devices.stream().map(Dependent::address).sorted().toList();
        }

        Optional<Dependent> of(String bdf) {
            return devices.stream().filter(d -> d.address.equals(bdf)).findFirst();
        }
    }

    /** An iommufd context with one IOAS, and the cdevs opened and bound to it; closing closes them all. */
    static final class Iommufd implements AutoCloseable {
        final int fd;
        final int ioas;
        final List<Integer> opened = new ArrayList<>();

        Iommufd() {
            fd = open("/dev/iommu");
            try {
                Memory alloc = struct(12);
                ioctl(fd, IOMMU_IOAS_ALLOC, alloc, "IOMMU_IOAS_ALLOC");
                ioas = alloc.getInt(8);
            } catch (Failure e) {
                CdevLab.close(fd);
                throw e;
            }
        }

        /** Opens the function's cdev, binds it to this context and attaches it to the IOAS. */
        Device bind(String bdf) {
            int dfd = open(cdevPath(bdf));
            opened.add(dfd);
            Memory b = struct(16);
            b.setInt(8, fd);
            ioctl(dfd, VFIO_DEVICE_BIND_IOMMUFD, b, "VFIO_DEVICE_BIND_IOMMUFD");
            Memory a = struct(12);
            a.setInt(8, ioas);
            ioctl(dfd, VFIO_DEVICE_ATTACH_IOMMUFD_PT, a, "VFIO_DEVICE_ATTACH_IOMMUFD_PT");
            return new Device(bdf, dfd, b.getInt(12));
        }

        @Override
        public void close() {
            opened.forEach(CdevLab::close);
            CdevLab.close(fd);
        }
    }

    /** An open, bound cdev. */
    record Device(String bdf, int fd, int devid) {
        int infoFlags() {
            Memory m = struct(24);
            ioctl(fd, VFIO_DEVICE_GET_INFO, m, "VFIO_DEVICE_GET_INFO");
            return m.getInt(4);
        }

        Info hotResetInfo() {
            return CdevLab.hotResetInfo(fd);
        }

        /** VFIO_DEVICE_PCI_HOT_RESET with no group fds (the cdev way): "ok" or the errno's name. */
        String hotReset() {
            return CdevLab.hotReset(fd, -1);
        }
    }

    static Info hotResetInfo(int fd) {
        Memory probe = struct(12);
        String first = "ok";
        try {
            ioctl(fd, VFIO_DEVICE_GET_PCI_HOT_RESET_INFO, probe, "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO");
        } catch (Failure e) {
            if (!e.errno.equals("ENOSPC")) {
                throw e;
            }
            first = "ENOSPC";
        }
        int count = probe.getInt(8);
        Memory m = struct(12 + 8 * Math.max(count, 1));
        m.setInt(0, 12 + 8 * count);
        ioctl(fd, VFIO_DEVICE_GET_PCI_HOT_RESET_INFO, m, "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO");
        List<Dependent> devs = new ArrayList<>();
        for (int i = 0; i < m.getInt(8); i++) {
            long at = 12 + 8L * i;
            int id = m.getInt(at);
            int segment = m.getShort(at + 4) & 0xffff;
            int bus = m.getByte(at + 6) & 0xff;
            int devfn = m.getByte(at + 7) & 0xff;
            devs.add(new Dependent(String.format("%04x:%02x:%02x.%d", segment, bus, devfn >> 3, devfn & 7), id));
        }
        return new Info(m.getInt(4), count, first, devs);
    }

    /** HOT_RESET with no fds, or with one fd in the array ({@code withFd} ≥ 0): "ok" or the errno. */
    static String hotReset(int fd, int withFd) {
        Memory m = struct(withFd >= 0 ? 16 : 12);
        if (withFd >= 0) {
            m.setInt(8, 1);
            m.setInt(12, withFd);
        }
        try {
            ioctl(fd, VFIO_DEVICE_PCI_HOT_RESET, m, "VFIO_DEVICE_PCI_HOT_RESET");
            return "ok";
        } catch (Failure e) {
            return e.errno;
        }
    }

    /** /dev/vfio/devices/vfioN of a function bound to vfio-pci, from its sysfs {@code vfio-dev/} folder. */
    static String cdevPath(String bdf) {
        Path dir = LabRunner.GuestSysfs.DEVICES.resolve(bdf).resolve("vfio-dev");
        try (Stream<Path> s = Files.list(dir)) {
            String name = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("vfio"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(dir + " is empty"));
            return "/dev/vfio/devices/" + name;
        } catch (IOException e) {
            throw new IllegalStateException(bdf + " has no vfio cdev (" + dir + ": " + e + ")", e);
        }
    }

    /** Whether this boot should run the cdev checks: the lab's own kernel, or any kernel offering the cdev. */
    static boolean wanted() {
        return kernelHasCdev() || System.getProperty("os.version", "").contains("iommufd");
    }

    static boolean kernelHasCdev() {
        return Files.exists(Path.of("/dev/iommu")) && Files.isDirectory(Path.of("/sys/class/vfio-dev"));
    }

    // ------------------------------------------------------------------------------------ the checks

    /**
     * A hot reset through the cdev: the function opened, the functions bound to vfio-pci, the bridge that resets, and
     * what the host looks for in QEMU's trace: "reset" (the Secondary Bus Reset and a device reset hook: e1000e,
     * nvme) or "sbr" (the Secondary Bus Reset alone: QEMU traces no reset hook for edu or e1000).
     */
    record Case(String name, String target, List<String> bind, String bridge, String trace) {
    }

    /** Every group-path scenario of check 3, through the cdev (the only function opened is the target). */
    static final List<Case> CASES = List.of(
            new Case("endpoint alone behind a root port (e1000e)", "0000:01:00.0", List.of("0000:01:00.0"), "00:02.0", "reset"),
            new Case("endpoint alone behind a root port (nvme)", "0000:02:00.0", List.of("0000:02:00.0"), "00:02.1", "reset"),
            new Case("switch endpoint 1 (e1000e)", "0000:05:00.0", List.of("0000:05:00.0"), "04:00.0", "reset"),
            new Case("switch endpoint 2 (edu)", "0000:06:00.0", List.of("0000:06:00.0"), "04:01.0", "sbr"),
            new Case("multifunction device (e1000e + edu, one group)", "0000:07:00.0",
                    List.of("0000:07:00.0", "0000:07:00.1"), "00:02.3", "reset"),
            new Case("the pair behind the PCIe-to-PCI bridge (one group)", "0000:09:01.0",
                    List.of("0000:09:01.0", "0000:09:02.0"), "08:00.0", "sbr"));

    final LabRunner.Guest g;
    final ObjectNode answers;

    CdevLab(LabRunner.Guest g) {
        this.g = g;
        this.answers = LabRunner.JSON.createObjectNode();
        answers.put("kernel", System.getProperty("os.version"));
        answers.put("scenario", g.scenario);
        answers.put("method", "the lab's own probe (app/src/test/lab/CdevLab.java): open /dev/iommu, IOMMU_IOAS_ALLOC,"
                + " open /dev/vfio/devices/vfioN, VFIO_DEVICE_BIND_IOMMUFD, VFIO_DEVICE_ATTACH_IOMMUFD_PT, then"
                + " VFIO_DEVICE_GET_PCI_HOT_RESET_INFO (argsz 12, then full) and VFIO_DEVICE_PCI_HOT_RESET with no fds");
    }

    /** The guest's audit log's length before the first of the tool's {@code reset --cdev} runs of this boot. */
    final int auditFrom = LabRunner.AuditLog.count();
    /** The tool's {@code reset --cdev} runs that reached the kernel's hot reset: target and result, for {@link #toolAudit}. */
    final List<String[]> toolResets = new ArrayList<>();

    /** Runs the checks of this boot; writes cdev-answers.json. */
    void run() {
        try {
            if (!kernelHasCdev()) {
                g.report.check(false, "13.cdev", "the lab's iommufd kernel shows no /dev/iommu or /sys/class/vfio-dev"
                        + " (IOMMUFD / VFIO_DEVICE_CDEV missing from its config?)");
                return;
            }
            if (g.scenario.equals("normal")) {
                CASES.forEach(this::hotResetCase);
                notOwned();
                hostDriven();
                multiGroup();
                groupAndCdev();
            } else if (g.scenario.equals("linkdown")) {
                linkDown();
            }
            toolAudit();
        } finally {
            try {
                Files.writeString(g.out.resolve("cdev-answers.json"), LabRunner.JSON.writeValueAsString(answers) + "\n");
            } catch (IOException e) {
                g.report.check(false, "13.cdev-answers-written", e.toString());
            }
        }
    }

    /** Binds {@code set} to vfio-pci, runs {@code body}, restores the drivers (whatever body did). */
    void withBound(String id, List<String> set, Runnable body) {
        Map<String, String> before = new TreeMap<>();
        set.forEach(a -> before.put(a, LabRunner.GuestSysfs.driverName(a)));
        if (!g.bind(set, id + "-bind")) {
            return;
        }
        try {
            body.run();
        } finally {
            g.restore(set, before, id + "-restore");
        }
    }

    ObjectNode record(String id) {
        return answers.withArray("cases").addObject().put("id", id);
    }

    static ObjectNode infoJson(ObjectNode rec, Info info) {
        rec.put("firstCall", info.firstCall).put("count", info.count).put("flags", info.flags);
        ArrayNode devs = rec.putArray("devices");
        info.devices.forEach(d -> devs.addObject().put("address", d.address).put("devid", d.devid)
                .put("group", LabRunner.GuestSysfs.group(d.address).orElse(-1)));
        return rec;
    }

    /** Devid in the kernel's words: OWNED (0), NOT_OWNED (−1), or the opened device's id. */
    static String devidWord(int devid) {
        return devid == DEVID_OWNED ? "owned(0)" : devid == DEVID_NOT_OWNED ? "not-owned(-1)" : "devid " + devid;
    }

    static String describe(Info info) {
        StringBuilder b = new StringBuilder("flags 0x" + Integer.toHexString(info.flags) + " [");
        for (Dependent d : info.devices) {
            b.append(b.charAt(b.length() - 1) == '[' ? "" : ", ").append(d.address.substring(5)).append(' ')
                    .append(devidWord(d.devid));
        }
        return b.append(']').toString();
    }

    /** The tool's prediction of the hot reset's set (blast --json's hotReset) against the kernel's INFO list. */
    String[] compareSet(String target, JsonNode p, Info info, List<Integer> groups) {
        List<String> predicted = LabRunner.strings(p.get("affected")).stream().sorted().toList();
        List<String> predictedGroups = LabRunner.strings(p.get("groups"));
        boolean ok = p.get("possible").asBoolean() && predicted.equals(info.addresses())
                && predictedGroups.equals(groups.stream().map(String::valueOf).toList());
        return LabRunner.result(ok, "blast --json " + predicted + " groups " + predictedGroups + "; the kernel through the cdev "
                + info.addresses() + " groups " + groups + " (" + p.get("source").asText() + ")");
    }

    static List<Integer> groupsOf(Info info) {
        return new TreeSet<>(info.devices.stream().map(d -> LabRunner.GuestSysfs.group(d.address).orElse(-1)).toList())
                .stream().toList();
    }

    /** Check 13: a hot reset through the cdev, every function of the set in the tool's one iommufd context. */
    void hotResetCase(Case k) {
        String tag = "[" + k.target.substring(5) + "]";
        JsonNode p = g.predict(k.target);
        Info[] kernel = new Info[1];
        withBound("13.cdev" + tag, k.bind, () -> {
            ObjectNode rec = record("13.cdev" + tag).put("device", k.target).put("name", k.name);
            rec.set("vfioBound", LabRunner.JSON.valueToTree(k.bind));
            JsonNode tool = cdevPrediction(k.target, rec);
            try (Iommufd ctx = new Iommufd()) {
                String cdev = cdevPath(k.target);
                rec.put("cdev", cdev);
                if (k.target.equals("0000:01:00.0")) {
                    // before BIND the cdev answers nothing: EINVAL
                    int raw = open(cdev);
                    String before;
                    try {
                        hotResetInfo(raw);
                        before = "ok";
                    } catch (Failure e) {
                        before = e.errno;
                    } finally {
                        close(raw);
                    }
                    rec.put("infoBeforeBind", before);
                    String b = before;
                    g.report.run("13.cdev-info-before-bind" + tag, () -> LabRunner.result(b.equals("EINVAL"),
                            "HOT_RESET_INFO on a cdev not yet bound to an iommufd: " + b + " (expected EINVAL)"));
                }
                Device d = ctx.bind(k.target);
                rec.put("devid", d.devid).put("deviceFlags", d.infoFlags());
                Info info = d.hotResetInfo();
                infoJson(rec, info);
                List<Integer> groups = groupsOf(info);
                g.report.run("13.cdev-blast" + tag, () -> compareSet(k.target, p, info, groups));
                g.report.run("13.cdev-owned" + tag, () -> {
                    boolean self = info.of(k.target).map(x -> x.devid == d.devid && d.devid > 0).orElse(false);
                    boolean others = info.devices.stream().filter(x -> !x.address.equals(k.target))
                            .allMatch(x -> x.devid == DEVID_OWNED);
                    boolean flags = info.flags == (FLAG_DEV_ID | FLAG_DEV_ID_OWNED);
                    return LabRunner.result(self && others && flags && info.firstCall.equals("ENOSPC"),
                            "first call (argsz 12) " + info.firstCall + " count " + info.count + "; " + describe(info)
                                    + "; the opened cdev's devid " + d.devid
                                    + " (expected DEV_ID|DEV_ID_OWNED, the target's own devid, OWNED for the rest)");
                });
                if (k.target.equals("0000:01:00.0")) {
                    String one = hotReset(d.fd, d.fd);
                    rec.put("hotResetWithOneFd", one);
                    g.report.run("13.cdev-fd-array" + tag, () -> LabRunner.result(one.equals("EINVAL"),
                            "HOT_RESET through the cdev with a cdev fd in the array: " + one + " (expected EINVAL: a cdev"
                                    + " reset takes no fds)"));
                }
                g.mark("13.cdev-hot-reset" + tag, "before", k.bridge + " " + k.trace);
                String r = d.hotReset();
                g.mark("13.cdev-hot-reset" + tag, "after", "");
                rec.put("hotReset", r);
                g.report.run("13.cdev-hot-reset" + tag, () -> LabRunner.result(r.equals("ok"),
                        "VFIO_DEVICE_PCI_HOT_RESET with no fds through " + cdev + ": " + r + " (" + k.name + ")"));
                g.report.run("13.cdev-prediction" + tag, () -> compareOwnership(tool, info, r));
                kernel[0] = info;
            } catch (Failure e) {
                rec.put("error", e.getMessage());
                g.report.check(false, "13.cdev" + tag, "the kernel refused: " + e.getMessage());
            }
            if (kernel[0] != null) {  // the probe's fds are closed: the tool's own reset --cdev of the same set
                toolReset("18.tool-cdev-reset" + tag, k.target, kernel[0], k.bridge, k.trace);
                if (k.target.equals("0000:01:00.0")) {
                    toolDryRun("18.tool-cdev-dry-run" + tag, k.target, kernel[0], k.bridge);
                    toolGroupHeld("18.tool-cdev-group-held" + tag, k.target, k.bridge);
                }
            }
        });
    }

    /** Check 14a: a sibling with no driver is not owned (−1); the kernel's hot reset is EINVAL. */
    void notOwned() {
        String target = "0000:09:01.0";
        String sibling = "0000:09:02.0";
        String id = "14.cdev-not-owned[09:01.0]";
        JsonNode p = g.predict(target);
        if (!LabRunner.GuestSysfs.driverName(sibling).equals("none")) {
            g.report.skip(id, sibling + " has driver " + LabRunner.GuestSysfs.driverName(sibling) + ", not none");
            return;
        }
        Info[] kernel = new Info[1];
        withBound(id, List.of(target), () -> {
            ObjectNode rec = record(id).put("device", target).put("sibling", sibling).put("siblingDriver", "none");
            JsonNode tool = cdevPrediction(target, rec);
            try (Iommufd ctx = new Iommufd()) {
                Device d = ctx.bind(target);
                Info info = d.hotResetInfo();
                infoJson(rec, info);
                g.mark(id, "before", "08:00.0 none");
                String r = d.hotReset();
                g.mark(id, "after", "");
                rec.put("hotReset", r);
                int sib = info.of(sibling).map(Dependent::devid).orElse(Integer.MIN_VALUE);
                boolean ok = sib == DEVID_NOT_OWNED && info.flags == FLAG_DEV_ID && r.equals("EINVAL");
                g.report.check(ok, id, describe(info) + "; HOT_RESET " + r + " (expected " + sibling
                        + " not-owned(-1), flags DEV_ID only, EINVAL)" + toolSays(p, sibling));
                g.report.run("14.cdev-blast[09:01.0]", () -> compareSet(target, p, info, groupsOf(info)));
                g.report.run("14.cdev-prediction[09:01.0]", () -> compareOwnership(tool, info, r));
                kernel[0] = info;
            } catch (Failure e) {
                rec.put("error", e.getMessage());
                g.report.check(false, id, "the kernel refused before INFO: " + e.getMessage());
            }
            if (kernel[0] != null) {
                toolRefused("18.tool-cdev-not-owned[09:01.0]", target, kernel[0], "08:00.0", sibling);
            }
        });
    }

    /** Check 14b: a sibling in the group still on its host driver: BIND is refused with EPERM. */
    void hostDriven() {
        String target = "0000:07:00.1";
        String sibling = "0000:07:00.0";
        String id = "14.cdev-host-driven[07:00.1]";
        String driver = LabRunner.GuestSysfs.driverName(sibling);
        withBound(id, List.of(target), () -> {
            ObjectNode rec = record(id).put("device", target).put("sibling", sibling).put("siblingDriver", driver);
            JsonNode tool = cdevPrediction(target, rec);
            String r;
            try (Iommufd ctx = new Iommufd()) {
                ctx.bind(target);
                r = "ok";
            } catch (Failure e) {
                r = e.errno + " from " + e.operation;
            }
            rec.put("bind", r);
            boolean ok = r.equals("EPERM from VFIO_DEVICE_BIND_IOMMUFD") && !driver.equals("none") && !driver.equals("vfio-pci");
            g.report.check(ok, id, "cdev of " + target + " with " + sibling + " on " + driver + ": " + r
                    + " (expected EPERM from VFIO_DEVICE_BIND_IOMMUFD: the group is not viable)");
            String kernel = r;
            g.report.run("14.cdev-prediction[07:00.1]", () -> {
                if (tool == null) {
                    return LabRunner.skip(NO_CDEV_PATH);
                }
                String verdict = tool.path("verdict").asText();
                boolean says = tool.path("blockers").toString().contains("EPERM");
                return LabRunner.result(verdict.equals("blocked") && says, "cdevPath verdict " + verdict
                        + ", a blocker names EPERM: " + says + "; the kernel: " + kernel);
            });
        });
    }

    /** Check 15: a hot reset whose set spans three IOMMU groups (SR-IOV VFs, the PF on nvme). */
    void multiGroup() {
        String pf = "0000:0c:00.0";
        String vf1 = "0000:0c:00.1";
        String vf2 = "0000:0c:00.2";
        String id = "15.cdev-multi-group[0c:00.1]";
        if (!Files.isDirectory(LabRunner.GuestSysfs.DEVICES.resolve(vf2))) {
            g.report.check(false, id, "no VFs: " + vf2 + " is missing (guest.sh enables them)");
            return;
        }
        JsonNode p = g.predict(vf1);
        Info[] kernel = new Info[1];
        withBound(id, List.of(vf1, vf2), () -> {
            ObjectNode rec = record(id).put("device", vf1).put("pfDriver", LabRunner.GuestSysfs.driverName(pf));
            JsonNode tool = cdevPrediction(vf1, rec);
            try (Iommufd ctx = new Iommufd()) {
                Device d1 = ctx.bind(vf1);
                Device d2 = ctx.bind(vf2);
                rec.put("devid", d1.devid).put("otherVfDevid", d2.devid);
                Info info = d1.hotResetInfo();
                infoJson(rec, info);
                List<Integer> groups = groupsOf(info);
                g.mark(id, "before", "00:04.0 none");
                String r = d1.hotReset();
                g.mark(id, "after", "");
                rec.put("hotReset", r);
                boolean three = groups.size() == 3 && info.addresses().equals(List.of(pf, vf1, vf2));
                boolean own = info.of(vf1).map(x -> x.devid == d1.devid).orElse(false);
                boolean pfNot = info.of(pf).map(x -> x.devid == DEVID_NOT_OWNED).orElse(false);
                g.report.check(three && own && pfNot && r.equals("EINVAL"), id, describe(info) + " in groups " + groups
                        + "; the other VF opened in the same iommufd has devid " + d2.devid + "; HOT_RESET " + r
                        + " (expected PF + both VFs in three groups, the PF on nvme not-owned(-1), EINVAL)"
                        + toolSays(p, pf));
                g.report.run("15.cdev-blast[0c:00.1]", () -> compareSet(vf1, p, info, groups));
                g.report.run("15.cdev-prediction[0c:00.1]", () -> compareOwnership(tool, info, r));
                kernel[0] = info;
            } catch (Failure e) {
                rec.put("error", e.getMessage());
                g.report.check(false, id, "the kernel refused before INFO: " + e.getMessage());
            }
            if (kernel[0] != null) {
                toolRefused("18.tool-cdev-multi-group[0c:00.1]", vf1, kernel[0], "00:04.0", pf);
            }
        });
    }

    /** Check 16: the group and the cdev of one group opened at once: EBUSY, whichever comes second. */
    void groupAndCdev() {
        String target = "0000:01:00.0";
        String id = "16.cdev-group-ebusy[01:00.0]";
        withBound(id, List.of(target), () -> {
            ObjectNode rec = record(id).put("device", target);
            String group = "/dev/vfio/" + LabRunner.GuestSysfs.group(target).orElseThrow();
            String cdevSecond;
            int gfd = open(group);
            try (Iommufd ctx = new Iommufd()) {
                ctx.bind(target);
                cdevSecond = "ok";
            } catch (Failure e) {
                cdevSecond = e.errno + " from " + e.operation;
            } finally {
                close(gfd);
            }
            String groupSecond;
            try (Iommufd ctx = new Iommufd()) {
                ctx.bind(target);
                try {
                    close(open(group));
                    groupSecond = "ok";
                } catch (Failure e) {
                    groupSecond = e.errno + " from open " + group;
                }
            } catch (Failure e) {
                groupSecond = "the cdev alone failed: " + e.getMessage();
            }
            rec.put("groupThenCdev", cdevSecond).put("cdevThenGroup", groupSecond);
            boolean ok = cdevSecond.startsWith("EBUSY") && groupSecond.startsWith("EBUSY");
            g.report.check(ok, id, group + " open, then the cdev: " + cdevSecond + "; the cdev bound, then " + group + ": "
                    + groupSecond + " (expected EBUSY both ways)");
        });
    }

    /** Check 17 (boot linkdown): QEMU's default 16 GT/s root ports: the cdev's hot reset fails with ENOTTY too. */
    void linkDown() {
        String target = "0000:01:00.0";
        String id = "17.cdev-enotty[01:00.0]";
        withBound(id, List.of(target), () -> {
            ObjectNode rec = record(id).put("device", target);
            try (Iommufd ctx = new Iommufd()) {
                Device d = ctx.bind(target);
                g.mark(id, "before", "00:02.0 reset");
                String r = d.hotReset();
                g.mark(id, "after", "");
                rec.put("hotReset", r);
                g.report.check(r.equals("ENOTTY"), id, "VFIO_DEVICE_PCI_HOT_RESET with no fds at QEMU's default link"
                        + " speed: " + r + " (expected ENOTTY: the link did not come back)");
            } catch (Failure e) {
                rec.put("error", e.getMessage());
                g.report.check(false, id, "the kernel refused before the reset: " + e.getMessage());
            }
        });
        toolLinkNotBack("18.tool-cdev-link-not-back[01:00.0]", target);
    }

    // ---------------------------------------------- check 18: the tool's own reset --cdev against the probe's answer

    /** The steps of a hot reset through the cdev, in the order README.md's contract gives them (repeats folded). */
    static final List<String> CDEV_STEPS = List.of("open_iommufd", "open_cdev", "bind_iommufd", "ioas_alloc",
            "attach_iommufd_pt", "get_info", "get_hot_reset_info", "compare", "hot_reset", "verify", "close");

    LabRunner.CliCall cdevReset(String target, List<String> confirm, String... extra) {
        List<String> args = new ArrayList<>(List.of("reset", target, "--cdev", "--confirm", String.join(",", confirm)));
        args.addAll(List.of(extra));
        args.addAll(List.of("--json", LabRunner.STATE));
        return g.cli.run(args.toArray(String[]::new));
    }

    /** The step names that ran, each once, in the order they first ran. */
    static List<String> stepOrder(JsonNode j) {
        return LabRunner.Guest.stepsRun(j).stream().map(x -> x.split(":")[0]).distinct().toList();
    }

    /**
     * The tool's {@code kernelList} (devid, ownership) against the probe's INFO answer for the same set: the same
     * functions, −1 {@code notOwned} and 0 {@code owned} exactly; an opened function has a devid of its own on both
     * sides, whose value depends on the order of BIND and IOAS_ALLOC (the probe allocates the IOAS first). Empty: equal.
     */
    static List<String> kernelListProblems(JsonNode j, Info kernel) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> tool = new TreeMap<>();
        j.path("kernelList").forEach(e -> tool.put(e.path("address").asText(), e));
        if (!tool.keySet().equals(new TreeSet<>(kernel.addresses()))) {
            problems.add("kernelList " + tool.keySet() + " but the probe's INFO " + kernel.addresses());
        }
        for (Dependent d : kernel.devices) {
            JsonNode e = tool.get(d.address);
            if (e == null) {
                continue;
            }
            int devid = e.path("devid").asInt(Integer.MIN_VALUE);
            String ownership = e.path("ownership").asText();
            String want = d.devid == DEVID_NOT_OWNED ? "notOwned" : d.devid == DEVID_OWNED ? "owned" : "opened";
            boolean idOk = d.devid > 0 ? devid > 0 : devid == d.devid;
            if (!idOk || !want.equals(ownership)) {
                problems.add(d.address.substring(5) + " devid " + devid + " " + ownership + " but the kernel told the probe "
                        + devidWord(d.devid));
            }
        }
        return problems;
    }

    static String kernelListText(JsonNode j) {
        List<String> out = new ArrayList<>();
        j.path("kernelList").forEach(e -> out.add(e.path("address").asText().substring(5) + " "
                + e.path("devid").asText("?") + " " + e.path("ownership").asText("?")));
        return out.toString();
    }

    /**
     * The tool's {@code reset BDF --cdev --confirm <the kernel's list>} with the set already on vfio-pci (as check 3):
     * exit 0, path cdev, the kernel list the probe got, the contract's steps in order, every function came back; QEMU's
     * trace must show the reset on {@code bridge}.
     */
    void toolReset(String id, String target, Info kernel, String bridge, String trace) {
        g.mark(id, "before", bridge + " " + trace);
        LabRunner.CliCall c = cdevReset(target, kernel.addresses());
        g.mark(id, "after", "");
        JsonNode j = LabRunner.Guest.jsonOrNull(c);
        if (c.code() == 0) {
            toolResets.add(new String[] {target, "ok"});
        }
        g.report.run(id, () -> {
            if (j == null) {
                return LabRunner.fail("no JSON report: " + c.brief());
            }
            List<String> problems = new ArrayList<>(kernelListProblems(j, kernel));
            List<String> steps = stepOrder(j);
            if (!steps.equals(CDEV_STEPS)) {
                problems.add("steps " + steps + ", expected " + CDEV_STEPS);
            }
            JsonNode v = LabRunner.Guest.verificationOf(j);
            String verdict = v == null ? null : LabRunner.text(v.get("verdict"));
            List<String> notBack = new ArrayList<>();
            if (v != null) {
                v.path("functions").forEach(f -> {
                    if (!"came-back".equals(LabRunner.text(f.get("verdict")))) {
                        notBack.add(LabRunner.text(f.get("address")) + " " + LabRunner.text(f.get("verdict")));
                    }
                });
            }
            if (!"came-back".equals(verdict) || !notBack.isEmpty() || v.path("functions").size() != kernel.devices.size()) {
                problems.add("verification " + verdict + (notBack.isEmpty() ? "" : ", not back: " + notBack));
            }
            String path = LabRunner.text(j.get("path"));
            String outcome = LabRunner.text(j.get("outcome"));
            boolean ok = c.code() == 0 && "cdev".equals(path) && "reset".equals(outcome) && problems.isEmpty();
            return LabRunner.result(ok, "reset --cdev exit " + c.code() + ", path " + path + " (" + LabRunner.text(j.get("pathReason"))
                    + "), outcome " + outcome + ", kernelList " + kernelListText(j) + ", the probe's " + describe(kernel)
                    + ", verification " + verdict + (problems.isEmpty() ? "" : " — " + String.join("; ", problems))
                    + (ok ? "" : "; " + c.brief()));
        });
    }

    /** {@code --dry-run --cdev}: every step but the hot reset, the kernel's list, and no reset in QEMU's trace. */
    void toolDryRun(String id, String target, Info kernel, String bridge) {
        g.mark(id, "before", "");
        LabRunner.CliCall c = cdevReset(target, kernel.addresses(), "--dry-run");
        // the e1000e has a function reset (pm): vfio-pci's reset on release is that, not a bus reset
        g.mark(id, "after", bridge + " none");
        JsonNode j = LabRunner.Guest.jsonOrNull(c);
        g.report.run(id, () -> {
            if (j == null) {
                return LabRunner.fail("no JSON report: " + c.brief());
            }
            List<String> problems = new ArrayList<>(kernelListProblems(j, kernel));
            List<String> steps = stepOrder(j);
            if (steps.contains("hot_reset") || !steps.containsAll(List.of("bind_iommufd", "get_hot_reset_info", "compare"))) {
                problems.add("steps " + steps);
            }
            String path = LabRunner.text(j.get("path"));
            boolean ok = c.code() == 0 && "cdev".equals(path) && problems.isEmpty();
            return LabRunner.result(ok, "reset --cdev --dry-run exit " + c.code() + ", path " + path + ", outcome "
                    + LabRunner.text(j.get("outcome")) + ", steps run " + steps + ", kernelList " + kernelListText(j)
                    + (problems.isEmpty() ? "" : " — " + String.join("; ", problems)) + (ok ? "" : "; " + c.brief()));
        });
    }

    /**
     * A set the kernel answered with a devid −1 for {@code notOwned} (a driverless sibling, the SR-IOV PF on nvme): the
     * tool refuses before VFIO_DEVICE_PCI_HOT_RESET, with CDEV_NOT_OWNED and the kernel's −1 when it got as far as
     * asking, or before any ioctl with the blocker naming that function; QEMU saw no reset on {@code bridge}.
     */
    void toolRefused(String id, String target, Info kernel, String bridge, String notOwned) {
        g.mark(id, "before", "");
        LabRunner.CliCall c = cdevReset(target, kernel.addresses());
        JsonNode j = LabRunner.Guest.jsonOrNull(c);
        g.mark(id, "after", bridge + " none");
        g.report.run(id, () -> {
            if (j == null) {
                return LabRunner.fail("no JSON report: " + c.brief());
            }
            List<String> codes = new ArrayList<>();
            j.path("refusals").forEach(x -> codes.add(LabRunner.text(x.get("code")) + "@" + LabRunner.text(x.get("device"))));
            List<String> steps = stepOrder(j);
            boolean asked = steps.contains("get_hot_reset_info");
            List<String> problems = asked ? kernelListProblems(j, kernel) : List.of();
            boolean named = asked ? codes.contains("CDEV_NOT_OWNED@" + notOwned)
                    : codes.stream().anyMatch(x -> x.endsWith("@" + notOwned));
            boolean ok = c.code() == 1 && "refused".equals(LabRunner.text(j.get("outcome"))) && named
                    && !steps.contains("hot_reset") && problems.isEmpty();
            return LabRunner.result(ok, "reset --cdev exit " + c.code() + ", outcome " + LabRunner.text(j.get("outcome"))
                    + ", refusals " + codes + ", steps run " + steps + (asked ? ", kernelList " + kernelListText(j)
                    + " (the probe's " + describe(kernel) + ")" : ", refused before asking the kernel")
                    + (problems.isEmpty() ? "" : " — " + String.join("; ", problems)) + " — "
                    + LabRunner.Guest.refusalText(j, c));
        });
    }

    /**
     * The group of {@code target} held open by another process (a shell holding {@code /dev/vfio/<group>}) while the
     * tool's {@code reset --cdev} runs: the kernel's EBUSY (or the tool's holder scan) as one clear line, no reset.
     */
    void toolGroupHeld(String id, String target, String bridge) {
        String group = "/dev/vfio/" + LabRunner.GuestSysfs.group(target).orElseThrow();
        Process holder;
        try {
            holder = new ProcessBuilder("sh", "-c", "exec 3<>" + group + " && echo held && exec sleep 120")
                    .redirectErrorStream(true).start();
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
            if (!"held".equals(first)) {
                holder.destroy();
                g.report.check(false, id, "the holder could not open " + group + ": " + first);
                return;
            }
        } catch (IOException e) {
            g.report.check(false, id, "could not start the holder: " + e);
            return;
        }
        LabRunner.CliCall c;
        try {
            g.mark(id, "before", "");
            c = cdevReset(target, List.of(target));
            g.mark(id, "after", bridge + " none");
        } finally {
            holder.destroy();
            try {
                holder.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        JsonNode j = LabRunner.Guest.jsonOrNull(c);
        g.report.run(id, () -> {
            String errno = LabRunner.Guest.errorField(j, "errnoName");
            String sentence = LabRunner.Guest.errorField(j, "sentence");
            String said = sentence != null ? sentence : j == null ? c.text() : LabRunner.Guest.refusalText(j, c);
            List<String> steps = j == null ? List.of() : stepOrder(j);
            boolean clear = said != null && !said.contains("Exception") && !said.contains("\tat ")
                    && (said.contains("EBUSY") || said.contains(String.valueOf(holder.pid())));
            boolean ok = (c.code() == 1 || c.code() == 3) && clear && !steps.contains("hot_reset")
                    && !c.err().contains("Exception");
            return LabRunner.result(ok, "holder pid " + holder.pid() + " has " + group + " open; reset --cdev exit " + c.code()
                    + ", errno " + errno + ", steps run " + steps + ", says: " + LabRunner.abbreviate(String.valueOf(said))
                    + (ok ? "" : "; " + c.brief()));
        });
    }

    /**
     * Boot linkdown: the tool's {@code reset --cdev --bind} meets the kernel's ENOTTY and reports it as the group path
     * does (6.verdict-link-not-back): exit 4, verdict lost, advice; the original driver back; QEMU saw the reset.
     */
    void toolLinkNotBack(String id, String target) {
        Map<String, String> before = g.drivers(List.of(target));
        g.mark(id, "before", "00:02.0 reset");
        LabRunner.CliCall c = cdevReset(target, List.of(target), "--bind");
        g.mark(id, "after", "");
        JsonNode j = LabRunner.Guest.jsonOrNull(c);
        if (c.code() == LabRunner.Guest.NOT_BACK) {
            toolResets.add(new String[] {target, "failed"});
        }
        String port = LabRunner.GuestSysfs.parent(target);
        Map<String, String> after = g.drivers(List.of(target));
        g.report.run(id, () -> {
            String[] r = g.linkNotBack(c, target, port + " now " + LabRunner.Guest.linkText(port));
            String errno = LabRunner.Guest.errorField(j, "errnoName");
            String path = j == null ? null : LabRunner.text(j.get("path"));
            boolean ok = r[0].equals("PASS") && "ENOTTY".equals(errno) && "cdev".equals(path) && after.equals(before)
                    && stepOrder(j).contains("bind_iommufd");
            return LabRunner.result(ok, "path " + path + ", errno " + errno + ", drivers " + after
                    + (after.equals(before) ? " restored" : " but before " + before) + "; " + r[1]);
        });
    }

    /**
     * The guest's audit log says which path each of the tool's cdev resets took: for every {@code reset --cdev} that
     * reached the kernel, an intent record (not a dry run) saying "through the vfio cdev and iommufd", then its result.
     */
    void toolAudit() {
        String id = "18.tool-cdev-audit";
        List<JsonNode> recs = new ArrayList<>();
        List<String> lines = LabRunner.AuditLog.lines();
        for (String line : lines.subList(Math.min(auditFrom, lines.size()), lines.size())) {
            try {
                recs.add(LabRunner.JSON.readTree(line));
            } catch (IOException e) {
                g.report.check(false, id, "a record is not JSON: " + LabRunner.abbreviate(line));
                return;
            }
        }
        List<String> problems = new ArrayList<>();
        int at = 0;
        for (String[] run : toolResets) {
            int intent = -1;
            for (int i = at; i < recs.size() && intent < 0; i++) {
                JsonNode r = recs.get(i);
                if ("reset".equals(LabRunner.text(r.get("action"))) && "intent".equals(LabRunner.text(r.get("phase")))
                        && run[0].equals(LabRunner.text(r.get("target"))) && !r.path("dryRun").asBoolean()
                        && LabRunner.text(r.get("message")).contains("through the vfio cdev and iommufd")) {
                    intent = i;
                }
            }
            int result = -1;
            for (int i = intent + 1; intent >= 0 && i < recs.size() && result < 0; i++) {
                JsonNode r = recs.get(i);
                if ("reset".equals(LabRunner.text(r.get("action"))) && "result".equals(LabRunner.text(r.get("phase")))
                        && run[0].equals(LabRunner.text(r.get("target")))) {
                    result = i;
                }
            }
            String got = result < 0 ? null : LabRunner.text(recs.get(result).get("result"));
            if (intent < 0 || !run[1].equals(got)) {
                problems.add(run[0] + ": " + (intent < 0 ? "no intent record through the cdev" : "result " + got
                        + ", expected " + run[1]));
            } else {
                at = result + 1;
            }
        }
        boolean ok = !toolResets.isEmpty() && problems.isEmpty();
        g.report.check(ok, id, toolResets.size() + " reset --cdev run(s) that reached the kernel, each an intent record saying"
                + " \"through the vfio cdev and iommufd\" and its result (" + recs.size() + " records since the first)"
                + (problems.isEmpty() ? "" : " — " + String.join("; ", problems)));
    }

    /**
     * {@code blast BDF --json}'s {@code cdevPath} (issue 20's contract), asked with the set bound to vfio-pci and before
     * the probe opens anything (the tool's holder scan would otherwise see the probe's own fds); null when the CLI has none.
     */
    JsonNode cdevPrediction(String target, ObjectNode rec) {
        LabRunner.CliCall c = g.cli.run("blast", target, "--json");
        JsonNode j = LabRunner.Guest.jsonOrNull(c);
        JsonNode cdev = j == null ? null : j.get("cdevPath");
        if (cdev != null && !cdev.isNull()) {
            rec.set("toolCdevPath", cdev);
            return cdev;
        }
        return null;
    }

    static final String NO_CDEV_PATH = "blast --json has no cdevPath (issue 20's contract: the cdev path's prediction)";

    /**
     * The tool's ownership of every function against the kernel's devid for it (opened: its own devid, implicitlyOwned:
     * 0, notOwned: −1), and its verdict against the kernel's HOT_RESET ({@code kernelResult} null: not compared).
     */
    static String[] compareOwnership(JsonNode cdev, Info info, String kernelResult) {
        if (cdev == null) {
            return LabRunner.skip(NO_CDEV_PATH);
        }
        Map<String, String> tool = new TreeMap<>();
        cdev.path("functions").forEach(f -> tool.put(f.path("address").asText(), f.path("ownership").asText()));
        List<String> problems = new ArrayList<>();
        if (!tool.keySet().equals(new TreeSet<>(info.addresses()))) {
            problems.add("its functions " + tool.keySet() + " are not the kernel's list " + info.addresses());
        }
        for (Dependent d : info.devices) {
            String want = d.devid == DEVID_NOT_OWNED ? "notOwned" : d.devid == DEVID_OWNED ? "implicitlyOwned" : "opened";
            if (!want.equals(tool.get(d.address))) {
                problems.add(d.address.substring(5) + " " + tool.get(d.address) + " but the kernel says " + devidWord(d.devid));
            }
        }
        String verdict = cdev.path("verdict").asText();
        if (kernelResult != null && kernelResult.equals("ok") != verdict.equals("ready")) {
            problems.add("verdict " + verdict + " but the kernel's HOT_RESET answered " + kernelResult);
        }
        return LabRunner.result(problems.isEmpty(), "cdevPath verdict " + verdict + ", ownership " + tool + "; the kernel "
                + describe(info) + (kernelResult == null ? "" : ", HOT_RESET " + kernelResult)
                + (problems.isEmpty() ? "" : " — " + String.join("; ", problems)));
    }

    /** What blast --json says about one function of the set, as far as its JSON shows it (for the record). */
    static String toolSays(JsonNode p, String bdf) {
        return "; blast --json's hotReset: possible " + p.path("possible").asText("?") + ", affected holds " + bdf.substring(5)
                + ": " + LabRunner.strings(p.get("affected")).contains(bdf);
    }
}

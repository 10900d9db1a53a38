package org.vfioinspector.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.vfioinspector.app.cli.Cli;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.AffectedSet;
import org.vfioinspector.core.reset.HotResetPrediction;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;
import org.vfioinspector.core.vfio.DependentDevice;
import org.vfioinspector.core.vfio.Vfio;
import org.vfioinspector.core.vfio.VfioContainer;
import org.vfioinspector.core.vfio.VfioDevice;
import org.vfioinspector.core.vfio.VfioException;
import org.vfioinspector.core.vfio.VfioGroup;

/**
 * The lab's checks (app/src/test/lab/README.md). {@code guest SCENARIO OUT} runs inside the QEMU guest,
 * in ONE JVM for the whole boot: the CLI is run in-process ({@link Cli#run}) and its answers are compared
 * with the guest's lspci, its sysfs and the kernel's own VFIO answers. {@code host SCENARIO OUT TRACE}
 * runs on the host afterwards: it opens the guest's snapshot and reads QEMU's trace of config writes
 * and device resets. Each check prints one line {@code PASS|FAIL|SKIP id detail} to OUT/results.txt.
 *
 * <p>Everything that binds or resets is only ever done in {@code guest} mode, which refuses to run
 * unless the kernel command line carries {@code lab.scenario=}, i.e. unless it runs in the lab guest.
 */
public final class LabRunner {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The guest topology of run-lab.sh (VFIO-LAB.md): every endpoint, with what it stands for. */
    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("endpoint alone behind a root port (e1000e)", "0000:01:00.0"),
            new Scenario("endpoint alone behind a root port (nvme)", "0000:02:00.0"),
            new Scenario("switch endpoint behind downstream port 1 (e1000e)", "0000:05:00.0"),
            new Scenario("switch endpoint behind downstream port 2 (edu)", "0000:06:00.0"),
            new Scenario("multifunction device, function 0 (e1000e)", "0000:07:00.0"),
            new Scenario("multifunction device, function 1 (edu)", "0000:07:00.1"),
            new Scenario("conventional PCI bridge, device 1 (e1000)", "0000:09:01.0"),
            new Scenario("conventional PCI bridge, device 2 (edu)", "0000:09:02.0"),
            new Scenario("function on the root bus (VGA)", "0000:00:01.0"),
            new Scenario("behind root port 1 of a multifunction pair without ACS (e1000e)", "0000:0a:00.0"),
            new Scenario("behind root port 2 of a multifunction pair without ACS (edu)", "0000:0b:00.0"),
            new Scenario("SR-IOV VF 1 of an NVMe controller whose PF stays on nvme", "0000:0c:00.1"),
            new Scenario("SR-IOV VF 2 of the same controller", "0000:0c:00.2"),
            new Scenario("outer bus of a second PCIe-to-PCI bridge, beside a PCI bridge (e1000)", "0000:0e:01.0"),
            new Scenario("inner bus of a PCI bridge behind that PCIe-to-PCI bridge (edu)", "0000:0f:01.0"));

    /** The buses behind the PCIe-to-PCI bridges: their bridges bind shpchp under native hot-plug (boot pciehp). */
    static final List<String> SHPC_BUSES = List.of("09", "0e", "0f");

    /** The bind journal's directory: the chroot's / is read-only, /tmp is the guest's tmpfs. */
    static final String STATE = "--state-dir=/tmp/vfio-inspector-state";

    /** A function with no driver in the guest whose Interrupt Line register carries trace markers. */
    static final String MARKER_DEVICE = "0000:00:1f.3";

    record Scenario(String name, String device) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("guest")) {
            new Guest(args[1], Path.of(args[2])).run();
        } else if (args.length >= 1 && args[0].equals("train")) {
            train();
        } else if (args.length >= 4 && args[0].equals("host")) {
            new HostSide(args[1], Path.of(args[2]), Path.of(args[3])).run();
        } else {
            System.err.println("usage: LabRunner guest SCENARIO OUT | host SCENARIO OUT TRACE | train");
            System.exit(2);
        }
    }

    /**
     * Host only, under {@code -XX:ArchiveClassesAtExit}: loads the classes the guest will need, so the
     * archive holds them. Reads the bundled demo topology only; touches nothing on this host.
     */
    static void train() throws IOException {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (String[] args : List.of(new String[] {"--demo", "tree", "--json"}, new String[] {"--demo", "tree"},
                new String[] {"--demo", "groups", "--json"}, new String[] {"--help"})) {
            Cli.run(args, sink, sink);
        }
        Cli.commandLine().getSubcommands();
        parseLspci(List.of("0000:00:02.0/01:00.0 0200: 8086:10d3", "\tKernel driver in use: e1000e"));
        List<String> diffs = new ArrayList<>();
        HostSide.diff("", JSON.readTree("{\"a\":[1]}"), JSON.readTree("{\"a\":[2]}"), diffs);
        JSON.writeValueAsString(JSON.createObjectNode().putArray("x").addObject().put("y", 1));
        // Every class of these jars: what the checks reach beyond the demo (VFIO, JNA, snapshots, blast).
        ClassLoader loader = LabRunner.class.getClassLoader();
        String cp = System.getProperty("java.class.path");
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (!name.matches("(lab-runner|vfio-inspector.*|picocli|jackson|jna|commons-compress).*\\.jar")) {
                continue;
            }
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry)) {
                for (var e : java.util.Collections.list(jar.entries())) {
                    String n = e.getName();
                    if (n.endsWith(".class") && !n.contains("-") && !n.startsWith("META-INF")) {
                        try {
                            Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false, loader);
                        } catch (Throwable ignored) {
                            // optional dependencies of a library: not needed by the checks
                        }
                    }
                }
            }
        }
        System.exit(0);
    }

    /**
     * The audit log the CLI writes as it acts (issue 19), at its default path: in the guest a tmpfs of its own over
     * the read-only host root's /var/log (init.sh), so nothing reaches the host's /var/log.
     */
    static final class AuditLog {
        static final Path FILE = Path.of("/var/log/vfio-inspector/audit.jsonl");

        /** Its lines; none when there is no log (yet) or it cannot be read (12.audit-log says which). */
        static List<String> lines() {
            try {
                return Files.isRegularFile(FILE) ? Files.readAllLines(FILE, StandardCharsets.UTF_8) : List.of();
            } catch (IOException e) {
                return List.of();
            }
        }

        static int count() {
            return lines().size();
        }

        /** A copy for the work directory (guest mode, at the end of the boot). */
        static void copyTo(Path target) {
            try {
                if (Files.isRegularFile(FILE)) {
                    Files.copy(FILE, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                System.err.println("cannot copy " + FILE + ": " + e);
            }
        }
    }

    // ------------------------------------------------------------------------------------ reporting

    /** results.txt: one line per check, plus MARK lines for the host's trace windows; END when done. */
    static final class Report {
        private final Path file;
        private final String prefix;
        private final long start = System.nanoTime();

        Report(Path file, String prefix) throws IOException {
            this.file = file;
            this.prefix = prefix;
            Files.writeString(file, "");
        }

        void check(boolean pass, String id, String detail) {
            line((pass ? "PASS " : "FAIL ") + prefix + id + " " + detail);
        }

        void skip(String id, String detail) {
            line("SKIP " + prefix + id + " " + detail);
        }

        /** Runs one check; an exception is that check's failure, never the end of the run. */
        void run(String id, Supplier<String[]> body) {
            try {
                String[] r = body.get();
                if (r == null) {
                    return;
                }
                if (r[0].equals("SKIP")) {
                    skip(id, r[1]);
                } else {
                    check(r[0].equals("PASS"), id, r[1]);
                }
            } catch (RuntimeException e) {
                check(false, id, "threw " + e);
            }
        }

        void line(String text) {
            String stamped = text + String.format(" [%.1fs]", (System.nanoTime() - start) / 1e9);
            System.out.println(stamped);
            try {
                Files.writeString(file, text.startsWith("MARK") ? text + "\n" : stamped + "\n",
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String[] pass(String detail) {
        return new String[] {"PASS", detail};
    }

    static String[] fail(String detail) {
        return new String[] {"FAIL", detail};
    }

    static String[] result(boolean ok, String detail) {
        return ok ? pass(detail) : fail(detail);
    }

    static String[] skip(String detail) {
        return new String[] {"SKIP", detail};
    }

    // ------------------------------------------------------------------------------------ the CLI, in-process

    record CliCall(List<String> args, int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON from " + args + ": " + abbreviate(out), e);
            }
        }

        String text() {
            return out + err;
        }

        String brief() {
            return "`" + String.join(" ", args) + "` exit " + code + ": " + abbreviate(text().strip());
        }
    }

    static final class CliRunner {
        private final Path transcript;
        private final java.util.Set<String> commands;

        CliRunner(Path transcript) throws IOException {
            this.transcript = transcript;
            Files.writeString(transcript, "");
            this.commands = Cli.commandLine().getSubcommands().keySet();
        }

        boolean has(String command) {
            return commands.contains(command);
        }

        CliCall run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            int code;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = Cli.run(args, o, e);
            }
            CliCall c = new CliCall(List.of(args), code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
            try {
                Files.writeString(transcript, String.format("$ vfio-inspector %s   # exit %d, %.1fs%n%s%s%n",
                        String.join(" ", args), code, (System.nanoTime() - t0) / 1e9, c.out, c.err),
                        StandardOpenOption.APPEND);
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
            return c;
        }
    }

    static String abbreviate(String s) {
        String one = s.replace('\n', ' ').replaceAll("\\s+", " ");
        return one.length() > 400 ? one.substring(0, 400) + "…" : one;
    }

    // ------------------------------------------------------------------------------------ the guest's sysfs

    /** Reads and writes the guest's own sysfs (guest mode only). */
    static final class GuestSysfs {
        static final Path DEVICES = Path.of("/sys/bus/pci/devices");

        static Optional<String> driver(String bdf) {
            Path link = DEVICES.resolve(bdf).resolve("driver");
            try {
                return Files.isSymbolicLink(link)
                        ? Optional.of(Files.readSymbolicLink(link).getFileName().toString()) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        static String driverName(String bdf) {
            return driver(bdf).orElse("none");
        }

        static Optional<Integer> group(String bdf) {
            try {
                return Optional.of(Integer.parseInt(
                        Files.readSymbolicLink(DEVICES.resolve(bdf).resolve("iommu_group")).getFileName().toString()));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        static void write(Path file, String value) {
            try {
                Files.writeString(file, value);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write '" + value.strip() + "' to " + file + ": " + e, e);
            }
        }

        /** The sysfs way (VFIO-LAB.md); used only when the CLI has no {@code bind} yet. */
        static void bindVfio(String bdf) {
            write(DEVICES.resolve(bdf).resolve("driver_override"), "vfio-pci");
            if (driver(bdf).isPresent()) {
                write(DEVICES.resolve(bdf).resolve("driver/unbind"), bdf);
            }
            write(Path.of("/sys/bus/pci/drivers_probe"), bdf);
        }

        static void unbindVfio(String bdf) {
            write(DEVICES.resolve(bdf).resolve("driver_override"), "\n");
            if (driver(bdf).filter("vfio-pci"::equals).isPresent()) {
                write(DEVICES.resolve(bdf).resolve("driver/unbind"), bdf);
            }
            write(Path.of("/sys/bus/pci/drivers_probe"), bdf);
        }

        /** The upstream bridge of a function: the directory its sysfs directory sits in. */
        static String parent(String bdf) {
            try {
                return DEVICES.resolve(bdf).toRealPath().getParent().getFileName().toString();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Offset of a capability (0x10: PCI Express) in a function's config space; 0 when absent. */
        static int capability(String bdf, int id) {
            int at = readConfigByte(bdf, 0x34) & 0xfc;
            for (int guard = 0; at != 0 && guard < 48; guard++) {
                if (readConfigByte(bdf, at) == id) {
                    return at;
                }
                at = readConfigByte(bdf, at + 1) & 0xfc;
            }
            return 0;
        }

        static int readConfigByte(String bdf, int offset) {
            try (RandomAccessFile f = new RandomAccessFile(DEVICES.resolve(bdf).resolve("config").toFile(), "r")) {
                f.seek(offset);
                return f.read();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static void writeConfigByte(String bdf, int offset, int value) {
            try (RandomAccessFile f = new RandomAccessFile(DEVICES.resolve(bdf).resolve("config").toFile(), "rw")) {
                f.seek(offset);
                f.write(value);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ------------------------------------------------------------------------------------ the kernel, directly

    /**
     * The kernel's own answers through core's VFIO handles, independent of the CLI's executor: the
     * reference for check 2 and the content of kernel-answers.json.
     */
    record KernelAnswer(List<String> affected, List<Integer> groups, String errno, String operation, Boolean resetFlag) {
        static KernelAnswer of(List<DependentDevice> deps) {
            return of(deps, null);
        }

        static KernelAnswer of(List<DependentDevice> deps, Boolean resetFlag) {
            TreeSet<String> a = new TreeSet<>();
            TreeSet<Integer> g = new TreeSet<>();
            for (DependentDevice d : deps) {
                a.add(d.address().toString());
                g.add(d.groupId());
            }
            return new KernelAnswer(List.copyOf(a), List.copyOf(g), null, null, resetFlag);
        }

        static KernelAnswer error(VfioException e, Boolean resetFlag) {
            return new KernelAnswer(null, null, e.errnoName(), e.operation(), resetFlag);
        }

        @Override
        public String toString() {
            return errno == null ? affected.toString() : errno + " from " + operation;
        }
    }

    static final class KernelProbe {
        interface DeviceAction<T> {
            T apply(VfioDevice device, VfioGroup group) throws VfioException;
        }

        static <T> T withDevice(String bdf, DeviceAction<T> action) throws VfioException {
            int group = GuestSysfs.group(bdf).orElseThrow(() -> new IllegalStateException(bdf + " has no IOMMU group"));
            try (VfioContainer c = VfioContainer.open(Path.of("/dev/vfio/vfio"));
                 VfioGroup g = VfioGroup.open(Path.of("/dev/vfio/" + group))) {
                g.setContainer(c);
                c.setIommu(Vfio.VFIO_TYPE1v2_IOMMU);
                try (VfioDevice d = g.getDeviceFd(bdf)) {
                    return action.apply(d, g);
                }
            }
        }

        /** GET_PCI_HOT_RESET_INFO, and GET_INFO's RESET flag (VFIO_DEVICE_RESET works), of one open device. */
        static KernelAnswer info(String bdf) {
            Boolean[] flag = new Boolean[1];
            try {
                return withDevice(bdf, (d, g) -> {
                    flag[0] = d.getInfo().canReset();
                    return KernelAnswer.of(d.getPciHotResetInfo(), flag[0]);
                });
            } catch (VfioException e) {
                return KernelAnswer.error(e, flag[0]);
            }
        }

        /** GET_STATUS's VIABLE flag and what SET_CONTAINER answers ("ok" or the errno) for a function's group. */
        static String[] viability(String bdf) {
            int group = GuestSysfs.group(bdf).orElseThrow(() -> new IllegalStateException(bdf + " has no IOMMU group"));
            try (VfioContainer c = VfioContainer.open(Path.of("/dev/vfio/vfio"));
                 VfioGroup g = VfioGroup.open(Path.of("/dev/vfio/" + group))) {
                boolean viable = g.getStatus().viable();
                try {
                    g.setContainer(c);
                    g.unsetContainer();
                    return new String[] {String.valueOf(viable), "ok"};
                } catch (VfioException e) {
                    return new String[] {String.valueOf(viable), e.errnoName()};
                }
            } catch (VfioException e) {
                return new String[] {"?", e.errnoName() + " from " + e.operation()};
            }
        }

        /** A hot reset of a device whose dependents are all in its own group; "ok" or the errno name. */
        static String hotReset(String bdf) {
            try {
                return withDevice(bdf, (d, g) -> {
                    d.hotReset(List.of(g));
                    return "ok";
                });
            } catch (VfioException e) {
                return e.errnoName();
            }
        }
    }

    // ------------------------------------------------------------------------------------ lspci

    record LspciFunction(String address, String classCode, String ids, String parent, String driver) {
    }

    /** {@code lspci -D -PP -n -k}: "0000:00:02.2/03:00.0/04:00.0/05:00.0 0200: 8086:10d3" + driver lines. */
    static Map<String, LspciFunction> parseLspci(List<String> lines) {
        Pattern head = Pattern.compile("^(\\S+) ([0-9a-f]{4}): ([0-9a-f]{4}:[0-9a-f]{4}).*");
        Map<String, LspciFunction> out = new TreeMap<>();
        LspciFunction cur = null;
        for (String line : lines) {
            Matcher m = head.matcher(line);
            if (m.matches()) {
                String[] path = m.group(1).split("/");
                String domain = path[0].substring(0, path[0].indexOf(':'));
                String addr = withDomain(domain, path[path.length - 1]);
                String parent = path.length > 1 ? withDomain(domain, path[path.length - 2]) : null;
                cur = new LspciFunction(addr, m.group(2), m.group(3), parent, null);
                out.put(addr, cur);
            } else if (cur != null && line.strip().startsWith("Kernel driver in use:")) {
                cur = new LspciFunction(cur.address, cur.classCode, cur.ids, cur.parent,
                        line.substring(line.indexOf(':') + 1).strip());
                out.put(cur.address, cur);
            }
        }
        return out;
    }

    /** A small sysfs/tracefs text file, trimmed; empty when it cannot be read. */
    static final class HostText {
        static String read(Path p) {
            try {
                return Files.readString(p, StandardCharsets.ISO_8859_1).strip();
            } catch (IOException e) {
                return "";
            }
        }
    }

    static String withDomain(String domain, String bdf) {
        return bdf.chars().filter(c -> c == ':').count() == 2 ? bdf : domain + ":" + bdf;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    // ------------------------------------------------------------------------------------ guest mode

    static final class Guest {
        final String scenario;
        final Path out;
        final Report report;
        final CliRunner cli;
        final ObjectNode answers = JSON.createObjectNode();
        int marker = 0x20;
        final int markerOriginal;

        Guest(String scenario, Path out) throws IOException {
            String cmdline = Files.readString(Path.of("/proc/cmdline"));
            if (!cmdline.contains("lab.scenario=" + scenario)) {
                // Binding and resetting are for the lab guest only, never for the machine running the build.
                throw new IllegalStateException("not in the lab guest (no lab.scenario=" + scenario
                        + " on the kernel command line); refusing to bind or reset anything");
            }
            this.scenario = scenario;
            this.out = out;
            this.report = new Report(out.resolve("results.txt"), scenario + "/");
            this.cli = new CliRunner(out.resolve("transcript.txt"));
            this.markerOriginal = GuestSysfs.readConfigByte(MARKER_DEVICE, 0x3c);
        }

        /**
         * A config write QEMU's trace shows: brackets a step so the host can look at what happened in
         * it. {@code expect} is "BRIDGE reset", "BRIDGE none" or empty (nothing to check).
         */
        void mark(String label, String phase, String expect) {
            int value = marker++;
            if (marker > 0xfe) {
                marker = 0x20;
            }
            GuestSysfs.writeConfigByte(MARKER_DEVICE, 0x3c, value);
            report.line("MARK|" + label + "|" + phase + "|" + value + "|" + expect);
        }

        void run() throws IOException {
            answers.put("kernel", System.getProperty("os.version"));
            answers.put("machine", "QEMU q35 with intel-iommu, the topology of app/src/test/lab/run-lab.sh"
                    + (scenario.equals("linkdown") ? " (QEMU's default root-port link speed)" : " (root ports at 2.5 GT/s x1)")
                    + (scenario.equals("pciehp") ? ", native PCIe hot-plug (pciehp)" : ", ACPI hot-plug (acpiphp)"));
            answers.put("scenario", scenario);
            report.line("INFO " + scenario + "/commands " + cli.commands);
            try {
                if (scenario.equals("normal")) {
                    checkTree();
                    writeSnapshot();
                    checkBlastAgainstKernel(SCENARIOS);
                    kernelHotReset("0000:01:00.0", "ok");
                    checkResetAndRestore();
                    checkFunctionReset("0000:01:00.0");
                    checkSoak("11.soak[01:00.0]", "0000:01:00.0", "00:02.0", 3, "came-back", 3, 0);
                    checkRefusals();
                    checkNonViable("8.non-viable[0f:01.0]", "0000:0f:01.0", "0000:0e:01.0");
                    checkNonViable("8.non-viable[0b:00.0]", "0000:0b:00.0", "0000:0a:00.0");
                    checkSriov("0000:0c:00.0", "0000:0c:00.1", "0000:0c:00.2");
                    checkSlotOrBus("0000:01:00.0", "bus");
                    checkSlotOrBus("0000:05:00.0", "bus");
                    checkAudit();
                    checkAuditCannotBeSkipped("0000:01:00.0", "00:02.0");
                    if (CdevLab.wanted()) {
                        new CdevLab(this).run();  // issue 20: the same resets through the vfio cdev and iommufd
                    }
                } else if (scenario.equals("pciehp")) {
                    // native PCIe hot-plug: the ports' slots are pciehp's; the PCIe-to-PCI bridges bind shpchp,
                    // which breaks their groups' viability, so the functions behind them are left out of check 2
                    checkTree();
                    writeSnapshot();
                    checkBlastAgainstKernel(SCENARIOS.stream()
                            .filter(x -> !SHPC_BUSES.contains(x.device.substring(5, 7))).toList());
                    checkNonViable("8.non-viable[09:02.0]", "0000:09:02.0", "0000:08:00.0");
                    checkSlotOrBus("0000:01:00.0", "slot");
                    checkSlotOrBus("0000:05:00.0", "slot");
                } else {
                    kernelHotReset("0000:01:00.0", "ENOTTY");
                    checkLinkDidNotComeBack();
                    // the first round's link does not come back: the soak stops there (QEMU sees one reset, not three)
                    checkSoak("11.soak-stops[01:00.0]", "0000:01:00.0", "00:02.0", 3, "lost", 1, 4);
                    checkAudit();
                    if (CdevLab.wanted()) {
                        new CdevLab(this).run();
                    }
                }
            } finally {
                GuestSysfs.writeConfigByte(MARKER_DEVICE, 0x3c, markerOriginal);
                AuditLog.copyTo(out.resolve("audit.jsonl"));
                Files.writeString(out.resolve("kernel-answers.json"), JSON.writeValueAsString(answers) + "\n");
                report.line("END " + scenario);
            }
        }

        // ---- check 1: tree --json equals the guest's sysfs and lspci
        void checkTree() throws IOException {
            CliCall tree = cli.run("tree", "--json");
            Files.writeString(out.resolve("tree.json"), tree.out);
            if (tree.code != 0) {
                report.check(false, "1.tree", tree.brief());
                return;
            }
            JsonNode json = tree.json();
            Map<String, JsonNode> tool = new TreeMap<>();
            json.get("devices").forEach(d -> tool.put(d.get("address").asText(), d));
            Map<String, LspciFunction> lspci = parseLspci(Files.readAllLines(out.resolve("lspci.txt")));
            Map<Integer, TreeSet<String>> kernelGroups = new TreeMap<>();
            Map<String, Integer> groupOf = new TreeMap<>();
            for (String line : Files.readAllLines(out.resolve("iommu-groups.txt"))) {
                String[] f = line.strip().split(" ");
                if (f.length == 2) {
                    kernelGroups.computeIfAbsent(Integer.parseInt(f[0]), k -> new TreeSet<>()).add(f[1]);
                    groupOf.put(f[1], Integer.parseInt(f[0]));
                }
            }

            report.run("1.functions", () -> result(tool.keySet().equals(lspci.keySet()) && lspci.size() >= 20,
                    tool.size() + " functions in tree --json, " + lspci.size() + " in lspci"
                            + (tool.keySet().equals(lspci.keySet()) ? "" : "; only in tree: " + minus(tool.keySet(), lspci.keySet())
                                    + ", only in lspci: " + minus(lspci.keySet(), tool.keySet()))));
            report.run("1.ids-and-classes", () -> {
                List<String> bad = new ArrayList<>();
                lspci.forEach((a, l) -> {
                    JsonNode d = tool.get(a);
                    if (d == null) {
                        return;
                    }
                    String ids = d.get("vendorId").asText() + ":" + d.get("deviceId").asText();
                    if (!ids.equals(l.ids) || !d.get("classCode").asText().startsWith(l.classCode)) {
                        bad.add(a + " tree " + ids + "/" + d.get("classCode").asText() + " lspci " + l.ids + "/" + l.classCode);
                    }
                });
                return result(bad.isEmpty(), bad.isEmpty() ? "vendor:device and class equal for every function" : bad.toString());
            });
            report.run("1.parents", () -> {
                List<String> bad = new ArrayList<>();
                lspci.forEach((a, l) -> {
                    JsonNode d = tool.get(a);
                    if (d != null && !java.util.Objects.equals(text(d.get("parent")), l.parent)) {
                        bad.add(a + " tree " + text(d.get("parent")) + " lspci " + l.parent);
                    }
                });
                long bridges = lspci.values().stream().filter(l -> l.parent != null).map(l -> l.parent).distinct().count();
                return result(bad.isEmpty(), bad.isEmpty() ? "parent of every function equals lspci -PP (" + bridges
                        + " distinct upstream bridges)" : bad.toString());
            });
            report.run("1.drivers", () -> {
                List<String> bad = new ArrayList<>();
                lspci.forEach((a, l) -> {
                    JsonNode d = tool.get(a);
                    if (d != null && !java.util.Objects.equals(text(d.get("driver")), l.driver)) {
                        bad.add(a + " tree " + text(d.get("driver")) + " lspci " + l.driver);
                    }
                });
                return result(bad.isEmpty(), bad.isEmpty() ? "driver of every function equals lspci -k" : bad.toString());
            });
            report.run("1.groups", () -> {
                Map<Integer, TreeSet<String>> toolGroups = new TreeMap<>();
                json.get("groups").forEach(g -> toolGroups.put(g.get("id").asInt(), new TreeSet<>(strings(g.get("devices")))));
                List<String> bad = new ArrayList<>();
                tool.forEach((a, d) -> {
                    Integer want = groupOf.get(a);
                    JsonNode got = d.get("iommuGroup");
                    if (!java.util.Objects.equals(want, got == null || got.isNull() ? null : got.asInt())) {
                        bad.add(a + " iommuGroup " + got + " sysfs " + want);
                    }
                });
                boolean same = toolGroups.equals(kernelGroups);
                return result(same && bad.isEmpty() && kernelGroups.size() >= 10,
                        kernelGroups.size() + " groups in /sys/kernel/iommu_groups, " + toolGroups.size() + " in tree --json"
                                + (same ? ", members equal" : "; tree " + toolGroups + " sysfs " + kernelGroups)
                                + (bad.isEmpty() ? "" : "; " + bad));
            });
        }

        // ---- issue 16: function reset without FLR, group viability, SR-IOV, slot or bus

        /** {@code reset --function} of a function without FLR (e1000e: pm, bus): VFIO_DEVICE_RESET really works. */
        void checkFunctionReset(String bdf) {
            String id = "3.reset-function[" + bdf.substring(5) + "]";
            String methods = HostText.read(GuestSysfs.DEVICES.resolve(bdf).resolve("reset_method"));
            Map<String, String> before = drivers(List.of(bdf));
            int logged = AuditLog.count();
            CliCall c = cli.run("reset", bdf, "--function", "--confirm", bdf, "--bind", "--json", STATE);
            Map<String, String> links = links(List.of(bdf));
            JsonNode j = jsonOrNull(c);
            Map<String, String> after = drivers(List.of(bdf));
            report.run("10.came-back-function[" + bdf.substring(5) + "]", () -> cameBack(c, List.of(bdf), links));
            // a function reset has no kernel list: its records' kernelSet is empty and their kind function-reset
            auditExpect(id, logged, new AuditAction("reset", bdf, null, List.of(bdf), false, "came-back", "ok", null));
            String outcome = j == null ? null : text(j.get("outcome"));
            boolean ran = stepsRun(j).contains("device_reset:ok");
            boolean ok = c.code == 0 && "reset".equals(outcome) && ran && after.equals(before) && !methods.contains("flr");
            report.check(ok, id, "reset_method '" + methods + "'; reset --function --bind exit " + c.code + " outcome " + outcome
                    + ", VFIO_DEVICE_RESET ran: " + ran + ", drivers " + after + (after.equals(before) ? " as before" : " but before " + before)
                    + (ok ? "" : "; " + c.brief()));
        }

        /**
         * A function whose IOMMU group holds a function on a host driver (or a bridge on shpchp): blast must call
         * the group not viable (issue 16's groupViability and GROUP_NOT_VIABLE), and the kernel refuses
         * VFIO_GROUP_SET_CONTAINER with EPERM. The lab binds the target itself: the tool's bind may refuse such a group.
         */
        void checkNonViable(String id, String target, String breaker) {
            Map<String, String> before = drivers(List.of(target));
            String breakerDriver = GuestSysfs.driverName(breaker);
            try {
                GuestSysfs.bindVfio(target);
            } catch (RuntimeException e) {
                report.check(false, id, "cannot bind " + target + " to vfio-pci: " + e.getMessage());
                return;
            }
            try {
                CliCall c = cli.run("blast", target, "--json");
                JsonNode j = jsonOrNull(c);
                String[] k = KernelProbe.viability(target);
                answers.withArray("nonViable").addObject().put("device", target).put("breaker", breaker)
                        .put("breakerDriver", breakerDriver).put("getStatusViable", k[0]).put("setContainer", k[1]);
                JsonNode gv = j == null ? null : j.get("groupViability");
                String kernel = "kernel: GET_STATUS viable=" + k[0] + ", SET_CONTAINER " + k[1];
                if (gv == null || !gv.isArray()) {
                    report.check(false, id, "blast --json has no groupViability (issue 16's contract); " + breaker + " on "
                            + breakerDriver + "; " + kernel);
                    return;
                }
                JsonNode entry = null;
                for (JsonNode g : gv) {
                    for (JsonNode m : g.path("members")) {
                        if (target.equals(text(m.get("address")))) {
                            entry = g;
                        }
                    }
                }
                Boolean viable = entry == null || entry.get("viable") == null || entry.get("viable").isNull()
                        ? null : entry.get("viable").asBoolean();
                boolean breaks = false;
                if (entry != null) {
                    for (JsonNode m : entry.path("members")) {
                        breaks |= breaker.equals(text(m.get("address"))) && m.path("breaksViability").asBoolean(false);
                    }
                }
                boolean blocker = false;
                for (JsonNode list : new JsonNode[] {j.path("blockers"), j.path("functionReset").path("blockers")}) {
                    for (JsonNode f : list) {
                        blocker |= "GROUP_NOT_VIABLE".equals(text(f.get("code")));
                    }
                }
                boolean ok = Boolean.FALSE.equals(viable) && breaks && blocker && "false".equals(k[0]) && "EPERM".equals(k[1]);
                report.check(ok, id, "tool: group " + (entry == null ? "?" : text(entry.get("group"))) + " viable=" + viable
                        + ", " + breaker + " (" + breakerDriver + ") breaksViability=" + breaks + ", GROUP_NOT_VIABLE blocker: "
                        + blocker + "; " + kernel + (ok ? "" : "; " + c.brief()));
            } finally {
                try {
                    GuestSysfs.unbindVfio(target);
                } catch (RuntimeException e) {
                    report.check(false, id + " restore", e.getMessage());
                }
                if (!drivers(List.of(target)).equals(before)) {
                    report.check(false, id + " restore", "drivers " + drivers(List.of(target)) + ", before " + before);
                }
            }
        }

        /**
         * SR-IOV: each VF in its own IOMMU group, so a bus reset of the PF's bus spans three groups (the first
         * multi-group case); blast of the PF and of a VF against the kernel's INFO list (asked through a VF,
         * the PF stays on nvme).
         */
        void checkSriov(String pf, String vf1, String vf2) {
            Optional<Integer> gpf = GuestSysfs.group(pf);
            Optional<Integer> g1 = GuestSysfs.group(vf1);
            Optional<Integer> g2 = GuestSysfs.group(vf2);
            report.run("7.sriov-own-groups", () -> result(g1.isPresent() && g2.isPresent() && gpf.isPresent()
                    && new TreeSet<>(List.of(gpf.get(), g1.get(), g2.get())).size() == 3,
                    "PF " + pf + " group " + gpf.orElse(null) + " (" + GuestSysfs.driverName(pf) + "), VFs " + vf1 + " group "
                            + g1.orElse(null) + ", " + vf2 + " group " + g2.orElse(null)));
            if (g1.isEmpty() || g2.isEmpty()) {
                return;
            }
            JsonNode pfBlast = jsonOrNull(cli.run("blast", pf, "--json"));
            JsonNode vfBlast = jsonOrNull(cli.run("blast", vf1, "--json"));
            Map<String, String> before = drivers(List.of(vf1));
            if (!bind(List.of(vf1), "7.sriov-bind")) {
                return;
            }
            KernelAnswer k;
            try {
                k = KernelProbe.info(vf1);
            } finally {
                restore(List.of(vf1), before, "7.sriov-restore");
            }
            ObjectNode rec = answers.putObject("sriov");
            rec.put("pf", pf).put("vf", vf1).put("errno", k.errno);
            rec.set("affected", k.errno == null ? JSON.valueToTree(k.affected) : null);
            rec.set("groups", k.errno == null ? JSON.valueToTree(k.groups) : null);
            for (String[] who : new String[][] {{"pf", pf}, {"vf", vf1}}) {
                JsonNode b = who[0].equals("pf") ? pfBlast : vfBlast;
                report.run("7.sriov-" + who[0] + "[" + who[1].substring(5) + "]", () -> {
                    if (b == null || k.errno != null) {
                        return fail("blast " + (b == null ? "gave no JSON" : "ok") + "; kernel " + k);
                    }
                    JsonNode hr = b.get("hotReset");
                    List<String> affected = strings(hr.get("affected"));
                    List<String> groups = strings(hr.get("groups"));
                    List<String> blockerDevices = new ArrayList<>();
                    b.path("blockers").forEach(f -> blockerDevices.add(text(f.get("code")) + "@" + text(f.get("device"))));
                    boolean sameSet = new TreeSet<>(affected).equals(new TreeSet<>(k.affected))
                            && groups.equals(k.groups.stream().map(String::valueOf).toList());
                    // the PF stays on nvme: a reset of this set must be blocked by it, whichever function is asked
                    boolean pfBlocks = blockerDevices.stream().anyMatch(x -> x.endsWith("@" + pf));
                    return result(sameSet && k.groups.size() == 3 && pfBlocks, "blast " + affected + " groups " + groups
                            + ", blockers " + blockerDevices + "; kernel INFO (through " + vf1 + ") " + k.affected + " groups " + k.groups);
                });
            }
        }

        static final Path TRACING = Path.of("/sys/kernel/tracing");
        /**
         * pciehp_reset_slot is the only slot reset (reached through the slot's reset_slot pointer); vfio-pci calls
         * pci_reset_bus (exported, so never inlined into a module) for every hot reset. pci_bridge_secondary_bus_reset
         * shows on 6.12, but 6.1 inlines it into its callers in pci.c (seen here): only pciehp's call shows there.
         */
        static final List<String> RESET_FUNCTIONS = List.of("pciehp_reset_slot", "pci_reset_bus", "pci_bridge_secondary_bus_reset");

        /**
         * Slot or bus as the kernel did it: a function tracer on {@link #RESET_FUNCTIONS} around a real VFIO hot
         * reset, against blast's scope; the host also looks in QEMU's trace for pciehp's writes to the port's Slot
         * Control/Status around the Secondary Bus Reset. {@code expected} is what this boot's hot-plug makes the kernel do.
         */
        void checkSlotOrBus(String bdf, String expected) {
            String id = "9.slot-or-bus[" + bdf.substring(5) + "]";
            JsonNode b = jsonOrNull(cli.run("blast", bdf, "--json"));
            String scope = b == null ? null : text(b.path("hotReset").get("scope"));
            String reason = b == null ? null : text(b.path("hotReset").get("reason"));
            if (!Files.isRegularFile(TRACING.resolve("set_ftrace_filter"))) {
                report.check(false, id, "no function tracer in this guest kernel (tracefs at " + TRACING + "); tool scope " + scope);
                return;
            }
            Map<String, String> before = drivers(List.of(bdf));
            if (!bind(List.of(bdf), id)) {
                return;
            }
            String r;
            String trace;
            String port = GuestSysfs.parent(bdf);
            int exp = GuestSysfs.capability(port, 0x10);
            try {
                mark(id, "before", port.substring(5) + " slot-or-bus sltctl=" + (exp + 0x18) + " tool=" + scope
                        + " expected=" + expected);
                GuestSysfs.write(TRACING.resolve("tracing_on"), "0");
                GuestSysfs.write(TRACING.resolve("current_tracer"), "nop");
                GuestSysfs.write(TRACING.resolve("trace"), "");
                GuestSysfs.write(TRACING.resolve("set_ftrace_filter"), RESET_FUNCTIONS.get(0));
                for (String f : RESET_FUNCTIONS.subList(1, RESET_FUNCTIONS.size())) {
                    try {
                        Files.writeString(TRACING.resolve("set_ftrace_filter"), f, StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot trace " + f + ": " + e, e);
                    }
                }
                GuestSysfs.write(TRACING.resolve("current_tracer"), "function");
                GuestSysfs.write(TRACING.resolve("tracing_on"), "1");
                r = KernelProbe.hotReset(bdf);
                GuestSysfs.write(TRACING.resolve("tracing_on"), "0");
                mark(id, "after", "");
                trace = HostText.read(TRACING.resolve("trace"));
                GuestSysfs.write(TRACING.resolve("current_tracer"), "nop");
            } catch (RuntimeException e) {
                report.check(false, id, "tracing failed: " + e.getMessage());
                return;
            } finally {
                restore(List.of(bdf), before, id + " restore");
            }
            try {
                Files.writeString(out.resolve("ftrace-" + bdf.substring(5).replace(':', '-') + ".txt"), trace + "\n");
            } catch (IOException e) {
                report.check(false, id + " trace-written", e.toString());
            }
            boolean slotReset = trace.contains("pciehp_reset_slot");
            boolean busReset = trace.contains("pci_reset_bus");
            String kernelScope = slotReset ? "slot" : busReset ? "bus" : "none";
            answers.withArray("slotOrBus").addObject().put("device", bdf).put("hotReset", r).put("kernel", kernelScope)
                    .put("tool", scope);
            boolean ok = "ok".equals(r) && kernelScope.equals(scope) && expected.equals(scope);
            report.check(ok, id, "tool scope " + scope + ", kernel " + (slotReset ? "called pciehp_reset_slot" : "no pciehp_reset_slot")
                    + (busReset ? ", pci_reset_bus" : ", no pci_reset_bus") + " (HOT_RESET " + r
                    + "); this boot's hot-plug makes it " + expected + " — " + abbreviate(String.valueOf(reason)));
        }

        // ---- check 5 (guest half): the snapshot the host will open
        void writeSnapshot() {
            report.run("5.snapshot-written", () -> {
                Path archive = out.resolve("snapshot.tar.gz");
                CliCall c = cli.run("snapshot", archive.toString());
                return result(c.code == 0 && Files.isRegularFile(archive), c.code == 0
                        ? c.out.lines().findFirst().orElse("") : c.brief());
            });
        }

        // ---- check 2: blast's affected list equals GET_PCI_HOT_RESET_INFO, for every scenario
        void checkBlastAgainstKernel(List<Scenario> scenarios) {
            Map<String, JsonNode> predicted = new LinkedHashMap<>();
            for (Scenario s : scenarios) {
                predicted.put(s.device, predict(s.device));
            }
            List<String> all = scenarios.stream().map(Scenario::device).toList();
            Map<String, String> before = new TreeMap<>();
            all.forEach(a -> before.put(a, GuestSysfs.driverName(a)));
            mark("2.bind-all", "before", "");
            boolean bound = bind(all, "2.bind-all");
            answers.put("method", "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO through core's VFIO handles, in the lab guest"
                    + " (app/src/test/lab), with every function of the list bound to vfio-pci");
            ArrayNode recorded = answers.putArray("scenarios");
            ObjectNode predictions = JSON.createObjectNode();
            try {
                if (!bound) {
                    return;
                }
                for (Scenario s : scenarios) {
                    JsonNode p = predicted.get(s.device);
                    KernelAnswer k = KernelProbe.info(s.device);
                    ObjectNode rec = recorded.addObject();
                    rec.put("device", s.device);
                    rec.put("name", s.name);
                    rec.put("errno", k.errno);
                    rec.put("operation", k.errno == null ? null : k.operation);
                    rec.set("affected", k.errno == null ? JSON.valueToTree(k.affected) : null);
                    rec.set("groups", k.errno == null ? JSON.valueToTree(k.groups) : null);
                    rec.put("resetFlag", k.resetFlag);
                    predictions.set(s.device, p);
                    report.run("2.blast[" + s.device.substring(5) + "]", () -> compare(s, p, k));
                    report.run("2.reset-flag[" + s.device.substring(5) + "]", () -> compareResetFlag(s, k));
                    if (cli.has("reset")) {
                        report.run("2.dry-run[" + s.device.substring(5) + "]", () -> compareDryRun(s, p, k));
                    }
                }
            } finally {
                restore(all, before, "2.restore-all");
                mark("2.bind-all", "after", "");
                try {
                    Files.writeString(out.resolve("predictions.json"), JSON.writeValueAsString(predictions) + "\n");
                } catch (IOException e) {
                    report.check(false, "2.predictions-written", e.toString());
                }
            }
        }

        /** Every {@code blast --json} answer of this boot, by function. */
        final Map<String, JsonNode> blasts = new TreeMap<>();

        /** {"possible","scope","affected","groups","reason"} from {@code blast --json}, else from core. */
        JsonNode predict(String bdf) {
            if (cli.has("blast")) {
                CliCall c = cli.run("blast", bdf, "--json");
                blasts.put(bdf, c.json());
                JsonNode hr = c.json().get("hotReset");
                ((ObjectNode) hr).put("source", "blast --json");
                return hr;
            }
            // Until the CLI has `blast`: the same engine, through core, so the kernel comparison still runs.
            try (HostRoot root = HostRoot.live()) {
                HotResetPrediction p = AffectedSet.predict(new SysfsReader(root).scan(), PciAddress.parse(bdf));
                ObjectNode n = JSON.createObjectNode();
                n.put("possible", p.possible());
                n.put("scope", p.scope().map(x -> x.name().toLowerCase()).orElse(null));
                n.set("affected", JSON.valueToTree(p.affected().stream().map(PciAddress::toString).toList()));
                n.set("groups", JSON.valueToTree(p.groups()));
                n.put("reason", p.reason());
                n.put("source", "core AffectedSet (the CLI has no blast command)");
                return n;
            }
        }

        String[] compare(Scenario s, JsonNode p, KernelAnswer k) {
            boolean possible = p.get("possible").asBoolean();
            List<String> affected = strings(p.get("affected"));
            String src = " (" + p.get("source").asText() + ", " + s.name + ")";
            if (k.errno != null) {
                boolean ok = !possible && k.errno.equals("ENODEV") && k.operation.equals("VFIO_DEVICE_GET_PCI_HOT_RESET_INFO");
                return result(ok, "predicted possible=" + possible + "; kernel " + k + src);
            }
            boolean ok = possible && new TreeSet<>(affected).equals(new TreeSet<>(k.affected))
                    && strings(p.get("groups")).equals(k.groups.stream().map(String::valueOf).toList());
            return result(ok, "predicted " + text(p.get("scope")) + " " + affected + " groups " + strings(p.get("groups"))
                    + "; kernel " + k.affected + " groups " + k.groups + src);
        }

        /**
         * VFIO_DEVICE_GET_INFO's RESET flag (the kernel found a reset method: VFIO_DEVICE_RESET works) against
         * blast's function-reset verdict ({@code functionReset.possible}, issue 16's contract).
         */
        String[] compareResetFlag(Scenario s, KernelAnswer k) {
            if (k.resetFlag == null) {
                return fail("the kernel's GET_INFO did not answer (" + k + ")");
            }
            JsonNode b = blasts.get(s.device);
            JsonNode fr = b == null ? null : b.get("functionReset");
            if (fr == null || fr.isNull() || !fr.has("possible")) {
                return fail("kernel RESET flag " + k.resetFlag + "; blast --json has no functionReset.possible (issue 16's"
                        + " contract: the function-reset verdict)");
            }
            JsonNode possible = fr.get("possible");
            boolean ok = !possible.isNull() && possible.asBoolean() == k.resetFlag;
            return result(ok, "kernel RESET flag " + k.resetFlag + ", functionReset.possible " + possible + " method "
                    + text(fr.get("method")) + " (" + text(fr.get("source")) + ", " + s.name + ")");
        }

        /** {@code reset BDF --dry-run --confirm PREDICTED --json}: the kernel's list as the CLI reports it. */
        String[] compareDryRun(Scenario s, JsonNode p, KernelAnswer k) {
            List<String> affected = strings(p.get("affected"));
            CliCall c = cli.run("reset", s.device, "--dry-run", "--confirm", String.join(",", affected), "--json", STATE);
            JsonNode j = jsonOrNull(c);
            String outcome = j == null ? null : text(j.get("outcome"));
            List<String> notVfio = k.errno != null ? List.of() : k.affected.stream()
                    .filter(a -> !GuestSysfs.driverName(a).equals("vfio-pci")).toList();
            if (!notVfio.isEmpty()) {
                // the kernel's set holds a function vfio-pci cannot own (a bridge, a PF on its host driver): the real
                // reset would fail (EINVAL), so the tool must refuse, naming one of them
                boolean named = notVfio.stream().anyMatch(c.text()::contains);
                boolean ok = c.code == 1 && "refused".equals(outcome) && named;
                return result(ok, "kernel list " + k.affected + " holds " + notVfio + " (not on vfio-pci); dry run exit "
                        + c.code + " " + outcome + ", names them: " + named + " — " + refusalText(j, c));
            }
            if (k.errno != null) {
                // No hot reset exists: refused from the prediction, or the kernel's own ENODEV.
                boolean ok = (c.code == 1 && "refused".equals(outcome)) || (c.code == 3 && k.errno.equals(errorField(j, "errnoName")));
                return result(ok, "kernel " + k + "; dry run exit " + c.code + " " + outcome + ": " + refusalText(j, c));
            }
            List<String> reported = kernelList(c);
            boolean ok = c.code == 0 && "dry-run".equals(outcome) && new TreeSet<>(reported).equals(new TreeSet<>(k.affected));
            return result(ok, "dry run reports the kernel's list " + reported + ", kernel " + k.affected + "; exit " + c.code
                    + " " + outcome + (ok ? "" : ": " + refusalText(j, c)));
        }

        /** The addresses of {@code kernelList} in the dry run's JSON. */
        static List<String> kernelList(CliCall c) {
            JsonNode j = jsonOrNull(c);
            List<String> out = new ArrayList<>();
            if (j != null && j.has("kernelList")) {
                j.get("kernelList").forEach(x -> out.add(text(x.get("address"))));
            }
            return out;
        }

        // ---- binding: the CLI's bind/restore when it has them, else sysfs directly
        boolean bind(List<String> devices, String id) {
            try {
                if (cli.has("bind")) {
                    List<String> args = new ArrayList<>(List.of("bind"));
                    args.addAll(devices);
                    args.add("--vfio");
                    args.add(STATE);
                    CliCall c = cli.run(args.toArray(String[]::new));
                    if (c.code != 0) {
                        report.check(false, id, c.brief());
                        return false;
                    }
                } else {
                    devices.forEach(GuestSysfs::bindVfio);
                }
            } catch (RuntimeException e) {
                report.check(false, id, "threw " + e);
                return false;
            }
            List<String> notVfio = devices.stream().filter(a -> !GuestSysfs.driverName(a).equals("vfio-pci")).toList();
            if (!notVfio.isEmpty()) {
                report.check(false, id, "not on vfio-pci after binding: " + notVfio);
                return false;
            }
            return true;
        }

        void restore(List<String> devices, Map<String, String> before, String id) {
            try {
                if (cli.has("restore")) {
                    CliCall c = cli.run("restore", STATE);
                    if (c.code != 0) {
                        report.check(false, id, c.brief());
                    }
                } else {
                    devices.forEach(GuestSysfs::unbindVfio);
                }
            } catch (RuntimeException e) {
                report.check(false, id, "threw " + e);
            }
            Map<String, String> after = new TreeMap<>();
            devices.forEach(a -> after.put(a, GuestSysfs.driverName(a)));
            Map<String, String> want = new TreeMap<>(before);
            want.keySet().retainAll(devices);
            if (!after.equals(want)) {
                report.check(false, id, "drivers after restore " + after + ", before " + want);
            }
        }

        // ---- lab sanity: the kernel itself resets (normal) or answers ENOTTY (default link speed)
        void kernelHotReset(String bdf, String expected) {
            Map<String, String> before = Map.of(bdf, GuestSysfs.driverName(bdf));
            if (!bind(List.of(bdf), "0.kernel-hot-reset-bind")) {
                return;
            }
            try {
                mark("0.kernel-hot-reset", "before", "00:02.0 reset");
                String r = KernelProbe.hotReset(bdf);
                mark("0.kernel-hot-reset", "after", "");
                answers.putObject("kernelHotReset").put("device", bdf).put("result", r);
                report.check(r.equals(expected), "0.kernel-hot-reset", "VFIO_DEVICE_PCI_HOT_RESET of " + bdf
                        + " through core's handles: " + r + " (expected " + expected + ")");
            } finally {
                restore(List.of(bdf), before, "0.kernel-hot-reset-restore");
            }
        }

        static final List<String> IOCTL_STEPS = List.of("api_version", "check_extension", "get_status", "set_container",
                "set_iommu", "get_device_fd", "get_info", "get_hot_reset_info", "hot_reset", "device_reset");

        /** The steps of a reset report that ran (not skipped), as "step:outcome". */
        static List<String> stepsRun(JsonNode report) {
            List<String> out = new ArrayList<>();
            if (report != null && report.has("steps")) {
                report.get("steps").forEach(st -> {
                    if (!"skipped".equals(text(st.get("outcome")))) {
                        out.add(text(st.get("step")) + ":" + text(st.get("outcome")));
                    }
                });
            }
            return out;
        }

        static boolean openedADevice(JsonNode report) {
            return stepsRun(report).stream().anyMatch(s -> s.startsWith("get_device_fd:"));
        }

        static JsonNode jsonOrNull(CliCall c) {
            try {
                return c.json();
            } catch (RuntimeException e) {
                return null;
            }
        }

        static String errorField(JsonNode report, String field) {
            return report == null || report.get("error") == null || report.get("error").isNull()
                    ? null : text(report.get("error").get(field));
        }

        Map<String, String> drivers(List<String> set) {
            Map<String, String> m = new TreeMap<>();
            set.forEach(a -> m.put(a, GuestSysfs.driverName(a)));
            return m;
        }

        // ---- check 3: bind, reset --confirm, restore (needs the CLI's reset)
        void checkResetAndRestore() {
            if (!cli.has("reset")) {
                report.skip("3.reset-and-restore", "the CLI has no reset/bind/restore commands yet (branch exec)");
                return;
            }
            resetAndRestore("3.reset[01:00.0]", List.of("0000:01:00.0"), "0000:01:00.0", "00:02.0");
            resetAndRestore("3.reset[07:00.0]", List.of("0000:07:00.0", "0000:07:00.1"), "0000:07:00.0", "00:02.3");
            resetWithBind("3.reset-bind[05:00.0]", "0000:05:00.0", "04:00.0");
        }

        /**
         * {@code --progress} on the real kernel: standard error has a "starting" line before each call and a
         * "step" line after it, in the report's order, the hot reset among them; stdout stays one JSON report.
         */
        String[] progressMatchesSteps(CliCall c) {
            JsonNode j = jsonOrNull(c);
            if (j == null) {
                return result(false, "no JSON report on stdout: " + c.brief());
            }
            List<String> reportSteps = new ArrayList<>();
            j.get("steps").forEach(x -> reportSteps.add(text(x.get("label")) + " " + text(x.get("outcome"))));
            List<String> heard = new ArrayList<>();
            List<String> started = new ArrayList<>();
            for (String line : c.err().split("\n")) {
                if (!line.startsWith("{\"progress\":")) {
                    continue;
                }
                JsonNode e;
                try {
                    e = JSON.readTree(line);
                } catch (IOException ex) {
                    return result(false, "a progress line is not JSON: " + line);
                }
                if ("starting".equals(text(e.get("progress")))) {
                    started.add(text(e.get("label")));
                } else if ("step".equals(text(e.get("progress")))) {
                    heard.add(text(e.get("label")) + " " + text(e.get("outcome")));
                }
            }
            int resetStart = started.indexOf("VFIO_DEVICE_PCI_HOT_RESET");
            boolean ok = heard.equals(reportSteps) && resetStart >= 0 && started.contains("VFIO_DEVICE_GET_PCI_HOT_RESET_INFO");
            return result(ok, heard.size() + " step line(s) on stderr " + (heard.equals(reportSteps) ? "=" : "≠")
                    + " the report's " + reportSteps.size() + " steps; " + started.size() + " starting line(s)"
                    + (resetStart >= 0 ? ", VFIO_DEVICE_PCI_HOT_RESET announced before it ran" : ", no hot reset announced")
                    + (ok ? "" : "; heard " + heard + " report " + reportSteps));
        }

        /** {@code bind}, {@code reset --confirm}, {@code restore}: the reset happens, the drivers come back. */
        void resetAndRestore(String id, List<String> set, String target, String bridge) {
            Map<String, String> before = drivers(set);
            int logged = AuditLog.count();
            if (!bind(set, id)) {
                return;
            }
            mark(id, "before", bridge + " reset");
            CliCall c = cli.run("reset", target, "--confirm", String.join(",", set), "--progress", "--json", STATE);
            mark(id, "after", "");
            Map<String, String> links = links(set);
            CliCall r = cli.run("restore", STATE);
            report.run(id.replace("3.reset", "3.progress"), () -> progressMatchesSteps(c));
            report.run(id.replace("3.reset", "10.came-back"), () -> cameBack(c, set, links));
            auditExpect(id, logged, new AuditAction("bind", null, null, null, null, "ok", null),
                    new AuditAction("reset", target, null, set, "came-back", "ok", null),
                    new AuditAction("restore", null, null, null, null, "ok", null));
            JsonNode j = jsonOrNull(c);
            Map<String, String> after = drivers(set);
            String outcome = j == null ? null : text(j.get("outcome"));
            // issue 19: verification is an object whose functions carry a verdict; before it, a list of re-reads
            JsonNode verified = verificationOf(j) != null ? verificationOf(j).path("functions") : j == null ? null : j.get("verification");
            List<String> unanswered = new ArrayList<>();
            if (verified != null) {
                verified.forEach(v -> {
                    boolean answers = v.has("verdict") ? !List.of("lost", "unknown").contains(text(v.get("verdict")))
                            : v.path("answers").asBoolean() && v.path("unchanged").asBoolean();
                    if (!answers) {
                        unanswered.add(text(v.get("address")));
                    }
                });
            }
            int verifiedCount = verified == null ? 0 : verified.size();
            boolean ok = c.code == 0 && "reset".equals(outcome) && unanswered.isEmpty() && verifiedCount == set.size()
                    && r.code == 0 && after.equals(before);
            report.check(ok, id, "reset exit " + c.code + " outcome " + outcome + ", " + verifiedCount
                    + " functions verified after it" + (unanswered.isEmpty() ? "" : " (not answering: " + unanswered + ")")
                    + "; restore exit " + r.code + ", drivers " + after + (after.equals(before) ? " as before" : " but before " + before)
                    + (ok ? "" : "; " + c.brief() + "; " + r.brief()));
        }

        /** {@code reset --bind}: binds, resets and puts the drivers back in one command. */
        void resetWithBind(String id, String target, String bridge) {
            Map<String, String> before = drivers(List.of(target));
            int logged = AuditLog.count();
            mark(id, "before", bridge + " reset");
            CliCall c = cli.run("reset", target, "--confirm", target, "--bind", "--json", STATE);
            mark(id, "after", "");
            Map<String, String> links = links(List.of(target));
            JsonNode j = jsonOrNull(c);
            Map<String, String> after = drivers(List.of(target));
            // --bind: the verdict covers the restore too (the original driver bound again)
            report.run(id.replace("3.reset", "10.came-back"), () -> {
                String[] r = cameBack(c, List.of(target), links);
                boolean back = after.equals(before);
                return result(r[0].equals("PASS") && back, r[1] + "; drivers after the restore " + after
                        + (back ? " as before" : " but before " + before));
            });
            auditExpect(id, logged, new AuditAction("reset", target, null, List.of(target), "came-back", "ok", null));
            String outcome = j == null ? null : text(j.get("outcome"));
            boolean ok = c.code == 0 && "reset".equals(outcome) && after.equals(before);
            report.check(ok, id, "reset --bind exit " + c.code + " outcome " + outcome + ", drivers " + after
                    + (after.equals(before) ? " as before" : " but before " + before) + (ok ? "" : "; " + c.brief()));
        }

        // ---- check 4: refusals
        void checkRefusals() {
            if (!cli.has("reset")) {
                report.skip("4.refusals", "the CLI has no reset/bind/restore commands yet (branch exec)");
                return;
            }
            // (a) 07:00.0 stays on e1000e: the group is not viable; refused before any ioctl.
            int logged = AuditLog.count();
            Refusal a = refusal("4a.host-driver", List.of("0000:07:00.1"), "0000:07:00.1",
                    List.of("0000:07:00.0", "0000:07:00.1"), "00:02.3");
            report.run("4a.host-driver", () -> {
                List<String> ioctls = stepsRun(a.json).stream().filter(st -> IOCTL_STEPS.contains(st.split(":")[0])).toList();
                boolean ok = a.call.code == 1 && a.call.text().contains("0000:07:00.0") && a.call.text().contains("e1000e")
                        && a.json != null && ioctls.isEmpty();
                return result(ok, "exit " + a.call.code + ", names 07:00.0 and e1000e: "
                        + (a.call.text().contains("0000:07:00.0") && a.call.text().contains("e1000e"))
                        + ", ioctl steps run: " + ioctls + " — " + refusalText(a.json, a.call));
            });
            auditExpect("4a.host-driver", logged, new AuditAction("reset", "0000:07:00.1", null, null, null, "refused", null));
            // (b) the kernel's set is {07:00.0, 07:00.1}; only 07:00.0 is confirmed.
            Refusal b = refusal("4b.confirm-differs", List.of("0000:07:00.0", "0000:07:00.1"), "0000:07:00.0",
                    List.of("0000:07:00.0"), "00:02.3");
            report.run("4b.confirm-differs", () -> {
                boolean ok = b.call.code == 1 && b.call.text().contains("0000:07:00.1")
                        && !stepsRun(b.json).contains("hot_reset:ok");
                return result(ok, "exit " + b.call.code + ", names the unconfirmed 07:00.1: " + b.call.text().contains("0000:07:00.1")
                        + ", steps " + stepsRun(b.json) + " — " + refusalText(b.json, b.call));
            });
            // (c) behind the PCIe-to-PCI bridge the sibling 09:02.0 has no driver: the group is viable, but
            // the kernel would answer HOT_RESET with EINVAL (vfio's device set lacks the sibling). The CLI
            // must refuse first, naming 09:02.0, or report the kernel's EINVAL as a sentence.
            Refusal c = refusal("4c.no-driver-sibling", List.of("0000:09:01.0"), "0000:09:01.0",
                    List.of("0000:09:01.0", "0000:09:02.0"), "08:00.0");
            report.run("4c.no-driver-sibling", () -> {
                String errno = errorField(c.json, "errnoName");
                String sentence = errorField(c.json, "sentence");
                List<String> codes = new ArrayList<>();
                if (c.json != null && c.json.has("refusals")) {
                    c.json.get("refusals").forEach(x -> codes.add(text(x.get("code")) + "@" + text(x.get("device"))));
                }
                boolean refusedFirst = c.call.code == 1 && codes.contains("NOT_VFIO_BOUND@0000:09:02.0")
                        && stepsRun(c.json).stream().noneMatch(st -> IOCTL_STEPS.contains(st.split(":")[0]));
                boolean kernelSaid = c.call.code == 3 && "EINVAL".equals(errno) && sentence != null
                        && "hot_reset".equals(errorField(c.json, "step"));
                return result(refusedFirst || kernelSaid, "exit " + c.call.code + ", refusals " + codes
                        + (errno == null ? "" : ", kernel " + errno + ": " + sentence) + " — " + refusalText(c.json, c.call));
            });
            // (d) the kernel's own EINVAL, through core's handles, as the tool's sentence: the same sibling
            // case with every group fd passed, and a hot reset with no group fd at all.
            report.run("4d.kernel-einval-sentence", this::kernelEinvalSentences);
        }

        String[] kernelEinvalSentences() {
            Map<String, String> before = drivers(List.of("0000:09:01.0", "0000:05:00.0"));
            if (!bind(List.of("0000:09:01.0", "0000:05:00.0"), "4d.kernel-einval-sentence")) {
                return null;
            }
            try {
                List<String> said = new ArrayList<>();
                boolean ok = true;
                for (String[] run : new String[][] {{"0000:09:01.0", "own group"}, {"0000:05:00.0", "no group fd"}}) {
                    String bdf = run[0];
                    try {
                        KernelProbe.withDevice(bdf, (d, g) -> {
                            d.hotReset(run[1].equals("own group") ? List.of(g) : List.of());
                            return null;
                        });
                        ok = false;
                        said.add(bdf + " (" + run[1] + "): the kernel reset it");
                    } catch (VfioException e) {
                        String sentence = org.vfioinspector.core.vfio.VfioErrors.explain(e,
                                org.vfioinspector.core.vfio.VfioErrors.Hints.forDevice(bdf));
                        ok &= e.errnoName().equals("EINVAL") && sentence.contains("EINVAL") && !sentence.startsWith(e.operation());
                        said.add(bdf + " (" + run[1] + "): " + e.errnoName() + " -> \"" + sentence + "\"");
                    }
                }
                return result(ok, String.join("; ", said));
            } finally {
                restore(List.of("0000:09:01.0", "0000:05:00.0"), before, "4d.kernel-einval-sentence restore");
            }
        }

        record Refusal(CliCall call, JsonNode json) {
        }

        static String refusalText(JsonNode j, CliCall c) {
            if (j != null && j.has("refusals") && j.get("refusals").size() > 0) {
                return abbreviate(text(j.get("refusals").get(0).get("message")));
            }
            return j != null && j.has("summary") ? abbreviate(text(j.get("summary"))) : abbreviate(c.text());
        }

        Refusal refusal(String id, List<String> bindSet, String target, List<String> confirm, String bridge) {
            Map<String, String> before = drivers(bindSet);
            if (!bind(bindSet, id)) {
                return new Refusal(new CliCall(List.of(), -1, "", "bind failed"), null);
            }
            mark(id, "before", "");
            CliCall c = cli.run("reset", target, "--confirm", String.join(",", confirm), "--json", STATE);
            JsonNode j = jsonOrNull(c);
            // Nothing may be reset; a device fd opened and closed may let vfio-pci reset on release, so
            // the host looks for "no reset" only when no device was opened.
            mark(id, "after", openedADevice(j) ? "" : bridge + " none");
            restore(bindSet, before, id + " restore");
            return new Refusal(c, j);
        }

        // ---- check 6: default link speed, HOT_RESET fails with ENOTTY, said as a sentence, drivers back
        void checkLinkDidNotComeBack() {
            if (!cli.has("reset")) {
                report.skip("6.link-did-not-come-back", "the CLI has no reset/bind/restore commands yet (branch exec)");
                return;
            }
            String bdf = "0000:01:00.0";
            Map<String, String> before = drivers(List.of(bdf));
            int logged = AuditLog.count();
            mark("6.enotty", "before", "00:02.0 reset");
            CliCall c = cli.run("reset", bdf, "--confirm", bdf, "--bind", "--json", STATE);
            mark("6.enotty", "after", "");
            String port = GuestSysfs.parent(bdf);
            String portLink = linkText(port) + ", Link Status DLLLA " + linkActive(port).map(a -> a ? "1" : "0").orElse("not reported");
            JsonNode j = jsonOrNull(c);
            Map<String, String> after = drivers(List.of(bdf));
            String errno = errorField(j, "errnoName");
            String sentence = errorField(j, "sentence");
            boolean said = sentence != null && sentence.toLowerCase().contains("link did not come back");
            // issue 19 makes a link that did not come back exit 4 (NOT_BACK), checked with its verdict below
            int want = verificationOf(j) != null ? NOT_BACK : 3;
            boolean ok = c.code == want && "ENOTTY".equals(errno) && said && after.equals(before);
            report.check(ok, "6.link-did-not-come-back", "reset --bind exit " + c.code + " (expected " + want + "), errno "
                    + errno + ", drivers " + after + (after.equals(before) ? " restored" : " but before " + before)
                    + ", sentence: " + sentence + (ok ? "" : "; " + c.brief()));
            report.run("6.verdict-link-not-back", () -> linkNotBack(c, bdf, port + " now " + portLink));
            report.run("6.kernel-log", () -> kernelLogNamesLink(c, bdf, port));
            auditExpect("6.enotty", logged, new AuditAction("reset", bdf, null, List.of(bdf), "lost", "failed", "ENOTTY"));
        }

        /**
         * Issue 19: the ENOTTY hot reset (QEMU's 16 GT/s root port never reports its link active again) is a link that
         * did not come back: verdict lost for the function and the run, exit 4 and one sentence of advice, though sysfs
         * may still show the old link speed.
         */
        String[] linkNotBack(CliCall c, String bdf, String kernelFacts) {
            JsonNode v = verificationOf(jsonOrNull(c));
            if (v == null) {
                return fail(NO_VERIFICATION + "; " + kernelFacts + "; " + c.brief());
            }
            JsonNode f = functionsOf(v).get(bdf);
            String fv = f == null ? null : text(f.get("verdict"));
            String advice = text(v.get("advice"));
            boolean ok = c.code == NOT_BACK && "lost".equals(text(v.get("verdict"))) && "lost".equals(fv)
                    && advice != null && !advice.isBlank() && f != null && !strings(f.get("changes")).isEmpty();
            return result(ok, "exit " + c.code + " (4: not back), run verdict " + text(v.get("verdict")) + ", " + bdf + " "
                    + fv + (f == null ? "" : " " + strings(f.get("changes"))) + ", advice: " + advice + "; " + kernelFacts
                    + (ok ? "" : "; " + c.brief()));
        }

        /**
         * The verification read the kernel's own account from {@code /dev/kmsg} (as root, on the live host): the PCI core's
         * "Data Link Layer Link Active not set" for the port above, within the reset window.
         */
        String[] kernelLogNamesLink(CliCall c, String bdf, String port) {
            JsonNode v = verificationOf(jsonOrNull(c));
            JsonNode f = v == null ? null : functionsOf(v).get(bdf);
            List<String> lines = f == null ? List.of() : strings(f.get("kernelLog"));
            boolean ok = lines.stream().anyMatch(l -> l.contains(port) && l.contains("Link Active not set"));
            return result(ok, "kernel log lines in " + bdf + "'s verification: " + lines + (ok ? "" : "; " + c.brief()));
        }

        // ---- issue 19: did it come back (verification), a soak, and the audit log the CLI writes as it acts

        /** The link run-lab.sh sets on every root port ({@code x-speed=2_5}, {@code x-width=1}); the endpoints train to it. */
        static final String LAB_SPEED = "2.5 GT/s";
        static final int LAB_WIDTH = 1;
        /** Issue 19's exit code: the reset ran but a function was lost or a link did not come back. */
        static final int NOT_BACK = 4;
        static final String NO_VERIFICATION = "reset --json has no verification object with a verdict (issue 19's contract)";

        /** {@code reset --json}'s verification object; null while the CLI still prints the older list of re-reads. */
        static JsonNode verificationOf(JsonNode report) {
            JsonNode v = report == null ? null : report.get("verification");
            return v != null && v.isObject() && v.has("verdict") ? v : null;
        }

        static Map<String, JsonNode> functionsOf(JsonNode verification) {
            Map<String, JsonNode> m = new TreeMap<>();
            verification.path("functions").forEach(f -> m.put(text(f.get("address")), f));
            return m;
        }

        /** {@code 2.5 GT/s PCIe x1} from the guest's sysfs; {@code ? x?} for a function without a link (conventional PCI). */
        static String linkText(String bdf) {
            Path d = GuestSysfs.DEVICES.resolve(bdf);
            String speed = HostText.read(d.resolve("current_link_speed"));
            String width = HostText.read(d.resolve("current_link_width"));
            return (speed.isEmpty() ? "?" : speed) + " x" + (width.isEmpty() ? "?" : width);
        }

        /** A port's Link Status DLLLA from its config space, when Link Capabilities bit 20 says it reports it. */
        static Optional<Boolean> linkActive(String port) {
            int exp = GuestSysfs.capability(port, 0x10);
            if (exp == 0 || (GuestSysfs.readConfigByte(port, exp + 0x0e) & 0x10) == 0) {
                return Optional.empty();
            }
            return Optional.of((GuestSysfs.readConfigByte(port, exp + 0x13) & 0x20) != 0);
        }

        /** Read right after a reset: each function's link and its upstream port's (with DLLLA where reported). */
        static Map<String, String> links(List<String> set) {
            Map<String, String> m = new TreeMap<>();
            for (String bdf : set) {
                String port = GuestSysfs.parent(bdf);
                m.put(bdf, linkText(bdf));
                m.put(port, linkText(port) + linkActive(port).map(a -> a ? " DLLLA 1" : " DLLLA 0").orElse(""));
            }
            return m;
        }

        /**
         * After a good reset: the run and every function of the set came back (no advice), and the links, the
         * functions' and their upstream ports', are at the lab's set speed and width, both in the guest's sysfs and
         * in the tool's after facts.
         */
        String[] cameBack(CliCall c, List<String> set, Map<String, String> links) {
            JsonNode v = verificationOf(jsonOrNull(c));
            if (v == null) {
                return fail(NO_VERIFICATION + "; " + c.brief());
            }
            List<String> problems = new ArrayList<>();
            if (c.code != 0) {
                problems.add("exit " + c.code);
            }
            if (!"came-back".equals(text(v.get("verdict")))) {
                problems.add("run verdict " + text(v.get("verdict")));
            }
            String advice = text(v.get("advice"));
            if (advice != null && !advice.isBlank()) {
                problems.add("advice although it came back: " + advice);
            }
            Map<String, JsonNode> fs = functionsOf(v);
            if (!fs.keySet().equals(new TreeSet<>(set))) {
                problems.add("verified " + fs.keySet() + ", the set is " + set);
            }
            List<String> toolLinks = new ArrayList<>();
            fs.forEach((a, f) -> {
                if (!"came-back".equals(text(f.get("verdict")))) {
                    problems.add(a + " " + text(f.get("verdict")) + " " + strings(f.get("changes")));
                }
                // the tool's after facts, written as links() writes the guest's sysfs
                JsonNode after = f.path("after");
                String port = text(after.get("upstreamPort"));
                String own = linkWords(after.get("linkSpeed"), after.get("linkWidth"), null);
                String up = linkWords(after.get("upstreamLinkSpeed"), after.get("upstreamLinkWidth"), after.get("upstreamLinkActive"));
                toolLinks.add(a.substring(5) + " " + own + ", upstream " + port + " " + up);
                if (!own.equals(links.get(a))) {
                    problems.add(a + ": the tool's after link " + own + ", sysfs " + links.get(a));
                }
                if (port == null || !up.equals(links.get(port))) {
                    problems.add(a + ": the tool's after upstream link " + port + " " + up + ", sysfs "
                            + GuestSysfs.parent(a) + " " + links.get(GuestSysfs.parent(a)));
                }
            });
            links.forEach((a, l) -> {
                boolean noLink = l.startsWith("? x?") && set.contains(a);  // a conventional PCI function (edu) has none
                if (!noLink && !l.matches(Pattern.quote(LAB_SPEED) + ".* x" + LAB_WIDTH + "( DLLLA 1)?")) {
                    problems.add("sysfs " + a.substring(5) + " " + l);
                }
            });
            return result(problems.isEmpty(), "exit " + c.code + ", run verdict " + text(v.get("verdict")) + "; tool's after links "
                    + toolLinks + "; guest sysfs right after " + links + (problems.isEmpty() ? "" : "; " + problems));
        }

        /** {@code 2.5 GT/s PCIe x1} (and {@code DLLLA 1|0}) from the tool's after facts, as {@link #links} writes sysfs. */
        static String linkWords(JsonNode speed, JsonNode width, JsonNode active) {
            return (speed == null || speed.isNull() ? "?" : speed.asText()) + " x" + (width == null || width.isNull() ? "?" : width.asText())
                    + (active == null || active.isNull() ? "" : active.asBoolean() ? " DLLLA 1" : " DLLLA 0");
        }

        /**
         * {@code reset --soak N}: every round verified; after a good reset each round came back and QEMU saw N resets;
         * where the link does not come back the soak stops at the first round (QEMU saw one reset), exit 4.
         */
        void checkSoak(String id, String bdf, String bridge, int rounds, String verdict, int roundsRun, int code) {
            Map<String, String> before = drivers(List.of(bdf));
            int logged = AuditLog.count();
            if (!bind(List.of(bdf), id)) {
                return;
            }
            mark(id, "before", bridge + " resets=" + roundsRun);
            CliCall c = cli.run("reset", bdf, "--confirm", bdf, "--soak", String.valueOf(rounds), "--json", STATE);
            mark(id, "after", "");
            restore(List.of(bdf), before, id + " restore");
            List<String> want = new ArrayList<>(java.util.Collections.nCopies(roundsRun - 1, "came-back"));
            want.add(verdict);
            List<AuditAction> audited = new ArrayList<>();
            for (int i = 1; i <= roundsRun; i++) {
                boolean good = want.get(i - 1).equals("came-back");
                audited.add(new AuditAction("soak-round", bdf, i, List.of(bdf), true, want.get(i - 1), good ? "ok" : "failed",
                        good ? null : "ENOTTY"));
            }
            auditExpect(id, logged, audited.toArray(AuditAction[]::new));
            report.run(id, () -> {
                JsonNode j = jsonOrNull(c);
                JsonNode soak = j == null ? null : j.get("soak");
                if (soak == null || !soak.isObject()) {
                    return fail("reset --soak " + rounds + " --json has no soak object (issue 19's contract); " + c.brief());
                }
                List<String> got = new ArrayList<>();
                List<String> shown = new ArrayList<>();
                List<Integer> numbers = new ArrayList<>();
                soak.path("rounds").forEach(r -> {
                    String rv = text(r.has("verdict") ? r.get("verdict") : r.path("verification").get("verdict"));
                    got.add(rv);
                    numbers.add(r.path("round").asInt(-1));
                    shown.add("round " + r.path("round").asText() + " " + r.path("durationMs").asText() + " ms, link "
                            + text(r.get("link")) + ", AER +" + r.path("aerIncrease").asText() + ", " + rv + ", exit " + r.path("exitCode").asText());
                });
                List<Integer> wantNumbers = java.util.stream.IntStream.rangeClosed(1, roundsRun).boxed().toList();
                int stoppedAt = soak.path("stoppedAt").asInt(-1);
                int wantStop = roundsRun < rounds ? roundsRun : 0;
                boolean ok = c.code == code && verdict.equals(text(soak.get("verdict"))) && got.equals(want) && numbers.equals(wantNumbers)
                        && stoppedAt == wantStop;
                return result(ok, "reset --soak " + rounds + " exit " + c.code + " (expected " + code + "), soak verdict "
                        + text(soak.get("verdict")) + ", stoppedAt " + stoppedAt + " (expected " + wantStop + "), round verdicts " + got + " numbered " + numbers + " (expected " + want + ")"
                        + "; " + shown + (ok ? "" : "; " + c.brief()));
            });
        }

        /** One action the audit log must hold for a step: its intent and its result, written by root, directly. */
        record AuditAction(String action, String target, Integer round, List<String> confirmed, boolean hotReset,
                           String verification, String result, String errno) {
            AuditAction(String action, String target, Integer round, List<String> confirmed, String verification,
                        String result, String errno) {
                this(action, target, round, confirmed, confirmed != null, verification, result, errno);
            }

            String what() {
                return action + (target == null ? "" : " " + target) + (round == null ? "" : " round " + round);
            }
        }

        /** Each step's problems with the records it wrote (empty: all there), for 12.audit-records at the end of the boot. */
        final Map<String, List<String>> auditFindings = new LinkedHashMap<>();

        /** The records written since line {@code from} of the log must hold {@code actions}, and no other reset or round. */
        void auditExpect(String step, int from, AuditAction... actions) {
            List<String> lines = AuditLog.lines();
            List<JsonNode> recs = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
                try {
                    recs.add(JSON.readTree(line));
                } catch (IOException e) {
                    problems.add("not JSON: " + abbreviate(line));
                }
            }
            java.util.Set<Integer> used = new TreeSet<>();
            for (AuditAction a : actions) {
                problems.addAll(auditPair(recs, a, used));
            }
            for (int i = 0; i < recs.size(); i++) {
                String action = text(recs.get(i).get("action"));
                if (!used.contains(i) && ("reset".equals(action) || "soak-round".equals(action))
                        && List.of(actions).stream().anyMatch(a -> a.action.equals(action))) {
                    problems.add("a record no action of this step explains: " + abbreviate(recs.get(i).toString()));
                }
            }
            auditFindings.put(step, problems);
        }

        static List<String> auditPair(List<JsonNode> recs, AuditAction a, java.util.Set<Integer> used) {
            List<Integer> intents = new ArrayList<>();
            List<Integer> results = new ArrayList<>();
            for (int i = 0; i < recs.size(); i++) {
                JsonNode r = recs.get(i);
                if (used.contains(i) || !a.action.equals(text(r.get("action")))
                        || a.target != null && !String.valueOf(r.get("target")).contains(a.target)
                        || a.round != null && r.path("round").asInt(-1) != a.round) {
                    continue;
                }
                ("intent".equals(text(r.get("phase"))) ? intents : results).add(i);
            }
            List<String> problems = new ArrayList<>();
            String what = a.what();
            boolean intentNeeded = !"refused".equals(a.result);  // a refusal may come before anything was intended
            if (results.size() != 1 || intentNeeded && intents.size() != 1 || intents.size() > 1) {
                problems.add(what + ": " + intents.size() + " intent and " + results.size() + " result records, expected "
                        + (intentNeeded ? "1 and 1" : "at most 1 and 1"));
                return problems;
            }
            JsonNode res = recs.get(results.get(0));
            JsonNode in = intents.isEmpty() ? null : recs.get(intents.get(0));
            used.add(results.get(0));
            if (in != null) {
                used.add(intents.get(0));
                if (intents.get(0) > results.get(0)) {
                    problems.add(what + ": the result was written before the intent");
                }
                String t0 = text(in.get("time"));
                String t1 = text(res.get("time"));
                if (t0 == null || t1 == null || instant(t0).compareTo(instant(t1)) > 0) {
                    problems.add(what + ": times " + t0 + " (intent) and " + t1 + " (result)");
                }
            }
            for (JsonNode r : in == null ? List.of(res) : List.of(in, res)) {
                JsonNode inv = r.path("invoker");
                String phase = text(r.get("phase"));
                if (inv.path("uid").asInt(-1) != 0 || !"root".equals(text(inv.get("user"))) || !"direct".equals(text(inv.get("via")))) {
                    problems.add(what + " " + phase + ": invoker " + inv + ", expected uid 0, root, direct");
                }
                String host = text(r.get("host"));
                if (host == null || host.isBlank()) {
                    problems.add(what + " " + phase + ": no host");
                }
            }
            if (a.confirmed != null) {
                TreeSet<String> confirmed = new TreeSet<>(strings(res.get("confirmed")));
                TreeSet<String> kernelSet = new TreeSet<>(strings(res.get("kernelSet")));
                if (in != null) {
                    confirmed.addAll(strings(in.get("confirmed")));
                    kernelSet.addAll(strings(in.get("kernelSet")));
                }
                if (!confirmed.containsAll(a.confirmed)) {
                    problems.add(what + ": confirmed " + confirmed + ", expected " + a.confirmed);
                }
                if (a.hotReset && "ok".equals(a.result) && !kernelSet.containsAll(a.confirmed)) {
                    problems.add(what + ": kernelSet " + kernelSet + ", expected " + a.confirmed);
                }
            }
            if (a.confirmed != null) {
                String kind = a.hotReset ? "hot-reset" : "function-reset";
                if (!kind.equals(text(res.get("kind"))) || in != null && !kind.equals(text(in.get("kind")))) {
                    problems.add(what + ": kind " + text(res.get("kind")) + ", expected " + kind);
                }
            }
            if (!a.result.equals(text(res.get("result")))) {
                problems.add(what + ": result " + text(res.get("result")) + ", expected " + a.result);
            }
            if (a.verification != null && !a.verification.equals(text(res.get("verification")))) {
                problems.add(what + ": verification " + res.get("verification") + ", expected " + a.verification);
            }
            // errno as a number (and errnoName) or as the name; 25 is ENOTTY, the only one the lab expects
            JsonNode errno = res.get("errno");
            String errnoName = text(res.get("errnoName"));
            boolean noErrno = (errno == null || errno.isNull()) && errnoName == null;
            if (a.errno == null ? "ok".equals(a.result) && !noErrno
                    : noErrno || !(a.errno.equals(errnoName) || errno != null && (a.errno.equals(errno.asText())
                            || "ENOTTY".equals(a.errno) && errno.asInt() == 25))) {
                problems.add(what + ": errno " + errno + " " + errnoName + ", expected " + (a.errno == null ? "none" : a.errno));
            }
            return problems;
        }

        static java.time.Instant instant(String time) {
            try {
                return java.time.OffsetDateTime.parse(time).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                return java.time.Instant.parse(time);
            }
        }

        /** 12: the log file the CLI wrote, the records of every step checked above, and {@code history}. */
        void checkAudit() {
            report.run("12.audit-log", this::auditLogFile);
            report.run("12.audit-records", () -> {
                List<String> bad = new ArrayList<>();
                auditFindings.forEach((step, ps) -> ps.forEach(p -> bad.add(step + ": " + p)));
                try {
                    Files.write(out.resolve("audit-check.txt"), bad);
                } catch (IOException e) {
                    bad.add("cannot write audit-check.txt: " + e);
                }
                return result(!auditFindings.isEmpty() && bad.isEmpty(), bad.isEmpty()
                        ? "intent and result records (root, direct; confirmed and kernel sets, verification, result, errno) for "
                                + auditFindings.keySet()
                        : bad.size() + " problem(s) (all in audit-check.txt): " + abbreviate(String.join("; ", bad)));
            });
            report.run("12.history", this::history);
        }

        String[] auditLogFile() {
            Path f = AuditLog.FILE;
            Path dir = f.getParent();
            if (!Files.isRegularFile(f)) {
                return fail("no " + f + " after this boot's binds and resets" + (Files.isDirectory(dir) ? "" : " (no " + dir + " either)"));
            }
            List<String> problems = new ArrayList<>();
            String dirMode;
            String fileMode;
            Object dirUid;
            Object fileUid;
            String content;
            try {
                dirMode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
                fileMode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                dirUid = Files.getAttribute(dir, "unix:uid");
                fileUid = Files.getAttribute(f, "unix:uid");
                content = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return fail("cannot read " + f + ": " + e);
            }
            if (!dirMode.equals("rwxr-x---")) {
                problems.add(dir + " is " + dirMode + ", expected rwxr-x--- (0750)");
            }
            if (!List.of("rw-------", "rw-r-----").contains(fileMode)) {
                problems.add(f + " is " + fileMode + ", expected 0600 or 0640");
            }
            if (!Integer.valueOf(0).equals(dirUid) || !Integer.valueOf(0).equals(fileUid)) {
                problems.add("owners uid " + dirUid + " (folder), " + fileUid + " (file), expected root");
            }
            if (!content.isEmpty() && !content.endsWith("\n")) {
                problems.add("the last record is not a whole line");
            }
            Map<String, Integer> counts = new TreeMap<>();
            for (String line : content.lines().toList()) {
                try {
                    JsonNode r = JSON.readTree(line);
                    if (r == null || !r.isObject() || text(r.get("time")) == null || text(r.get("action")) == null
                            || !List.of("intent", "result").contains(String.valueOf(text(r.get("phase"))))) {
                        problems.add("a record without time, action or phase: " + abbreviate(line));
                    } else {
                        counts.merge(text(r.get("action")) + " " + text(r.get("phase")), 1, Integer::sum);
                    }
                } catch (IOException e) {
                    problems.add("not JSON: " + abbreviate(line));
                }
            }
            if (counts.isEmpty()) {
                problems.add("no records");
            }
            return result(problems.isEmpty(), f + " " + fileMode + " uid " + fileUid + ", folder " + dirMode + " uid " + dirUid
                    + "; " + content.lines().count() + " records " + counts + (problems.isEmpty() ? "" : "; " + problems));
        }

        /** {@code history --json} lists every record of the log; {@code history} (text) shows the newest. */
        String[] history() {
            if (!cli.has("history")) {
                return fail("the CLI has no history command (issue 19's contract); commands " + cli.commands);
            }
            List<String> lines = AuditLog.lines();
            CliCall h = cli.run("history", "--json", "--limit", String.valueOf(Math.max(1, lines.size())));
            JsonNode j = jsonOrNull(h);
            JsonNode recs = j == null ? null : j.isArray() ? j : firstArray(j);
            if (h.code != 0 || recs == null) {
                return fail("no list of records: " + h.brief());
            }
            List<String> logged = new ArrayList<>();
            for (String line : lines) {
                try {
                    logged.add(recordKey(JSON.readTree(line)));
                } catch (IOException e) {
                    logged.add("unreadable");
                }
            }
            List<String> listed = new ArrayList<>();
            recs.forEach(r -> listed.add(recordKey(r)));
            java.util.Collections.sort(logged);
            java.util.Collections.sort(listed);
            CliCall t = cli.run("history", "--limit", "3");
            String newest = logged.isEmpty() ? null : text(jsonLine(lines.get(lines.size() - 1)).get("action"));
            boolean textOk = t.code == 0 && newest != null && t.out.contains(newest);
            boolean ok = !logged.isEmpty() && logged.equals(listed) && textOk;
            return result(ok, "history --json lists " + listed.size() + " records, the log holds " + logged.size()
                    + (logged.equals(listed) ? " (the same)" : "; only in the log " + minus(new TreeSet<>(logged), new TreeSet<>(listed))
                            + ", only in history " + minus(new TreeSet<>(listed), new TreeSet<>(logged)))
                    + "; `history --limit 3` exit " + t.code + (textOk ? " shows the newest (" + newest + ")" : ": " + t.brief()));
        }

        static String recordKey(JsonNode r) {
            return text(r.get("time")) + " " + text(r.get("action")) + " " + text(r.get("phase")) + " " + text(r.get("result"));
        }

        static JsonNode jsonLine(String line) {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }

        static JsonNode firstArray(JsonNode j) {
            if (j.has("records") && j.get("records").isArray()) {
                return j.get("records");
            }
            for (JsonNode n : j) {
                if (n.isArray()) {
                    return n;
                }
            }
            return null;
        }

        /**
         * The audit cannot be skipped: with /var/log read-only (the guest's tmpfs remounted), {@code reset --bind} is
         * refused, nothing is bound or reset (QEMU saw no reset), and the message says why.
         */
        void checkAuditCannotBeSkipped(String bdf, String bridge) {
            String id = "12.audit-cannot-be-skipped";
            Map<String, String> before = drivers(List.of(bdf));
            int logged = AuditLog.count();
            String ro = remountVarLog("ro");
            if (ro != null) {
                report.check(false, id, "cannot make /var/log read-only for the check: " + ro);
                return;
            }
            boolean readOnly = !Files.isWritable(AuditLog.FILE.getParent().getParent());
            CliCall c;
            try {
                mark(id, "before", bridge + " none");
                c = cli.run("reset", bdf, "--confirm", bdf, "--bind", "--json", STATE);
                mark(id, "after", "");
            } finally {
                String rw = remountVarLog("rw");
                if (rw != null) {
                    report.check(false, id + " restore", "cannot make /var/log writable again: " + rw);
                }
            }
            Map<String, String> after = drivers(List.of(bdf));
            if (!after.equals(before)) {
                restore(List.of(bdf), before, id + " restore");
            }
            JsonNode j = jsonOrNull(c);
            List<String> ioctls = stepsRun(j).stream().filter(st -> IOCTL_STEPS.contains(st.split(":")[0])).toList();
            boolean said = c.text().toLowerCase().contains("audit");
            String outcome = j == null ? null : text(j.get("outcome"));
            boolean ok = readOnly && c.code != 0 && !"reset".equals(outcome) && ioctls.isEmpty() && said && after.equals(before)
                    && AuditLog.count() == logged;
            report.check(ok, id, "/var/log read-only: " + readOnly + "; reset --bind exit " + c.code + " outcome " + outcome
                    + ", ioctl steps run " + ioctls + ", says 'audit': " + said + ", drivers " + after
                    + (after.equals(before) ? " as before" : " but before " + before) + ", log lines " + logged + " -> "
                    + AuditLog.count() + "; " + abbreviate(c.text()));
        }

        /** {@code mount -o remount,MODE /var/log} in the guest (init.sh's tmpfs); null when done, else why not. */
        static String remountVarLog(String mode) {
            String mount = Files.isExecutable(Path.of("/bin/mount")) ? "/bin/mount" : "/usr/bin/mount";
            try {
                Process p = new ProcessBuilder(mount, "-o", "remount," + mode, "/var/log").redirectErrorStream(true).start();
                String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                int rc = p.waitFor();
                return rc == 0 ? null : mount + " exit " + rc + ": " + said;
            } catch (IOException e) {
                return e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return e.toString();
            }
        }
    }

    static <T> TreeSet<T> minus(java.util.Set<T> a, java.util.Set<T> b) {
        TreeSet<T> r = new TreeSet<>(a);
        r.removeAll(b);
        return r;
    }

    // ------------------------------------------------------------------------------------ host mode

    /** After a boot, on the host: the snapshot (check 5) and QEMU's trace of what really happened. */
    static final class HostSide {
        final String scenario;
        final Path out;
        final Path trace;
        final Report report;

        HostSide(String scenario, Path out, Path trace) throws IOException {
            this.scenario = scenario;
            this.out = out;
            this.trace = trace;
            this.report = new Report(out.resolve("host-results.txt"), scenario + "/");
        }

        void run() throws IOException {
            if (scenario.equals("normal") || scenario.equals("pciehp")) {
                report.run("5.snapshot-opens-on-host", this::snapshotTree);
            }
            List<String> results = Files.readAllLines(out.resolve("results.txt"));
            List<TraceEvent> events = TraceEvent.read(trace);
            for (String line : results) {
                String[] f = line.split("\\|", -1);
                if (!line.startsWith("MARK|") || f.length < 5 || !f[2].equals("before") && !f[2].equals("after")) {
                    continue;
                }
                String label = f[1];
                String expect = f[2].equals("before") ? f[4] : "";
                String[] after = results.stream().map(l -> l.split("\\|", -1))
                        .filter(x -> x.length >= 5 && x[0].equals("MARK") && x[1].equals(label) && x[2].equals("after"))
                        .findFirst().orElse(null);
                String expectAfter = after == null ? "" : after[4];
                String want = !expect.isEmpty() ? expect : expectAfter;
                if (want.isEmpty() || f[2].equals("after")) {
                    continue;
                }
                Window w = after == null ? null : Window.of(events, Integer.parseInt(f[3]), Integer.parseInt(after[3]));
                if (w == null) {
                    report.check(false, "trace " + label, "no trace window: markers not found in " + trace);
                    continue;
                }
                String bridge = want.split(" ")[0];
                if (want.contains(" slot-or-bus ")) {
                    slotOrBus(label, want, w);
                    continue;
                }
                if (want.contains(" resets=")) {
                    // a soak: one Secondary Bus Reset per round that ran, none for rounds it did not run
                    int n = Integer.parseInt(want.substring(want.indexOf(" resets=") + 8).strip());
                    long seen = w.secondaryBusResets(bridge);
                    report.check(seen == n, "qemu-saw-resets " + label, "QEMU's trace between the markers: " + seen
                            + " Secondary Bus Reset(s) on " + bridge + " (expected " + n + "), device reset hooks " + w.deviceResets());
                    continue;
                }
                boolean sbr = w.secondaryBusReset(bridge);
                long devices = w.deviceResets();
                if (want.endsWith(" sbr")) {
                    // a bus whose devices QEMU traces no reset hook for (edu, e1000): the Secondary Bus Reset alone
                    report.check(sbr, "qemu-saw-reset " + label, "QEMU's trace between the markers: Secondary Bus Reset on "
                            + bridge + " " + yesNo(sbr) + " (no device on that bus has a traced reset hook)");
                } else if (want.endsWith(" reset")) {
                    report.check(sbr && devices >= 1, "qemu-saw-reset " + label, "QEMU's trace between the markers: "
                            + "Secondary Bus Reset on " + bridge + " " + yesNo(sbr) + ", device reset hooks " + devices);
                } else {
                    report.check(!sbr, "qemu-saw-no-reset " + label, "QEMU's trace between the markers: no Secondary Bus "
                            + "Reset on " + bridge + ": " + yesNo(!sbr));
                }
            }
            report.line("END host " + scenario);
        }

        /**
         * QEMU's view of a hot reset: pciehp_reset_slot masks the port's hot-plug events (Slot Control) and clears
         * Slot Status around the Secondary Bus Reset; a bus reset through acpiphp's slot touches neither.
         */
        void slotOrBus(String label, String want, Window w) {
            Map<String, String> kv = new TreeMap<>();
            for (String f : want.split(" ")) {
                int eq = f.indexOf('=');
                if (eq > 0) {
                    kv.put(f.substring(0, eq), f.substring(eq + 1));
                }
            }
            String bridge = want.split(" ")[0];
            int sltctl = Integer.parseInt(kv.getOrDefault("sltctl", "-1"));
            boolean sbr = w.secondaryBusReset(bridge);
            long slotWrites = w.events().stream().filter(e -> bridge.equals(e.bdf) && e.offset >= sltctl
                    && e.offset < sltctl + 4).count();
            String qemu = slotWrites > 0 ? "slot" : "bus";
            String tool = kv.get("tool");
            boolean ok = sbr && qemu.equals(tool) && qemu.equals(kv.get("expected"));
            report.check(ok, "qemu-saw-" + qemu + " " + label, "QEMU's trace: Secondary Bus Reset on " + bridge + " " + yesNo(sbr)
                    + ", writes to its Slot Control/Status " + slotWrites + " (a " + qemu + " reset); tool scope " + tool);
        }

        static String yesNo(boolean b) {
            return b ? "yes" : "no";
        }

        String[] snapshotTree() {
            Path archive = out.resolve("snapshot.tar.gz");
            if (!Files.isRegularFile(archive)) {
                return fail("no snapshot from the guest");
            }
            CliCall c;
            try {
                c = new CliRunner(out.resolve("host-transcript.txt")).run("--root", archive.toString(), "tree", "--json");
                Files.writeString(out.resolve("host-tree.json"), c.out);
                JsonNode guest = JSON.readTree(out.resolve("tree.json").toFile());
                JsonNode host = c.json();
                List<String> diffs = new ArrayList<>();
                diff("", guest, host, diffs);
                return result(c.code == 0 && diffs.isEmpty(), c.code == 0 && diffs.isEmpty()
                        ? "`--root snapshot.tar.gz tree --json` on the host equals the guest's tree --json ("
                                + host.get("devices").size() + " functions)"
                        : "exit " + c.code + ", " + diffs.size() + " differences: " + abbreviate(diffs.toString()));
            } catch (IOException e) {
                return fail(e.toString());
            }
        }

        static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
            if (a == null || b == null || a.getNodeType() != b.getNodeType()) {
                out.add(path + ": " + a + " vs " + b);
                return;
            }
            if (a.isObject()) {
                TreeSet<String> names = new TreeSet<>();
                a.fieldNames().forEachRemaining(names::add);
                b.fieldNames().forEachRemaining(names::add);
                for (String n : names) {
                    diff(path + "." + n, a.get(n), b.get(n), out);
                }
            } else if (a.isArray()) {
                if (a.size() != b.size()) {
                    out.add(path + ": " + a.size() + " vs " + b.size() + " elements");
                    return;
                }
                for (int i = 0; i < a.size(); i++) {
                    JsonNode x = a.get(i);
                    diff(path + "[" + (x.has("address") ? x.get("address").asText() : String.valueOf(i)) + "]",
                            x, b.get(i), out);
                }
            } else if (!a.equals(b)) {
                out.add(path + ": " + a + " vs " + b);
            }
        }
    }

    /** One line of QEMU's trace (log backend): pci_cfg_write with its device, or a device reset hook. */
    record TraceEvent(String name, String bdf, int offset, int value) {
        // "pci_cfg_write pcie-root-port 00:02.0 @0x3e <- 0x40", optionally after "PID@SECONDS:"
        static final Pattern CFG = Pattern.compile("pci_cfg_write \\S+ ([0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]) @0x([0-9a-f]+) <- 0x([0-9a-f]+)");
        static final Pattern NAME = Pattern.compile("(?:^|[:\\s])([a-z0-9_]+_reset)\\b");

        static List<TraceEvent> read(Path file) throws IOException {
            List<TraceEvent> out = new ArrayList<>();
            if (!Files.isRegularFile(file)) {
                return out;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                Matcher m = CFG.matcher(line);
                if (m.find()) {
                    out.add(new TraceEvent("pci_cfg_write", m.group(1), Integer.parseInt(m.group(2), 16),
                            (int) Long.parseLong(m.group(3), 16)));
                    continue;
                }
                Matcher n = NAME.matcher(line);
                if (n.find()) {
                    out.add(new TraceEvent(n.group(1), null, -1, -1));
                }
            }
            return out;
        }
    }

    /** The trace events between two marker writes (the Interrupt Line of {@link #MARKER_DEVICE}). */
    record Window(List<TraceEvent> events) {
        static Window of(List<TraceEvent> events, int before, int after) {
            String dev = MARKER_DEVICE.substring(5);
            int start = -1;
            for (int i = 0; i < events.size(); i++) {
                TraceEvent e = events.get(i);
                if (e.bdf != null && e.bdf.equals(dev) && e.offset == 0x3c) {
                    if (e.value == before) {
                        start = i;
                    } else if (e.value == after && start >= 0) {
                        return new Window(events.subList(start, i));
                    }
                }
            }
            return null;
        }

        /** A write to the bridge's Bridge Control (0x3e) with Secondary Bus Reset (bit 6) set. */
        boolean secondaryBusReset(String bridge) {
            return events.stream().anyMatch(e -> bridge.equals(e.bdf) && e.offset == 0x3e && (e.value & 0x40) != 0);
        }

        /** How many times Bridge Control's Secondary Bus Reset bit was set on the bridge (writes that raise it). */
        long secondaryBusResets(String bridge) {
            long n = 0;
            boolean set = false;
            for (TraceEvent e : events) {
                if (bridge.equals(e.bdf) && e.offset == 0x3e) {
                    boolean now = (e.value & 0x40) != 0;
                    n += now && !set ? 1 : 0;
                    set = now;
                }
            }
            return n;
        }

        /** QEMU's reset hooks of the emulated devices (e1000e, nvme) that ran. */
        long deviceResets() {
            return events.stream().filter(e -> e.bdf == null).count();
        }
    }

}

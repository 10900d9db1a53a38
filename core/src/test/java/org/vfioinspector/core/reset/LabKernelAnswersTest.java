package org.vfioinspector.core.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.sun.jna.LastErrorException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.vfio.DependentDevice;
import org.vfioinspector.core.vfio.KernelHotResetSet;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * The real kernel's {@code VFIO_DEVICE_GET_PCI_HOT_RESET_INFO} answers, recorded in the QEMU lab
 * (app/src/test/lab; fixtures/lab/NOTICE.md) on Debian's 6.1 and 6.12, with QEMU's ports on ACPI hot-plug
 * and on native pciehp, against {@link AffectedSet#predict} on the snapshot the same guest took of itself
 * before any function was rebound. The kernel's list is the truth: the prediction must name exactly its
 * functions and groups, and must call a hot reset impossible exactly when the kernel said ENODEV; and
 * where the lab traced which reset the kernel ran (pciehp_reset_slot or not), the scope must be that one.
 */
class LabKernelAnswersTest {

    private static final String DIR = "/fixtures/lab/";

    /** The recorded boots: file suffix → what it is (run-lab.sh's LAB_UPDATE_FIXTURES names). */
    static final List<String> SETS = List.of("", "-6.12", "-pciehp", "-pciehp-6.12", "-iommufd");

    private static final Map<String, HostRoot> ROOTS = new LinkedHashMap<>();
    private static final Map<String, Topology> TOPOLOGIES = new LinkedHashMap<>();

    record Answer(String set, String device, String name, String errno, List<String> affected, List<Integer> groups) {
        @Override
        public String toString() {
            return device + " (" + name + ", " + label(set) + ")";
        }
    }

    /** What the lab's trace saw the kernel do for a hot reset: "slot" (pciehp_reset_slot) or "bus". */
    record Traced(String set, String device, String kernel) {
        @Override
        public String toString() {
            return device + " (" + label(set) + ")";
        }
    }

    static String label(String set) {
        return (set.contains("iommufd") ? "6.12 with IOMMUFD (the lab's own kernel)" : set.contains("6.12") ? "6.12" : "6.1")
                + (set.contains("pciehp") ? ", pciehp" : ", ACPI hot-plug");
    }

    @BeforeAll
    static void openSnapshots() throws Exception {
        for (String set : SETS) {
            HostRoot r = SnapshotReader.open(resource("lab-guest-snapshot" + set + ".tar.gz"));
            ROOTS.put(set, r);
            TOPOLOGIES.put(set, new SysfsReader(r).scan());
        }
    }

    @AfterAll
    static void closeSnapshots() {
        ROOTS.values().forEach(HostRoot::close);
    }

    static Stream<Answer> answers() {
        return SETS.stream().flatMap(set -> readAnswers(set).stream());
    }

    static Stream<Traced> traced() {
        return SETS.stream().flatMap(set -> readTraced(set).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void predictionEqualsTheKernelsList(Answer kernel) {
        HotResetPrediction p = AffectedSet.predict(TOPOLOGIES.get(kernel.set()), PciAddress.parse(kernel.device()));
        if (kernel.errno() == null) {
            assertThat(p.possible()).as("the kernel offered a hot reset of " + kernel).isTrue();
            assertThat(addresses(p)).as("affected set of " + kernel).isEqualTo(kernel.affected());
            assertThat(p.groups()).as("groups of " + kernel).isEqualTo(kernel.groups());
        } else {
            assertThat(kernel.errno()).as("the only INFO error the lab records").isEqualTo("ENODEV");
            assertThat(p.possible()).as("the kernel answered ENODEV for " + kernel).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traced")
    void theScopeIsTheResetTheKernelRan(Traced kernel) {
        // an ftrace of the guest kernel around a real VFIO hot reset: pciehp_reset_slot ran (native pciehp)
        // or not (QEMU's default ACPI hot-plug: acpiphp has no slot reset, the bus is reset)
        HotResetPrediction p = AffectedSet.predict(TOPOLOGIES.get(kernel.set()), PciAddress.parse(kernel.device()));
        assertThat(p.scope().map(x -> x.name().toLowerCase())).as("scope of " + kernel).contains(kernel.kernel());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void acpiHotplugSlotsAreResetThroughTheirBus(Answer kernel) {
        // QEMU q35's default: ACPI hot-plug (acpiphp, no reset_slot) for every port
        HotResetPrediction p = AffectedSet.predict(TOPOLOGIES.get(kernel.set()), PciAddress.parse(kernel.device()));
        if (p.possible() && !kernel.set().contains("pciehp")) {
            assertThat(p.scope()).as("scope of " + kernel).contains(HotResetScope.BUS);
        }
    }

    @Test
    void theSlotsDriverIsWhatEachKernelShows() {
        // 6.1 names the slot's driver in its 'module' link; 6.12 has no such link for built-in drivers, and only
        // sys/bus/pci_express/drivers/pciehp tells; with native hot-plug both show pciehp
        PciAddress nic = PciAddress.parse("0000:01:00.0");
        assertThat(TOPOLOGIES.get("").slotOf(nic).orElseThrow().hotplugDriver()).contains("acpiphp");
        assertThat(TOPOLOGIES.get("-6.12").slotOf(nic).orElseThrow().hotplugDriver()).isEmpty();
        assertThat(TOPOLOGIES.get("-6.12").slotOf(nic).orElseThrow().pciehpVisible()).isTrue();
        assertThat(TOPOLOGIES.get("-pciehp").slotOf(nic).orElseThrow().hotplugDriver()).contains("pciehp");
        assertThat(TOPOLOGIES.get("-pciehp-6.12").slotOf(nic).orElseThrow().hotplugDriver()).contains("pciehp");
        assertThat(AffectedSet.predict(TOPOLOGIES.get(""), nic).reason()).contains("acpiphp");
        assertThat(AffectedSet.predict(TOPOLOGIES.get("-6.12"), nic).reason()).contains("other than pciehp");
    }

    @Test
    void bothKernelsAndBothHotplugModesWereTraced() {
        List<Traced> all = traced().toList();
        for (String set : SETS) {
            String want = set.contains("pciehp") ? "slot" : "bus";
            assertThat(all).as(label(set)).anySatisfy(t -> {
                assertThat(t.set()).isEqualTo(set);
                assertThat(t.kernel()).isEqualTo(want);
            });
        }
    }

    @Test
    void recordingCoversTheLabsScenarios() {
        List<Answer> all = readAnswers("");
        Topology topology = TOPOLOGIES.get("");
        assertThat(all).hasSizeGreaterThanOrEqualTo(15);
        assertThat(all).allSatisfy(a -> assertThat(topology.contains(PciAddress.parse(a.device())))
                .as(a + " is in the snapshot").isTrue());
        // SR-IOV: a VF's set spans three IOMMU groups (the PF's and each VF's own)
        assertThat(all).anySatisfy(a -> assertThat(a.groups()).hasSize(3));
        // A multi-function set, a two-device set behind the PCI bridge, and a root-bus ENODEV.
        assertThat(all).anySatisfy(a -> assertThat(a.affected()).contains("0000:07:00.0", "0000:07:00.1"));
        assertThat(all).anySatisfy(a -> assertThat(a.affected()).contains("0000:09:01.0", "0000:09:02.0"));
        assertThat(all).anySatisfy(a -> assertThat(a.errno()).isEqualTo("ENODEV"));
        assertThat(Set.copyOf(all.stream().map(Answer::device).toList())).hasSize(all.size());
    }

    /**
     * The tests' simulated kernel (FixtureVfioKernel, used to run the real reset command on fixture trees) lists what
     * the real kernel listed: its rule is checked here against the lab's recorded answers, not against the prediction.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void theSimulatedKernelsRuleListsWhatTheRealKernelListed(Answer kernel) {
        Path root = ROOTS.get(kernel.set()).path();
        if (kernel.errno() == null) {
            List<DependentDevice> listed = KernelHotResetSet.of(root, kernel.device());
            assertThat(listed).extracting(d -> d.address().toString()).as("set of " + kernel)
                    .containsExactlyElementsOf(kernel.affected());
            assertThat(listed.stream().map(DependentDevice::groupId).distinct().sorted().toList()).as("groups of " + kernel)
                    .isEqualTo(kernel.groups());
        } else {
            assertThatThrownBy(() -> KernelHotResetSet.of(root, kernel.device())).as(kernel.toString())
                    .isInstanceOfSatisfying(LastErrorException.class, e -> assertThat(e.getErrorCode()).isEqualTo(19));
        }
    }

    private static List<String> addresses(HotResetPrediction p) {
        return p.affected().stream().map(PciAddress::toString).toList();
    }

    private static Path resource(String name) {
        try {
            var url = LabKernelAnswersTest.class.getResource(DIR + name);
            assertThat(url).as("fixture " + DIR + name).isNotNull();
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readDoc(String set) {
        try {
            return (Map<String, Object>) new MiniJson(Files.readString(resource("kernel-answers" + set + ".json"),
                    StandardCharsets.UTF_8)).value();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Traced> readTraced(String set) {
        List<Traced> out = new ArrayList<>();
        Object list = readDoc(set).get("slotOrBus");
        for (Object o : list == null ? List.of() : (List<Object>) list) {
            Map<String, Object> m = (Map<String, Object>) o;
            if ("ok".equals(m.get("hotReset"))) {
                out.add(new Traced(set, (String) m.get("device"), (String) m.get("kernel")));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Answer> readAnswers(String set) {
        Object doc = readDoc(set);
        List<Answer> out = new ArrayList<>();
        for (Object o : (List<Object>) ((Map<String, Object>) doc).get("scenarios")) {
            Map<String, Object> m = (Map<String, Object>) o;
            List<Object> affected = (List<Object>) m.get("affected");
            List<Object> groups = (List<Object>) m.get("groups");
            out.add(new Answer(set, (String) m.get("device"), (String) m.get("name"), (String) m.get("errno"),
                    affected == null ? List.of() : affected.stream().map(String.class::cast).sorted().toList(),
                    groups == null ? List.of() : groups.stream().map(g -> ((Number) g).intValue()).sorted().toList()));
        }
        return out;
    }

    /** Just enough JSON for the fixture (core has no JSON library): objects, arrays, strings, numbers, literals. */
    static final class MiniJson {
        private final String s;
        private int i;

        MiniJson(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                do {
                    skip();
                    String k = string();
                    skip();
                    expect(':');
                    m.put(k, value());
                    skip();
                } while (s.charAt(i++) == ',');
                check(s.charAt(i - 1) == '}');
                return m;
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                do {
                    l.add(value());
                    skip();
                } while (s.charAt(i++) == ',');
                check(s.charAt(i - 1) == ']');
                return l;
            }
            if (c == '"') {
                return string();
            }
            for (String lit : new String[] {"null", "true", "false"}) {
                if (s.startsWith(lit, i)) {
                    i += lit.length();
                    return lit.equals("null") ? null : Boolean.valueOf(lit);
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            check(i > start);
            return Double.valueOf(s.substring(start, i));
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            i++;
            return b.toString();
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private void expect(char c) {
            check(s.charAt(i) == c);
            i++;
        }

        private void check(boolean ok) {
            if (!ok) {
                throw new IllegalArgumentException("kernel-answers.json: unexpected text at offset " + i);
            }
        }
    }
}

package org.vfioinspector.core.reset;

import static org.assertj.core.api.Assertions.assertThat;

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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * The real kernel's {@code VFIO_DEVICE_GET_PCI_HOT_RESET_INFO} answers, recorded in the QEMU lab
 * (app/src/test/lab; fixtures/lab/NOTICE.md), against {@link AffectedSet#predict} on the snapshot the
 * same guest took of itself before any function was rebound. The kernel's list is the truth: the
 * prediction must name exactly its functions and groups, and must call a hot reset impossible exactly
 * when the kernel said ENODEV.
 */
class LabKernelAnswersTest {

    private static final String DIR = "/fixtures/lab/";

    private static HostRoot root;
    private static Topology topology;

    record Answer(String device, String name, String errno, List<String> affected, List<Integer> groups) {
        @Override
        public String toString() {
            return device + " (" + name + ")";
        }
    }

    @BeforeAll
    static void openSnapshot() throws Exception {
        root = SnapshotReader.open(resource("lab-guest-snapshot.tar.gz"));
        topology = new SysfsReader(root).scan();
    }

    @AfterAll
    static void closeSnapshot() {
        if (root != null) {
            root.close();
        }
    }

    static Stream<Answer> answers() {
        return readAnswers().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void predictionEqualsTheKernelsList(Answer kernel) {
        HotResetPrediction p = AffectedSet.predict(topology, PciAddress.parse(kernel.device()));
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
    @MethodSource("answers")
    void qemusAcpiHotplugSlotsAreResetThroughTheirBus(Answer kernel) {
        // QEMU q35's ports use ACPI hot-plug (acpiphp, no reset_slot): an ftrace in the lab guest showed
        // pci_bridge_secondary_bus_reset, never pciehp_reset_slot, for every one of these
        HotResetPrediction p = AffectedSet.predict(topology, PciAddress.parse(kernel.device()));
        if (p.possible()) {
            assertThat(p.scope()).as("scope of " + kernel).contains(HotResetScope.BUS);
        }
    }

    @Test
    void recordingCoversTheLabsScenarios() {
        List<Answer> all = readAnswers();
        assertThat(all).hasSizeGreaterThanOrEqualTo(9);
        assertThat(all).allSatisfy(a -> assertThat(topology.contains(PciAddress.parse(a.device())))
                .as(a + " is in the snapshot").isTrue());
        // A multi-function set, a two-device set behind the PCI bridge, and a root-bus ENODEV.
        assertThat(all).anySatisfy(a -> assertThat(a.affected()).contains("0000:07:00.0", "0000:07:00.1"));
        assertThat(all).anySatisfy(a -> assertThat(a.affected()).contains("0000:09:01.0", "0000:09:02.0"));
        assertThat(all).anySatisfy(a -> assertThat(a.errno()).isEqualTo("ENODEV"));
        assertThat(Set.copyOf(all.stream().map(Answer::device).toList())).hasSize(all.size());
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
    static List<Answer> readAnswers() {
        Object doc;
        try {
            doc = new MiniJson(Files.readString(resource("kernel-answers.json"), StandardCharsets.UTF_8)).value();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Answer> out = new ArrayList<>();
        for (Object o : (List<Object>) ((Map<String, Object>) doc).get("scenarios")) {
            Map<String, Object> m = (Map<String, Object>) o;
            List<Object> affected = (List<Object>) m.get("affected");
            List<Object> groups = (List<Object>) m.get("groups");
            out.add(new Answer((String) m.get("device"), (String) m.get("name"), (String) m.get("errno"),
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

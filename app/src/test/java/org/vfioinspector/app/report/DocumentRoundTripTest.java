package org.vfioinspector.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.GroupExplainer;
import org.vfioinspector.core.reset.GroupExplanation;
import org.vfioinspector.core.snapshot.SnapshotResult;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * Each document survives write → read with {@link Json#mapper()}, and the JSON captured from the CLI before the
 * documents were records ({@code golden/}, see JsonGoldenTest) reads back as the records built from the demo host,
 * and, for the other fixture hosts, writes back byte for byte.
 */
class DocumentRoundTripTest {

    private static Session demo;

    @BeforeAll
    static void open() {
        demo = Session.open(Session.Source.DEMO, null);
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    private static <T> T roundTrip(T document) throws IOException {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) document.getClass();
        T read = Json.mapper().readValue(Json.write(document), type);
        assertThat(read).isEqualTo(document);
        return read;
    }

    /** The document the CLI printed when it was captured (its first line is the exit code). */
    private static <T> T captured(String name, Class<T> type) throws IOException {
        try (InputStream in = DocumentRoundTripTest.class.getResourceAsStream("/golden/" + name + ".json")) {
            assertThat(in).as(name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Json.mapper().readValue(text.substring(text.indexOf('\n') + 1), type);
        }
    }

    @Test
    void tree() throws IOException {
        TreeDocument tree = roundTrip(TreeDocument.of(demo.topology(), demo.names(), demo.health()));
        assertThat(tree.devices()).hasSizeGreaterThan(40);
        assertThat(captured("demo-tree", TreeDocument.class)).isEqualTo(tree);
    }

    @Test
    void everyShowOfTheDemo() throws IOException {
        Topology t = demo.topology();
        for (PciDevice d : t.devices()) {
            roundTrip(DeviceDocument.of(d, t, demo.names(), demo.health()));
            roundTrip(DeviceDocument.show(d, t, demo.names(), demo.health()));
            roundTrip(DeviceDocument.show(d, t, demo.names(), demo.health(), vfio(d)));
        }
        for (String[] c : List.of(new String[] {"demo-show-gpu", "0000:04:00.0"}, new String[] {"demo-show-nic", "0000:01:00.0"},
                new String[] {"demo-show-port", "0000:03:08.0"}, new String[] {"demo-show-vf", "0001:01:02.2"})) {
            PciDevice d = t.device(PciAddress.parse(c[1])).orElseThrow();
            DeviceDocument expected = DeviceDocument.show(d, t, demo.names(), demo.health(), vfio(d));
            assertThat(captured(c[0], DeviceDocument.class)).as(c[0]).isEqualTo(expected);
        }
    }

    @Test
    void groups() throws IOException {
        Map<Integer, GroupExplanation> why = new LinkedHashMap<>();
        GroupExplainer.explainAll(demo.topology()).forEach(e -> why.put(e.group(), e));
        GroupsDocument groups = roundTrip(GroupsDocument.of(demo.topology(), demo.hostState().holders(), why));
        assertThat(groups.groups()).anySatisfy(g -> assertThat(g.holders()).isNotEmpty());
        assertThat(captured("demo-groups", GroupsDocument.class)).isEqualTo(groups);
        assertThat(roundTrip(GroupsDocument.of(demo.topology(), demo.hostState().holders(), Map.of())).groups())
                .allSatisfy(g -> assertThat(g.explanation()).isEmpty());
    }

    /** How VFIO can reach {@code d}, as {@code show} says it. */
    private VfioAccessDocument vfio(PciDevice d) {
        return VfioAccessDocument.of(d, org.vfioinspector.core.sysfs.VfioInterfaces.read(demo.root(), demo.topology()),
                demo.hostState().holders());
    }

    /** The cdev path's prediction, as {@code blast} makes it. */
    private org.vfioinspector.core.reset.CdevPrediction cdev(BlastRadius b) {
        return org.vfioinspector.core.reset.CdevPredictor.predict(b, demo.topology(), demo.hostState().holders(),
                org.vfioinspector.core.sysfs.VfioInterfaces.read(demo.root(), demo.topology()));
    }

    @Test
    void blastReadyBlockedAndOnARootBus() throws IOException {
        Map<String, String> cases = Map.of("demo-blast-held", "0000:04:00.0", "demo-blast-rootbus", "0000:00:14.0",
                "demo-blast-ready", "0001:01:02.2", "demo-blast-nvme", "0000:02:00.0");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            BlastRadius b = demo.analyzer().analyze(PciAddress.parse(c.getValue()));
            BlastDocument blast = roundTrip(BlastDocument.of(b, b.verdict(), Optional.of(cdev(b))));
            assertThat(captured(c.getKey(), BlastDocument.class)).as(c.getKey()).isEqualTo(blast);
        }
        BlastRadius vf = demo.analyzer().analyze(PciAddress.parse("0001:01:02.2"));
        BlastDocument hot = roundTrip(BlastDocument.of(vf, vf.verdict(ResetKind.HOT_RESET), Optional.of(cdev(vf))));
        assertThat(hot.verdict()).isEqualTo("blocked");
        assertThat(hot.recommended()).hasValue("function");
        assertThat(captured("demo-blast-hot", BlastDocument.class)).isEqualTo(hot);
    }

    @Test
    void snapshot() throws IOException {
        SnapshotDocument full = roundTrip(SnapshotDocument.of(new SnapshotResult(Path.of("/tmp/out dir/host.tar.gz"),
                1234, 56, 78, 9_876_543_210L, 2, List.of("sys/bus/pci/devices/0000:03:00.0/config: permission denied",
                "no \"proc\"\tat all"))));
        SnapshotDocument empty = roundTrip(SnapshotDocument.of(new SnapshotResult(Path.of("h.tar.gz"), 0, 0, 0, 0, 0,
                List.of())));
        String text = Json.write(full) + "\n" + Json.write(empty) + "\n";
        try (InputStream in = DocumentRoundTripTest.class.getResourceAsStream("/golden/snapshot.json")) {
            assertThat(in).isNotNull();
            assertThat(text).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"q35-tree", "q35-initial-tree", "hwloc-tree", "thinkpad-tree", "q35-groups", "hwloc-groups",
            "thinkpad-groups", "thinkpad-show", "q35-blast", "q35-initial-blast", "hwloc-blast-unknown", "thinkpad-blast"})
    void capturedFixtureDocumentsReadAndWriteBackTheSameBytes(String name) throws IOException {
        Class<?> type = name.endsWith("-tree") ? TreeDocument.class : name.endsWith("-groups") ? GroupsDocument.class
                : name.contains("-show") ? DeviceDocument.class : BlastDocument.class;
        Object read = captured(name, type);
        try (InputStream in = DocumentRoundTripTest.class.getResourceAsStream("/golden/" + name + ".json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(Json.write(read) + "\n").isEqualTo(text.substring(text.indexOf('\n') + 1));
        }
        assertThat(Json.mapper().readValue(Json.write(read), type)).isEqualTo(read);
    }
}

package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.demo.DemoHost;
import org.vfioinspector.core.real.RealFixtures;
import org.vfioinspector.core.snapshot.Limits;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * A snapshot keeps everything the viewing commands use: {@code tree}, {@code groups}, and {@code show} and
 * {@code blast} of every function give the same JSON (and exit code) on a host, on its snapshot and on a
 * snapshot of that snapshot. Run through the CLI in-process, as a user would.
 */
class SnapshotRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void theDemo() throws Exception {
        try (HostRoot demo = DemoHost.open()) {
            sameEverywhere(List.of("--demo"), List.of("--root", demo.path().toString()), "demo", Integer.MAX_VALUE);
        }
    }

    @Test
    void theHwlocServer() throws Exception {
        List<String> hwloc = root(RealFixtures.hwlocServer(dir));
        sameEverywhere(hwloc, hwloc, "hwloc", 40);
    }

    @Test
    void theThinkpad() throws Exception {
        List<String> thinkpad = root(RealFixtures.thinkpad(dir));
        sameEverywhere(thinkpad, thinkpad, "thinkpad", Integer.MAX_VALUE);
    }

    @Test
    void theQemuGuestAtBootAndWithVfio() throws Exception {
        List<String> initial = root(RealFixtures.qemuQ35(dir, true));
        sameEverywhere(initial, initial, "q35-initial", Integer.MAX_VALUE);
        List<String> vfio = root(RealFixtures.qemuQ35(dir, false));
        sameEverywhere(vfio, vfio, "q35", Integer.MAX_VALUE);
    }

    @Test
    void theLabGuestSnapshot() throws Exception {
        // core's test resources may sit in its test-jar: copy the archive out
        Path archive = dir.resolve("lab-guest-snapshot.tar.gz");
        try (var in = SnapshotRoundTripTest.class.getResourceAsStream("/fixtures/lab/lab-guest-snapshot.tar.gz")) {
            assertThat(in).isNotNull();
            Files.copy(in, archive);
        }
        Path unpacked = dir.resolve("lab.d");
        SnapshotReader.unpack(archive, unpacked, Limits.DEFAULT);
        sameEverywhere(root(archive), root(unpacked), "lab", Integer.MAX_VALUE);
    }

    private static List<String> root(Path p) {
        return List.of("--root", p.toString());
    }

    /**
     * Takes a snapshot of {@code source} and one of that snapshot, and compares every viewing command's JSON on
     * the three. Each is given as the user names it ({@code --demo}, the archive) for {@code tree} and
     * {@code groups}, and unpacked once into a directory ({@code sameSource}) for {@code show} and {@code blast}
     * of each function (unpacking per command would dominate the run); of those, at most {@code sample}
     * functions, evenly spread over the sorted list and always including the first and the last.
     */
    private void sameEverywhere(List<String> source, List<String> sameSource, String name, int sample) throws Exception {
        Path once = snapshot(source, name + "-once.tar.gz");
        Path twice = snapshot(root(once), name + "-twice.tar.gz");
        Map<String, String> expected = outputs(sameSource, sample);
        for (String cmd : List.of("tree", "groups")) {
            assertThat(expected.get(cmd)).as("%s of %s", cmd, name).isEqualTo(json(source, cmd));
        }
        for (Path archive : List.of(once, twice)) {
            for (String cmd : List.of("tree", "groups")) {
                assertThat(json(root(archive), cmd)).as("%s of %s", cmd, archive.getFileName()).isEqualTo(expected.get(cmd));
            }
            Path unpacked = dir.resolve(archive.getFileName() + ".d");
            SnapshotReader.unpack(archive, unpacked, Limits.DEFAULT);
            Map<String, String> actual = outputs(root(unpacked), sample);
            assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertThat(actual.get(e.getKey())).as("%s of %s", e.getKey(), archive.getFileName()).isEqualTo(e.getValue());
            }
        }
    }

    private Path snapshot(List<String> source, String file) {
        Path out = dir.resolve(file);
        CliTest.Result r = CliTest.run(args(source, "snapshot", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.isRegularFile(out)).isTrue();
        return out;
    }

    /** Every viewing command's JSON with its exit code, keyed by the command line after the source. */
    private static Map<String, String> outputs(List<String> source, int sample) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("tree", json(source, "tree"));
        out.put("groups", json(source, "groups"));
        List<String> all = new ArrayList<>();
        CliTest.run(args(source, "tree", "--json")).json().get("devices").forEach(d -> all.add(d.get("address").asText()));
        assertThat(all).isNotEmpty();
        int n = Math.min(sample, all.size());
        for (int i = 0; i < n; i++) {
            String bdf = all.get(n == 1 ? 0 : (int) ((long) i * (all.size() - 1) / (n - 1)));
            out.put("show " + bdf, json(source, "show", bdf));
            out.put("blast " + bdf, json(source, "blast", bdf));
        }
        return out;
    }

    private static String json(List<String> source, String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.add("--json");
        CliTest.Result r = CliTest.run(args(source, cmd.toArray(String[]::new)));
        assertThat(r.code()).as("%s: %s", cmd, r.err()).isLessThan(2);
        // suggested commands name their source (--demo, --root PATH): the same on every copy once that is set aside
        return "exit " + r.code() + "\n" + r.out().replace("vfio-inspector " + String.join(" ", source) + " ",
                "vfio-inspector $SOURCE ");
    }

    private static String[] args(List<String> source, String... rest) {
        List<String> all = new ArrayList<>(source);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}

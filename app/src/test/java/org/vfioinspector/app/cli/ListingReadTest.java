package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfioinspector.app.report.GroupsDocument;
import org.vfioinspector.app.report.GroupsText;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.report.TreeDocument;
import org.vfioinspector.app.report.TreeText;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.bench.BenchTrees;
import org.vfioinspector.core.bench.SyntheticHost;
import org.vfioinspector.core.health.HostHealth;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.host.HostStateReader;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.real.RealFixtures;
import org.vfioinspector.core.reset.GroupExplainer;
import org.vfioinspector.core.reset.GroupExplanation;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * {@code tree} and {@code groups} read only what they print ({@code SysfsReader.scanListing}), yet print byte
 * for byte what they print from the complete read ({@code SysfsReader.scan()}, rendered here the way the
 * commands rendered it before): every real capture among the fixtures (ThinkPad, two-socket hwloc server, the
 * q35 guest before and after, the lab guests' snapshots), the demo, and generated hosts of 256 functions (three
 * seeds) and 1,024.
 */
class ListingReadTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> hosts() {
        return Stream.of(
                Arguments.of("demo"), Arguments.of("thinkpad"), Arguments.of("hwloc"), Arguments.of("q35"),
                Arguments.of("q35-initial"), Arguments.of("lab-guest-snapshot"), Arguments.of("lab-guest-snapshot-6.12"),
                Arguments.of("lab-guest-snapshot-iommufd"), Arguments.of("lab-guest-snapshot-pciehp"),
                Arguments.of("lab-guest-snapshot-pciehp-6.12"), Arguments.of("synthetic-256-1"),
                Arguments.of("synthetic-256-2"), Arguments.of("synthetic-256-20251124"),
                Arguments.of("synthetic-1024-20251124"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    void treeAndGroupsPrintWhatTheCompleteReadPrints(String host) throws IOException {
        List<String> source = source(host);
        String expectedTree;
        String expectedGroups;
        String expectedExplain;
        String expectedTreeJson;
        String expectedGroupsJson;
        Path path = source.size() == 2 ? Path.of(source.get(1)) : null;
        try (Session s = path == null ? Session.open(Session.Source.DEMO, null) : Session.open(Session.Source.PATH, path)) {
            Topology full = new SysfsReader(s.root()).scan();
            PciIds names = s.names();
            StringBuilder tree = new StringBuilder(TreeText.render(full, names));
            if (!full.host().iommuEnabled() && !full.isEmpty()) {
                full.host().iommuAdvice().forEach(l -> tree.append(l).append('\n'));
            }
            expectedTree = tree.toString();
            HolderScan holders = HostStateReader.read(s.root(), full).holders();
            Map<Integer, GroupExplanation> why = new LinkedHashMap<>();
            GroupExplainer.explainAll(full).forEach(e -> why.put(e.group(), e));
            expectedGroups = GroupsText.render(full, names, holders, Map.of(), false);
            expectedExplain = GroupsText.render(full, names, holders, why, true);
            expectedTreeJson = json(TreeDocument.of(full, names, HostHealth.read(s.root(), full)));
            expectedGroupsJson = json(GroupsDocument.of(full, holders, why));
        }
        assertThat(cli(source, "tree")).as(host + ": tree").isEqualTo(expectedTree);
        assertThat(cli(source, "groups")).as(host + ": groups").isEqualTo(expectedGroups);
        assertThat(cli(source, "groups", "--explain")).as(host + ": groups --explain").isEqualTo(expectedExplain);
        assertThat(cli(source, "tree", "--json")).as(host + ": tree --json").isEqualTo(expectedTreeJson);
        assertThat(cli(source, "groups", "--json")).as(host + ": groups --json").isEqualTo(expectedGroupsJson);
        assertThat(expectedTree).as(host + ": a tree is printed").isNotBlank();
    }

    private static String cli(List<String> source, String... command) {
        List<String> args = new ArrayList<>(source);
        args.addAll(List.of(command));
        CliTest.Result r = CliTest.run(args.toArray(String[]::new));
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r.out();
    }

    private static String json(Object document) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Json.print(out, document);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The command line's words that open {@code host}. */
    private static List<String> source(String host) throws IOException {
        if (host.equals("demo")) {
            return List.of("--demo");
        }
        Path root = switch (host) {
            case "thinkpad" -> cached(host, () -> RealFixtures.thinkpad(dir));
            case "hwloc" -> cached(host, () -> RealFixtures.hwlocServer(dir));
            case "q35" -> cached(host, () -> RealFixtures.qemuQ35(dir, false));
            case "q35-initial" -> cached(host, () -> RealFixtures.qemuQ35(dir, true));
            default -> host.startsWith("synthetic-") ? synthetic(host) : snapshot(host);
        };
        return List.of("--root", root.toString());
    }

    private interface Unpack {
        Path get() throws IOException;
    }

    private static Path cached(String host, Unpack unpack) throws IOException {
        Path p = dir.resolve(host);
        if (!Files.isDirectory(p)) {
            return unpack.get();
        }
        return host.equals("hwloc") ? p.resolve("32em64t-2n8c+1mic") : p;
    }

    private static Path synthetic(String host) {
        String[] parts = host.split("-");
        int functions = Integer.parseInt(parts[1]);
        long seed = Long.parseLong(parts[2]);
        if (seed == 20251124L) {
            return BenchTrees.cached(functions, seed);
        }
        Path p = dir.resolve(host);
        if (!Files.isDirectory(p)) {
            SyntheticHost.write(p, functions, seed);
        }
        return p;
    }

    private static Path snapshot(String name) throws IOException {
        Path p = dir.resolve(name + ".tar.gz");
        if (!Files.exists(p)) {
            try (InputStream in = ListingReadTest.class.getResourceAsStream("/fixtures/lab/" + name + ".tar.gz")) {
                assertThat(in).as(name).isNotNull();
                Files.copy(in, p);
            }
        }
        return p;
    }
}

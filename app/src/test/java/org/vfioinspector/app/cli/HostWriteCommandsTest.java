package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.vfio.ProcessIdentity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code reset}, {@code bind} and {@code restore} argument validation, always against a fixture tree
 * given with {@code --root} and a temporary {@code --state-dir}: never this machine's sysfs.
 */
class HostWriteCommandsTest {

    @TempDir
    Path dir;
    @TempDir
    Path state;

    private String out;
    private String err;

    @BeforeEach
    void twoFunctionsOnVfioPciAndAHostNic() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(3);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).driver("vfio-pci").group(7);
        fx.add("0000:01:00.1").under(rp).audio(0x8086, 0x10d4).driver("vfio-pci").group(7);
        FixtureDevice rp2 = fx.add("0000:00:1c.1").rootPort(2, 2).group(4);
        FixtureDevice nic = fx.add("0000:02:00.0").under(rp2).nic(0x8086, 0x10d3).driver("e1000e").group(8);
        // the host's tables are visible: / is on a disk outside the tree, enp2s0 has only its subnet route
        fx.netInterface(nic, "enp2s0", "up", "52:54:00:12:34:56");
        fx.file("proc/self/mountinfo", "22 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw\n");
        fx.file("proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n");
        fx.file("proc/net/route", ROUTE_HEADER + "enp2s0\t0000A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n");
        fx.write();
        try {
            Files.createDirectories(dir.resolve("sys/block"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final String ROUTE_HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

    /** Makes 02:00.0's interface carry the default route (the engineer's ssh). */
    private void defaultRouteOnTheHostNic() throws IOException {
        Files.writeString(dir.resolve("proc/net/route"), ROUTE_HEADER
                + "enp2s0\t00000000\t0100A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n");
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--root", dir.toString()));
        all.addAll(List.of(args));
        if (List.of("reset", "bind", "restore").contains(args[0])) {
            all.add("--state-dir");
            all.add(state.resolve("vfio-inspector").toString());
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(all.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private JsonNode json() throws IOException {
        return Json.mapper().readTree(out);
    }

    /** Every path under the fixture with its link target or content, to prove nothing was written. */
    private Map<String, String> treeState() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String key = dir.relativize(p).toString();
                if (key.equals("var") || key.startsWith("var/log")) {
                    continue; // the audit log of the tree: the intent and refusal of a run are recorded there
                }
                if (Files.isSymbolicLink(p)) {
                    m.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    m.put(key, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                } else {
                    m.put(key, "dir");
                }
            }
        }
        return m;
    }

    @Test
    void malformedBdfIsAUsageError() {
        assertThat(run("reset", "zz:00.0", "--confirm", "0000:01:00.0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("'zz:00.0' is not a PCI address");
        assertThat(run("bind", "0000:01:00.8", "--vfio")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void unknownFunctionsAreUsageErrors() {
        assertThat(run("reset", "0000:05:00.0", "--confirm", "0000:05:00.0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("no PCI function 0000:05:00.0");
        assertThat(run("reset", "0000:01:00.0", "--confirm", "0000:01:00.0,0000:06:00.0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("0000:06:00.0");
        assertThat(run("bind", "01:00.0", "0000:09:00.0", "--vfio")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void malformedConfirmListsAreUsageErrors() {
        for (String bad : List.of("", " ", "0000:01:00.0,,0000:01:00.1", "0000:01:00.0,", "0000:01:00.0,zz",
                "0000:01:00.0,01:00.0", "0000:01:00.0 0000:01:00.1")) {
            assertThat(run("reset", "0000:01:00.0", "--confirm", bad)).as("--confirm '%s'", bad).isEqualTo(ExitCodes.USAGE);
        }
        assertThat(run("reset", "0000:01:00.0")).as("no --confirm at all").isEqualTo(ExitCodes.USAGE);
        assertThat(run("bind", "0000:01:00.0")).as("bind without --vfio").isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void shellMetacharactersNeverReachAFileName() throws IOException {
        Map<String, String> before = treeState();
        for (String evil : List.of("0000:02:00.0;touch pwned", "$(touch pwned)", "`touch pwned`",
                "../../../tmp/pwned", "0000:02:00.0/../../pwned", "0000:02:00.0 && touch pwned", "0000:02:00.0|x",
                "0000:02:00.0\u0000x")) {
            assertThat(run("bind", evil, "--vfio")).as(evil).isEqualTo(ExitCodes.USAGE);
            assertThat(run("reset", evil, "--confirm", evil)).as(evil).isEqualTo(ExitCodes.USAGE);
            assertThat(run("reset", "0000:02:00.0", "--confirm", "0000:02:00.0," + evil)).as(evil)
                    .isEqualTo(ExitCodes.USAGE);
        }
        assertThat(treeState()).isEqualTo(before);
        assertThat(state.resolve("vfio-inspector")).doesNotExist();
        assertThat(Path.of("pwned")).doesNotExist();
    }

    @Test
    void confirmedSetOtherThanThePredictionIsRefusedBeforeAnyWrite() throws IOException {
        Map<String, String> before = treeState();

        int code = run("reset", "0000:01:00.0", "--confirm", "0000:01:00.0", "--bind", "--json");

        assertThat(code).isEqualTo(ExitCodes.REFUSED);
        JsonNode j = json();
        assertThat(j.get("outcome").asText()).isEqualTo("refused");
        assertThat(j.get("refusals").findValuesAsText("code")).contains("CONFIRMED_SET_DIFFERS");
        assertThat(j.get("prediction").get("affected").toString()).isEqualTo("[\"0000:01:00.0\",\"0000:01:00.1\"]");
        assertThat(j.get("steps")).isEmpty();
        assertThat(j.get("bind").isNull()).isTrue();
        assertThat(treeState()).isEqualTo(before);
        assertThat(state.resolve("vfio-inspector")).doesNotExist();
    }

    @Test
    void hostDriverInTheSetIsRefusedWithoutBind() throws IOException {
        assertThat(run("reset", "0000:02:00.0", "--confirm", "0000:02:00.0", "--json")).isEqualTo(ExitCodes.REFUSED);
        assertThat(json().get("refusals").findValuesAsText("code")).contains("HOST_DRIVER");
    }

    @Test
    void demoAndSnapshotsAreReadOnly() throws IOException {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"--demo", "restore", "--state-dir", state.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(e.toString(StandardCharsets.UTF_8)).contains("read-only");
    }

    @Test
    void dryRunReachesTheKernelOnlyUnderTheRootAndExplainsTheMissingModule() throws IOException {
        int code = run("reset", "0000:01:00.0", "--confirm", "0000:01:00.0,0000:01:00.1", "--dry-run", "--json");

        JsonNode j = json();
        if (ProcessIdentity.isRoot()) {
            // the container is looked for under the fixture root, where there is none
            assertThat(code).isEqualTo(ExitCodes.IO);
            assertThat(j.get("error").get("errnoName").asText()).isEqualTo("ENOENT");
            assertThat(j.get("error").get("target").asText()).startsWith(dir.toString());
            assertThat(j.get("error").get("sentence").asText()).contains("modprobe vfio-pci");
        } else {
            assertThat(code).isEqualTo(ExitCodes.REFUSED);
            assertThat(j.get("refusals").findValuesAsText("code")).containsExactly("NOT_ROOT");
        }
    }

    @Test
    void bindWithTheRealWriterOnAFixtureRollsBackWhenTheDriverDoesNotMove() throws IOException {
        assumeTrue(ProcessIdentity.isRoot(), "bind refuses before any write when not root");
        Files.createDirectories(dir.resolve("sys/bus/pci/drivers/vfio-pci"));
        // no kernel behind this tree: the unbind attribute does not exist, so the bind fails part-way

        int code = run("bind", "02:00.0", "--vfio", "--json");

        assertThat(code).isEqualTo(ExitCodes.IO);
        JsonNode j = json();
        assertThat(j.get("outcome").asText()).isEqualTo("rolled-back");
        assertThat(j.get("functions").findValuesAsText("action")).contains("rolled-back");
        assertThat(Files.readString(dir.resolve("sys/bus/pci/devices/0000:02:00.0/driver_override")).strip()).isEmpty();
        assertThat(Files.readString(state.resolve("vfio-inspector/bind-journal")))
                .contains("pending 0000:02:00.0 driver=e1000e").contains("rolled-back 0000:02:00.0");
        assertThat(run("restore", "--json")).isEqualTo(ExitCodes.OK);
        assertThat(json().get("summary").asText()).startsWith("Nothing to restore");
    }

    @Test
    void bindOfTheDefaultRouteNicIsRefusedBeforeAnyWrite() throws IOException {
        Files.createDirectories(dir.resolve("sys/bus/pci/drivers/vfio-pci"));
        defaultRouteOnTheHostNic();
        Map<String, String> before = treeState();

        int code = run("bind", "02:00.0", "--vfio", "--json");

        assertThat(code).isEqualTo(ExitCodes.REFUSED);
        JsonNode j = json();
        assertThat(j.get("outcome").asText()).isEqualTo("refused");
        assertThat(j.get("functions").findValuesAsText("message")).singleElement().asString()
                .startsWith("[DEFAULT_ROUTE]").contains("enp2s0");
        assertThat(j.get("summary").asText()).contains("--force-host-impact");
        assertThat(treeState()).isEqualTo(before);
        assertThat(state.resolve("vfio-inspector")).doesNotExist();

        assertThat(run("bind", "02:00.0", "--vfio")).isEqualTo(ExitCodes.REFUSED);
        assertThat(out).contains("DEFAULT_ROUTE").contains("--force-host-impact");
        assertThat(treeState()).isEqualTo(before);
    }

    @Test
    void unreadableRoutesAreRefusedTooUnlessForced() throws IOException {
        Files.createDirectories(dir.resolve("sys/bus/pci/drivers/vfio-pci"));
        Files.delete(dir.resolve("proc/net/route"));
        Map<String, String> before = treeState();

        assertThat(run("bind", "02:00.0", "--vfio", "--json")).isEqualTo(ExitCodes.REFUSED);
        assertThat(json().get("functions").findValuesAsText("message")).singleElement().asString()
                .startsWith("[ROUTES_UNKNOWN]");
        assertThat(treeState()).isEqualTo(before);
    }

    @Test
    void forceHostImpactLetsTheBindThrough() throws IOException {
        assumeTrue(ProcessIdentity.isRoot(), "bind refuses before any write when not root");
        Files.createDirectories(dir.resolve("sys/bus/pci/drivers/vfio-pci"));
        defaultRouteOnTheHostNic();

        int code = run("bind", "02:00.0", "--vfio", "--force-host-impact", "--json");

        // it got past the check and wrote (no kernel behind the tree, so it then rolls back)
        assertThat(code).isEqualTo(ExitCodes.IO);
        JsonNode j = json();
        assertThat(j.get("outcome").asText()).isEqualTo("rolled-back");
        assertThat(j.get("notes").toString()).contains("[DEFAULT_ROUTE]");
        assertThat(Files.readString(state.resolve("vfio-inspector/bind-journal"))).contains("pending 0000:02:00.0");
    }

    @Test
    void resetWithBindGoesThroughTheSameCheck() throws IOException {
        assumeTrue(ProcessIdentity.isRoot(), "reset refuses before binding when not root");
        Files.createDirectories(dir.resolve("sys/bus/pci/drivers/vfio-pci"));
        defaultRouteOnTheHostNic();
        Map<String, String> before = treeState();

        int code = run("reset", "0000:02:00.0", "--confirm", "0000:02:00.0", "--bind", "--json");

        assertThat(code).isEqualTo(ExitCodes.REFUSED);
        JsonNode j = json();
        assertThat(j.get("bind").get("outcome").asText()).isEqualTo("refused");
        assertThat(j.get("bind").get("functions").findValuesAsText("message")).singleElement().asString()
                .startsWith("[DEFAULT_ROUTE]");
        assertThat(treeState()).isEqualTo(before);
        assertThat(state.resolve("vfio-inspector")).doesNotExist();
    }

    @Test
    void functionIsTheResetsNameAndFlrStillWorks() throws IOException {
        for (String option : List.of("--function", "--flr")) {
            run("reset", "0000:01:00.0", "--confirm", "0000:01:00.0", option, "--dry-run", "--json");
            assertThat(json().get("kind").asText()).as(option).isEqualTo("function-reset");
            assertThat(json().get("refusals").findValuesAsText("code")).as(option).doesNotContain("CONFIRMED_SET_DIFFERS");
        }
    }

    @Test
    void bindListsTheOtherHostDrivenFunctionsOfTheGroupWithWhatToDo() throws IOException {
        assumeTrue(ProcessIdentity.isRoot(), "bind refuses before any write when not root");
        Path shared = dir.resolve("shared");
        SysfsFixture fx = new SysfsFixture(shared).kernel("6.1.0-56-amd64");
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 2).group(3);
        FixtureDevice bridge = fx.add("0000:01:00.0").under(rp).pciBridge(2, 2).driver("shpchp").group(5);
        fx.add("0000:02:01.0").under(bridge).conventional(0x8086, 0x100e, 0x020000).driver("e1000").group(5);
        fx.add("0000:02:02.0").under(bridge).conventional(0x8086, 0x100e, 0x020000).driver("e1000").group(5);
        fx.write();
        Files.createDirectories(shared.resolve("sys/bus/pci/drivers/vfio-pci"));
        List<String> args = List.of("--root", shared.toString(), "bind", "02:01.0", "--vfio", "--state-dir",
                state.resolve("vfio-inspector").toString());
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        Cli.run(args.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String text = o.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("VFIO cannot use the IOMMU group",
                "0000:01:00.0 (shpchp): unbind it from shpchp (vfio-pci never accepts bridges)",
                "0000:02:02.0 (e1000): bind it to vfio-pci").doesNotContain("0000:02:01.0 (e1000):");

        ByteArrayOutputStream oj = new ByteArrayOutputStream();
        List<String> withJson = new ArrayList<>(args);
        withJson.add("--json");
        Cli.run(withJson.toArray(String[]::new), new PrintStream(oj, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        JsonNode others = Json.mapper().readTree(oj.toString(StandardCharsets.UTF_8)).get("otherHostFunctions");
        assertThat(others.findValuesAsText("address")).containsExactly("0000:01:00.0", "0000:02:02.0");
        assertThat(others.get(0).get("bridge").asBoolean()).isTrue();
    }
}

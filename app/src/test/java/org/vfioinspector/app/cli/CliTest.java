package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.core.real.RealFixtures;

class CliTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    static Result run(String... args) {
        return run(null, args);
    }

    /** As {@link #run(String...)} through {@code access} (a simulated kernel and sysfs); null: the default. */
    static Result run(org.vfioinspector.app.priv.HostAccess access, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = access == null ? Cli.run(args, o, e) : Cli.run(args, o, e, access);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demoTreeJsonFollowsTheContract() throws Exception {
        Result r = run("--demo", "tree", "--json");
        assertThat(r.code()).isZero();
        JsonNode devices = r.json().get("devices");
        assertThat(devices.size()).isGreaterThan(40);
        List<String> addresses = new ArrayList<>();
        devices.forEach(d -> addresses.add(d.get("address").asText()));
        assertThat(addresses).isSorted().contains("10000:e1:00.0");
        JsonNode gpu = find(devices, "0000:04:00.0");
        assertThat(gpu.get("vendorId").asText()).isEqualTo("10de");
        assertThat(gpu.get("classCode").asText()).isEqualTo("030000");
        assertThat(gpu.get("driver").asText()).isEqualTo("vfio-pci");
        assertThat(gpu.get("iommuGroup").asInt()).isEqualTo(12);
        assertThat(gpu.get("parent").asText()).isEqualTo("0000:03:08.0");
        assertThat(gpu.get("resetMethods").isNull()).isTrue();
        JsonNode hostBridge = find(devices, "0000:00:00.0");
        assertThat(hostBridge.get("driver").isNull()).isTrue();
        assertThat(hostBridge.get("parent").isNull()).isTrue();
        assertThat(find(devices, "0000:01:00.0").get("resetMethods").get(0).asText()).isEqualTo("flr");
        assertThat(group(r.json().get("groups"), 12).get("devices")).extracting(JsonNode::asText).containsExactly("0000:04:00.0", "0000:04:00.1");
    }

    private static JsonNode find(JsonNode devices, String address) {
        for (JsonNode d : devices) {
            if (d.get("address").asText().equals(address)) {
                return d;
            }
        }
        throw new AssertionError("no " + address);
    }

    /** The group with that id; fails when the document has none, so a vanished group cannot pass. */
    private static JsonNode group(JsonNode groups, int id) {
        for (JsonNode g : groups) {
            if (g.get("id").asInt() == id) {
                return g;
            }
        }
        throw new AssertionError("no group " + id + " in " + groups);
    }

    @Test
    void treeJsonOfEveryRealCaptureWithConfigMatchesLspci() throws Exception {
        for (Path root : List.of(RealFixtures.qemuQ35(dir, false), RealFixtures.qemuQ35(dir, true),
                RealFixtures.hwlocServer(dir))) {
            assertTreeJsonMatchesLspci(root);
        }
    }

    private void assertTreeJsonMatchesLspci(Path root) throws Exception {
        Result r = run("--root", root.toString(), "tree", "--json");
        assertThat(r.code()).isZero();
        String lspci = RealFixtures.run(List.of("lspci", "-A", "linux-sysfs", "-O",
                "sysfs.path=" + root.resolve("sys/bus/pci"), "-D", "-n"));
        List<String> expected = new ArrayList<>();
        for (String line : lspci.split("\n")) {
            String[] p = line.split(" ");
            expected.add(p[0] + " " + p[2] + " " + p[1].replace(":", ""));
        }
        List<String> actual = new ArrayList<>();
        r.json().get("devices").forEach(d -> actual.add(d.get("address").asText() + " " + d.get("vendorId").asText()
                + ":" + d.get("deviceId").asText() + " " + d.get("classCode").asText().substring(0, 4)));
        assertThat(actual).as(root.toString()).isEqualTo(expected);
    }

    @Test
    void textTreeShowsNamesGroupsAndDrivers() {
        Result r = run("--demo", "tree");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("[0000:00]  root bus", "[10000:e0]  root bus")
                .containsPattern("04:00\\.0 .*\\[vfio-pci\\]  group 12");
    }

    @Test
    void blastOfAHeldGroupIsBlockedWithExitOne() throws Exception {
        Result r = run("--demo", "blast", "04:00.0", "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.REFUSED);
        JsonNode j = r.json();
        assertThat(j.get("device").asText()).isEqualTo("0000:04:00.0");
        assertThat(j.get("hotReset").get("possible").asBoolean()).isTrue();
        assertThat(j.get("hotReset").get("scope").asText()).isEqualTo("bus");
        assertThat(j.get("hotReset").get("resetBridge").asText()).isEqualTo("0000:03:08.0");
        assertThat(j.get("hotReset").get("affected")).extracting(JsonNode::asText)
                .containsExactly("0000:04:00.0", "0000:04:00.1");
        assertThat(j.get("hotReset").get("groups")).extracting(JsonNode::asInt).containsExactly(12);
        assertThat(j.get("blockers")).extracting(b -> b.get("code").asText()).containsExactly("GROUP_HELD");
        assertThat(j.get("blockers").get(0).get("message").asText()).contains("pid 4242");
    }

    @Test
    void blastOfARootBusDeviceSaysWhy() throws Exception {
        Result r = run("--demo", "blast", "00:14.0", "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.REFUSED);
        assertThat(r.json().get("hotReset").get("possible").asBoolean()).isFalse();
        assertThat(r.json().get("hotReset").get("scope").isNull()).isTrue();
        assertThat(r.json().get("hotReset").get("affected")).extracting(JsonNode::asText).containsExactly("0000:00:14.0");
    }

    @Test
    void blastOfAFreeVfOnVfioPciAllowsItsFunctionReset() throws Exception {
        // the VF is on vfio-pci, alone in its group and has FLR: VFIO_DEVICE_RESET touches only it
        Result r = run("--demo", "blast", "0001:01:02.2");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Use FLR", "Function reset verdict: READY")
                .endsWith("Verdict: READY — the function reset may run.\n");
    }

    @Test
    void blastTextLeadsWithWhatTheResetTakesDownAndTheVerdictOfEachKindAsTheWindowDoes() {
        // a GPU a VM holds: the first lines say what goes away and that nothing may run; no kind is "recommended"
        Result held = run("--demo", "blast", "04:00.0");
        List<String> lines = held.out().lines().toList();
        assertThat(lines.get(2)).isEqualTo("No reset can run now (blocked). Hot reset (bus) would take down: "
                + "VM win11-gpu (pid 4242)");
        assertThat(lines.get(3)).isEqualTo("Function reset: NOT OFFERED · Hot reset (bus): BLOCKED (1 blocker)");
        assertThat(lines.get(4)).startsWith("No reset can run.");
        assertThat(held.out()).doesNotContain("Recommended:")
                .contains("Least invasive the kernel offers (cannot run now): hot reset");
        // the host's root disk: named on top, with the function that must leave its driver
        Result nvme = run("--demo", "blast", "01:00.0");
        assertThat(nvme.out().lines().skip(2).limit(2).toList()).containsExactly(
                "No reset can run now (blocked). Function reset (FLR) would take down: the root filesystem "
                        + "(/ on nvme0n1), /boot/efi on nvme0n1",
                "Must leave host drivers for vfio-pci first (the host loses them): 0000:01:00.0 (nvme)");
        // a free VF: its function reset may run, and is recommended
        Result vf = run("--demo", "blast", "0001:01:02.2");
        assertThat(vf.out().lines().skip(2).findFirst()).hasValueSatisfying(l -> assertThat(l)
                .startsWith("Function reset (FLR) · Takes down"));
        assertThat(vf.out()).contains("Recommended: function reset");
    }

    @Test
    void hotResetOfAFreeVfIsRefusedBecauseItsBusCarriesThePfsOnI40e() throws Exception {
        // the kernel's bus reset below root port 0001:00:02.0 reaches both PFs (i40e) and every VF: every
        // function of that set must be on vfio-pci (else HOT_RESET gives EINVAL), so the hot reset is blocked
        Result text = run("--demo", "blast", "0001:01:02.2");
        assertThat(text.out()).contains("HOST_DRIVER", "Hot reset verdict: BLOCKED");
        Result hot = run("--demo", "blast", "0001:01:02.2", "--reset", "hot", "--json");
        assertThat(hot.code()).isEqualTo(ExitCodes.REFUSED);
        assertThat(hot.json().get("verdict").asText()).isEqualTo("blocked");
        assertThat(hot.json().get("recommended").asText()).isEqualTo("function");
        assertThat(hot.json().get("hotReset").get("resetBridge").asText()).isEqualTo("0001:00:02.0");
        assertThat(hot.json().get("hotReset").get("affected")).extracting(JsonNode::asText)
                .contains("0001:01:00.0", "0001:01:00.1", "0001:01:02.2");
        assertThat(hot.json().get("blockers")).extracting(b -> b.get("code").asText() + " " + b.get("device").asText())
                .contains("HOST_DRIVER 0001:01:00.0", "HOST_DRIVER 0001:01:00.1");
    }

    @Test
    void blastTakesOnlyFunctionOrHotAsTheResetKind() {
        Result bad = run("--demo", "blast", "0001:01:02.2", "--reset", "slot");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--reset takes 'function' or 'hot'");
    }

    @Test
    void blastJsonCarriesBothVerdictsAndTheGroupsViability() throws Exception {
        JsonNode j = run("--demo", "blast", "0001:01:02.2", "--json").json();
        assertThat(j.get("verdict").asText()).isEqualTo("ready");
        assertThat(j.get("recommended").asText()).isEqualTo("function");
        JsonNode f = j.get("functionReset");
        assertThat(f.get("possible").asBoolean()).isTrue();
        assertThat(f.get("method").asText()).isEqualTo("flr");
        assertThat(f.get("source").asText()).isEqualTo("sysfs");
        assertThat(f.get("affected")).extracting(JsonNode::asText).containsExactly("0001:01:02.2");
        assertThat(f.get("verdict").asText()).isEqualTo("ready");
        assertThat(f.get("blockers")).isEmpty();
        assertThat(f.get("unknowns")).isEmpty();
        assertThat(j.get("hotReset").get("verdict").asText()).isEqualTo("blocked");
        assertThat(j.get("unknowns").isArray()).isTrue();
        JsonNode groups = j.get("groupViability");
        assertThat(groups.size()).isGreaterThan(1);
        for (JsonNode g : groups) {
            assertThat(g.get("members").size()).isPositive();
            assertThat(g.get("members").get(0).has("breaksViability")).isTrue();
        }
    }

    @Test
    void blastOfAFunctionWhoseGroupHoldsHostDriversIsBlockedAndNamesThem() throws Exception {
        org.vfioinspector.core.fixture.SysfsFixture fx = new org.vfioinspector.core.fixture.SysfsFixture(dir);
        var rp = fx.add("0000:00:01.0").rootPort(2, 4).group(1);
        var up = fx.add("0000:02:00.0").under(rp).upstreamPort(3, 4).driver("pcieport").group(2);
        var d1 = fx.add("0000:03:00.0").under(up).downstreamPort(4, 4).noAcs().driver("pcieport").group(3);
        var d2 = fx.add("0000:03:01.0").under(up).downstreamPort(5, 5).noAcs().driver("pcieport").group(3);
        fx.add("0000:04:00.0").under(d1).gpu(0x10de, 0x2204).driver("vfio-pci").group(3);
        fx.add("0000:05:00.0").under(d2).nvme(0x144d, 0xa808).driver("nvme").group(3);
        fx.write();
        Result r = run("--root", dir.toString(), "blast", "04:00.0", "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.REFUSED);
        JsonNode j = r.json();
        assertThat(j.get("verdict").asText()).isEqualTo("blocked");
        assertThat(j.get("functionReset").get("blockers")).extracting(b -> b.get("code").asText())
                .containsExactly("GROUP_NOT_VIABLE");
        JsonNode g3 = j.get("groupViability").get(0);
        assertThat(g3.get("group").asInt()).isEqualTo(3);
        assertThat(g3.get("viable").asBoolean(true)).isFalse();
        Result text = run("--root", dir.toString(), "blast", "04:00.0");
        assertThat(text.out()).contains("group 3 (both resets): NOT viable", "0000:05:00.0 (nvme)  must leave the host: bind it to vfio-pci")
                .endsWith("Verdict: BLOCKED — the function reset must not run now (see its blockers).\n");
    }

    @Test
    void groupsJsonHasHoldersAndExplanations() throws Exception {
        Result r = run("--demo", "groups", "--json");
        assertThat(r.code()).isZero();
        JsonNode held = group(r.json().get("groups"), 12);
        assertThat(held.get("holders").get(0).get("pid").asInt()).isEqualTo(4242);
        assertThat(held.get("holders").get(0).get("kvmVfio").asBoolean()).isTrue();
        assertThat(group(r.json().get("groups"), 15).get("explanation").get("reasons").get(0).get("code").asText())
                .isEqualTo("PCI_BRIDGE");
        Result text = run("--demo", "groups", "--explain");
        assertThat(text.out()).contains("held by qemu-system-x86 (pid 4242", "why: ");
    }

    @Test
    void showPrintsCapabilitiesAndResetMethods() throws Exception {
        Result r = run("--demo", "show", "0000:03:08.0");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Downstream Port", "ACS:", "SV+", "UF+");
        Result j = run("--demo", "show", "01:00.0", "--json");
        assertThat(j.json().get("config").get("pciExpress").get("flr").asBoolean()).isTrue();
    }

    @Test
    void badInputGivesOneClearLineAndTheContractsExitCodes() {
        Result bad = run("--demo", "show", "zz:00.0");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("'zz:00.0' is not a PCI address").doesNotContain("Exception").doesNotContain("\tat ");
        Result unknown = run("--demo", "blast", "0000:77:00.0");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("no PCI function 0000:77:00.0");
        Result missing = run("--root", dir.resolve("nope").toString(), "tree");
        assertThat(missing.code()).isEqualTo(ExitCodes.IO);
        assertThat(missing.err().lines().count()).isEqualTo(1);
        assertThat(run("frobnicate").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--demo", "--root", "/tmp", "tree").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aCorruptSnapshotIsRefusedWithoutAStackTrace() throws Exception {
        Path junk = dir.resolve("junk.tar.gz");
        Files.write(junk, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Result r = run("--root", junk.toString(), "tree");
        assertThat(r.code()).isEqualTo(ExitCodes.IO);
        assertThat(r.err()).startsWith("vfio-inspector: ").doesNotContain("\tat ");
    }

    @Test
    void aSnapshotOpensWithTheSameTree() throws Exception {
        Path out = dir.resolve("demo.tar.gz");
        Result w = run("--demo", "snapshot", out.toString());
        assertThat(w.code()).as(w.err()).isZero();
        assertThat(w.out()).startsWith("Wrote ");
        Result a = run("--demo", "tree", "--json");
        Result b = run("--root", out.toString(), "tree", "--json");
        assertThat(b.json().get("devices")).isEqualTo(a.json().get("devices"));
        assertThat(b.json().get("groups")).isEqualTo(a.json().get("groups"));
    }
}

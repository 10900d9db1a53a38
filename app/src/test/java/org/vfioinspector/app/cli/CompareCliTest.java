package org.vfioinspector.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.compare.FixturePairs;
import org.vfioinspector.core.real.RealFixtures;
import org.vfioinspector.core.remote.TestSshd;

/** {@code diff}, {@code check --baseline} and {@code fleet} on pairs built from the real QEMU capture. */
class CompareCliTest {

    @TempDir
    static Path dir;
    static Path original;
    static Path acs;
    static Path slow;
    static Path full;
    static Path moved;
    static Path oldKernel;

    record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(out);
        }
    }

    @BeforeAll
    static void pairs() throws IOException {
        original = FixturePairs.original(dir);
        acs = FixturePairs.copy(original, dir, "acs");
        FixturePairs.enableAcsAndSplit(acs);
        full = FixturePairs.copy(original, dir, "full");
        FixturePairs.link(full, "8.0 GT/s PCIe", 4);
        slow = FixturePairs.copy(original, dir, "slow");
        FixturePairs.link(slow, "2.5 GT/s PCIe", 1);
        moved = FixturePairs.copy(original, dir, "moved");
        FixturePairs.swapCards(moved);
        oldKernel = FixturePairs.copy(original, dir, "old");
        FixturePairs.kernelWithoutResetMethod(oldKernel, "5.10.0-28-amd64");
    }

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static JsonNode change(JsonNode doc, String aspect) {
        for (JsonNode c : doc.get("changes")) {
            if (c.get("aspect").asText().equals(aspect)) {
                return c;
            }
        }
        throw new AssertionError("no " + aspect + " change in " + doc);
    }

    @Test
    void aGroupSplitByAcsIsBetterInTextAndJson() throws IOException {
        Run text = run("diff", original.toString(), acs.toString());
        assertEquals(ExitCodes.OK, text.code(), text.err());
        assertTrue(text.out().contains("Verdict: BETTER"), text.out());
        assertTrue(text.out().contains("IOMMU group split: the functions of group 13"), text.out());
        assertTrue(text.out().contains("why: before: PCIe Downstream Port 0000:04:00.0 has no ACS capability")
                || text.out().contains("why: before:") && text.out().contains("0000:04:00.0"), text.out());
        Run back = run("diff", "--json", acs.toString(), original.toString());
        assertEquals(ExitCodes.REFUSED, back.code());
        JsonNode d = back.json();
        assertEquals("worse", d.get("verdict").asText());
        assertFalse(d.get("nothingWorse").asBoolean());
        JsonNode g = change(d, "iommuGroup");
        assertEquals("worse", g.get("impact").asText());
        assertTrue(g.get("reasons").get(0).asText().contains("0000:04:00.0"), g.toString());
        assertEquals("worse", change(d, "acs").get("impact").asText());
    }

    @Test
    void aDowngradedLinkExitsOne() throws IOException {
        Run r = run("diff", "--json", full.toString(), slow.toString());
        assertEquals(ExitCodes.REFUSED, r.code(), r.err());
        JsonNode link = change(r.json(), "link");
        assertEquals("worse", link.get("impact").asText());
        assertEquals("0000:01:00.0", link.get("after").asText());
        assertTrue(link.get("now").asText().contains("downgraded"), link.toString());
        Run text = run("diff", full.toString(), slow.toString());
        assertTrue(text.out().contains("Worse (1):"), text.out());
        assertTrue(text.out().contains("0000:01:00.0: link downgraded"), text.out());
    }

    @Test
    void aMovedCardIsReportedAsMoved() throws IOException {
        Run r = run("diff", "--json", original.toString(), moved.toString());
        assertEquals(ExitCodes.OK, r.code(), r.out());
        JsonNode d = r.json();
        assertEquals(0, d.get("removed").size());
        assertEquals(0, d.get("added").size());
        JsonNode nic = null;
        for (JsonNode m : d.get("matches")) {
            if (m.get("before").asText().equals("0000:01:00.0")) {
                nic = m;
            }
        }
        assertEquals("0000:02:00.0", nic.get("after").asText());
        assertEquals("serial", nic.get("how").asText());
        assertTrue(nic.get("moved").asBoolean());
        assertEquals("position", change(d, "position").get("aspect").asText());
        assertTrue(run("diff", original.toString(), moved.toString()).out().contains("0000:01:00.0 moved to 0000:02:00.0"));
    }

    @Test
    void aKernelWithoutResetMethodIsUnknownAndExitsOne() throws IOException {
        Run r = run("diff", "--json", original.toString(), oldKernel.toString());
        assertEquals(ExitCodes.REFUSED, r.code());
        JsonNode d = r.json();
        assertEquals("unknown", d.get("verdict").asText());
        JsonNode k = change(d, "kernel");
        assertEquals("6.1.0-56-amd64", k.get("was").asText());
        assertEquals("5.10.0-28-amd64", k.get("now").asText());
        JsonNode reset = change(d, "reset");
        assertEquals("unknown", reset.get("impact").asText());
        assertTrue(reset.get("now").isNull(), reset.toString());
    }

    @Test
    void checkAgainstABaselineFindsWhatMatters() throws IOException {
        Run same = run("--root", original.toString(), "check", "--baseline", original.toString());
        assertEquals(ExitCodes.OK, same.code(), same.out() + same.err());
        assertTrue(same.out().contains("OK: nothing that matters changed"), same.out());
        Run better = run("--root", acs.toString(), "check", "--baseline", original.toString());
        assertEquals(ExitCodes.OK, better.code(), better.out());
        Run worse = run("--root", slow.toString(), "check", "--baseline", full.toString(), "--json");
        assertEquals(ExitCodes.REFUSED, worse.code());
        JsonNode d = worse.json();
        assertFalse(d.get("ok").asBoolean());
        assertEquals("link", d.get("findings").get(0).get("aspect").asText());
        Run old = run("--root", oldKernel.toString(), "check", "--baseline", original.toString());
        assertEquals(ExitCodes.REFUSED, old.code());
        assertTrue(old.out().contains("[unknown]"), old.out());
    }

    @Test
    void aBaselineFromAnotherHostMatters() throws IOException {
        Path here = FixturePairs.copy(original, dir, "named-a");
        Path there = FixturePairs.copy(original, dir, "named-b");
        Files.writeString(here.resolve("proc/sys/kernel/hostname"), "lab-a\n");
        Files.writeString(there.resolve("proc/sys/kernel/hostname"), "lab-b\n");
        Run r = run("--root", here.toString(), "check", "--baseline", there.toString(), "--json");
        assertEquals(ExitCodes.REFUSED, r.code());
        JsonNode f = r.json().get("findings").get(0);
        assertEquals("host", f.get("aspect").asText());
        assertEquals("lab-b", f.get("was").asText());
    }

    @Test
    void hostileAndMissingSides() throws IOException {
        Run missing = run("diff", original.toString(), dir.resolve("nope.tar.gz").toString());
        assertEquals(ExitCodes.USAGE, missing.code());
        assertTrue(missing.err().contains("no such directory or snapshot archive"), missing.err());
        assertFalse(missing.err().contains("Exception"), missing.err());
        Path notHost = Files.createDirectories(dir.resolve("empty-dir"));
        Run empty = run("diff", notHost.toString(), original.toString());
        assertEquals(ExitCodes.USAGE, empty.code(), empty.err());
        Path garbage = dir.resolve("garbage.tar.gz");
        Files.write(garbage, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        Run bad = run("diff", original.toString(), garbage.toString());
        assertEquals(ExitCodes.IO, bad.code(), bad.err());
        assertEquals(1, bad.err().lines().count(), bad.err());
        System.setProperty(HostSource.SSH_PROPERTY, "ssh -F 'unterminated");
        try {
            Run badSsh = run("diff", original.toString(), "admin@lab-7");
            assertEquals(ExitCodes.USAGE, badSsh.code(), badSsh.err());
            assertEquals(1, badSsh.err().lines().count(), badSsh.err());
            assertFalse(badSsh.err().contains("internal error"), badSsh.err());
        } finally {
            System.clearProperty(HostSource.SSH_PROPERTY);
        }
        Run badHost = run("diff", original.toString(), "admin@-oProxyCommand=x");
        assertEquals(ExitCodes.USAGE, badHost.code(), badHost.err());
        assertEquals(1, badHost.err().lines().count(), badHost.err());
        Run twice = run("diff", original.toString(), original.toString());
        assertEquals(ExitCodes.OK, twice.code());
        assertTrue(twice.out().contains("both sides are the same") && twice.out().contains("Verdict: SAME"), twice.out());
        Run usage = run("diff", original.toString());
        assertEquals(ExitCodes.USAGE, usage.code());
    }

    @Test
    void fleetHasOneLinePerSideAndAFailureIsALine() throws IOException {
        Path lab = dir.resolve("lab.tar.gz");
        try (var in = CompareCliTest.class.getResourceAsStream("/fixtures/lab/lab-guest-snapshot.tar.gz")) {
            Files.copy(in, lab);
        }
        Path thinkpad = RealFixtures.thinkpad(dir);
        Path list = dir.resolve("fleet.txt");
        Files.writeString(list, "# lab machines\n" + thinkpad + "\n" + dir.resolve("gone") + "\n");
        Run r = run("fleet", "--json", original.toString(), lab.toString(), slow.toString(), "--file", list.toString());
        assertEquals(ExitCodes.REFUSED, r.code(), r.err());
        JsonNode rows = r.json().get("rows");
        assertEquals(5, rows.size());
        JsonNode q35 = rows.get(0);
        assertTrue(q35.get("reachable").asBoolean());
        assertEquals(24, q35.get("functions").asInt());
        assertEquals(17, q35.get("groups").asInt());
        assertTrue(q35.get("onVfioPci").asInt() > 0);
        assertEquals(1, rows.get(2).get("downgradedLinks").asInt());
        assertTrue(rows.get(1).get("reachable").asBoolean(), rows.get(1).toString());
        assertTrue(rows.get(3).get("reachable").asBoolean(), rows.get(3).toString());
        assertTrue(rows.get(3).get("functions").asInt() > 0, rows.get(3).toString());
        JsonNode gone = rows.get(4);
        assertFalse(gone.get("reachable").asBoolean());
        assertTrue(gone.get("error").asText().contains("no such directory"), gone.toString());
        assertTrue(gone.get("functions").isNull());
    }

    /** A remote side is captured over a real ssh session (an sshd this test starts) and compared like any other. */
    @Test
    void aRemoteSideIsReadOverSsh() throws Exception {
        String why = TestSshd.unavailable();
        if (why != null) {
            System.out.println(getClass().getSimpleName() + " " + why);
        }
        assumeTrue(why == null, why);
        Path sshDir = Files.createDirectories(dir.resolve("sshd"));
        try (TestSshd sshd = TestSshd.start(sshDir, "")) {
            System.setProperty(HostSource.SSH_PROPERTY, String.join(" ", sshd.sshCommand()));
            System.setProperty(HostSource.CAPTURE_ROOT_PROPERTY, slow.toString());
            String host = "root@127.0.0.1:" + sshd.port();
            Run diff = run("diff", "--json", full.toString(), host);
            assertEquals(ExitCodes.REFUSED, diff.code(), diff.err());
            assertEquals("worse", change(diff.json(), "link").get("impact").asText());
            Run same = run("diff", slow.toString(), host);
            assertEquals(ExitCodes.OK, same.code(), same.err() + same.out());
            Run text = run("fleet", original.toString(), host, "root@127.0.0.1:1");
            List<String> lines = text.out().lines().toList();
            assertEquals(4, lines.size(), text.out());
            assertTrue(lines.get(0).startsWith("SIDE"));
            assertTrue(lines.get(2).startsWith(host), text.out());
            assertFalse(lines.get(2).contains("unreachable"), text.out());
            assertTrue(lines.get(3).contains("refused") || lines.get(3).contains("unreachable"), text.out());
            // --sudo and --timeout reach a remote side's capture: through sudo -n there (root may, without a password)
            Run sudo = run("--sudo", "--timeout", "45", "fleet", "--json", host);
            assertEquals(ExitCodes.OK, sudo.code(), sudo.err() + sudo.out());
            assertTrue(sudo.json().get("rows").get(0).get("reachable").asBoolean(), sudo.out());
            Run never = run("--timeout", "0", "fleet", host);
            assertEquals(ExitCodes.USAGE, never.code(), never.err());
        } finally {
            System.clearProperty(HostSource.SSH_PROPERTY);
            System.clearProperty(HostSource.CAPTURE_ROOT_PROPERTY);
        }
    }

    @Test
    void expectationsFilesAreWrittenTrimmedAndChecked() throws IOException {
        Path pins = dir.resolve("pins.json");
        Run w = run("--root", full.toString(), "check", "--write-baseline", pins.toString());
        assertEquals(ExitCodes.OK, w.code(), w.err());
        JsonNode e = Json.mapper().readTree(pins.toFile());
        assertEquals(1, e.get("version").asInt());
        assertEquals("6.1.0-56-amd64", e.get("kernelRelease").asText());
        assertEquals("on", e.get("kernelParameters").get("intel_iommu").asText());
        JsonNode nic = null;
        for (JsonNode f : e.get("functions")) {
            if (f.get("address").asText().equals("0000:01:00.0")) {
                nic = f;
            }
        }
        assertEquals("0000:00:02.0/00.0", nic.get("position").asText());
        assertEquals(4, nic.get("linkWidth").asInt());
        assertEquals(1, nic.get("groupSize").asInt());

        Run same = run("--root", full.toString(), "check", "--baseline", pins.toString());
        assertEquals(ExitCodes.OK, same.code(), same.out());
        assertTrue(same.out().contains("OK: every expectation is met."), same.out());

        Run slower = run("--root", slow.toString(), "check", "--baseline", pins.toString(), "--json");
        assertEquals(ExitCodes.REFUSED, slower.code(), slower.out());
        JsonNode f = slower.json().get("findings").get(0);
        assertEquals("link", f.get("aspect").asText());
        assertEquals("worse", f.get("impact").asText());
        assertEquals("0000:01:00.0", f.get("after").asText());

        // a card moved to another slot is still found by its serial, with its pins
        Path movedFull = FixturePairs.copy(full, dir, "moved-full");
        FixturePairs.swapCards(movedFull);
        Run movedRun = run("--root", movedFull.toString(), "check", "--baseline", pins.toString(), "--json");
        for (JsonNode x : movedRun.json().get("findings")) {
            assertFalse(x.get("aspect").asText().equals("presence"), x.toString());
        }

        // a trimmed file pins only what is left: the kernel release of a host without reset_method differs
        Files.writeString(pins, "{\"version\": 1, \"kernelRelease\": \"6.1.0-56-amd64\", \"functions\": "
                + "[{\"address\": \"0000:01:00.0\", \"resetMethods\": [\"flr\"]}]}");
        Run old = run("--root", oldKernel.toString(), "check", "--baseline", pins.toString(), "--json");
        assertEquals(ExitCodes.REFUSED, old.code());
        JsonNode findings = old.json().get("findings");
        assertEquals(2, findings.size(), findings.toString());
        assertEquals("unknown", findings.get(1).get("impact").asText());
        assertEquals("reset", findings.get(1).get("aspect").asText());
        assertEquals("worse", findings.get(0).get("impact").asText());
    }

    @Test
    void badExpectationsFilesAreOneMessage() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"version\": 1, \"functions\": [");
        Run r = run("--root", original.toString(), "check", "--baseline", bad.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().startsWith("vfio-inspector: " + bad + ": not an expectations file"), r.err());
        assertEquals(1, r.err().lines().count());
        Files.writeString(bad, "{\"version\": 2}");
        Run v2 = run("--root", original.toString(), "check", "--baseline", bad.toString());
        assertEquals(ExitCodes.USAGE, v2.code());
        assertTrue(v2.err().contains("version 2 is not supported"), v2.err());
        Files.writeString(bad, "{\"version\": 1, \"functions\": [{\"address\": \"zz:zz\"}]}");
        assertEquals(ExitCodes.USAGE, run("--root", original.toString(), "check", "--baseline", bad.toString()).code());
        Files.writeString(bad, "{\"version\": 1, \"surprise\": true}");
        assertEquals(ExitCodes.USAGE, run("--root", original.toString(), "check", "--baseline", bad.toString()).code());
        assertEquals(ExitCodes.USAGE, run("--root", original.toString(), "check").code());
        assertEquals(ExitCodes.USAGE, run("--root", original.toString(), "check", "--baseline", bad.toString(),
                "--write-baseline", dir.resolve("x.json").toString()).code());
    }

    @Test
    void theLabCapturesOfTwoKernelsAndScenariosCompare() throws IOException {
        Path lab = dir.resolve("lab-6.1.tar.gz");
        Path lab612 = dir.resolve("lab-6.12.tar.gz");
        Path pciehp = dir.resolve("lab-pciehp.tar.gz");
        for (var p : List.of(List.of(lab, "lab-guest-snapshot"), List.of(lab612, "lab-guest-snapshot-6.12"),
                List.of(pciehp, "lab-guest-snapshot-pciehp"))) {
            try (var in = CompareCliTest.class.getResourceAsStream("/fixtures/lab/" + p.get(1) + ".tar.gz")) {
                Files.copy(in, (Path) p.get(0));
            }
        }
        // the real kernel update of the lab: 6.1 → 6.12, the same functions and groups
        Run kernels = run("diff", "--json", lab.toString(), lab612.toString());
        assertEquals(ExitCodes.OK, kernels.code(), kernels.out());
        JsonNode k = change(kernels.json(), "kernel");
        assertEquals("neutral", k.get("impact").asText());
        assertEquals("6.12.118+deb12-amd64", k.get("now").asText());
        assertEquals(0, kernels.json().get("removed").size());
        // the pciehp scenario: the functions alone on their bus gain the kernel's bus reset
        Run scenario = run("diff", "--json", lab.toString(), pciehp.toString());
        assertEquals(ExitCodes.OK, scenario.code());
        assertEquals("better", scenario.json().get("verdict").asText());
        JsonNode reset = change(scenario.json(), "reset");
        assertEquals("0000:0c:00.1", reset.get("after").asText());
        assertEquals("flr bus", reset.get("now").asText());
        // and back: the bus reset lost is worse
        Run back = run("diff", pciehp.toString(), lab.toString());
        assertEquals(ExitCodes.REFUSED, back.code());
        assertTrue(back.out().contains("0000:0c:00.1: reset method(s) lost: bus"), back.out());
    }
}

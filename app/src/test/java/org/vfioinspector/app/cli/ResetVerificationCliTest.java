package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.priv.HostAccess;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.core.bind.SimulatedSysfsKernel;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.health.KernelLog;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.vfio.FixtureResetEffect;
import org.vfioinspector.core.vfio.FixtureVfioKernel;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code reset}'s "Did it come back?" on a fixture tree whose simulated kernel ({@link FixtureVfioKernel}) makes the
 * reset do what real devices do: come back, come back degraded, not come back, or leave the link down. Text, JSON,
 * exit codes and the soak. Never this machine's sysfs, VFIO or kernel log.
 */
class ResetVerificationCliTest {

    private static final String NIC = "0000:01:00.0";
    private static final String AUDIO = "0000:01:00.1";
    private static final String BOTH = NIC + "," + AUDIO;

    @TempDir
    Path dir;
    @TempDir
    Path state;
    private FixtureVfioKernel vfio;
    private final List<KernelLog.Entry> log = new ArrayList<>();
    private HostAccess access;
    private String out;
    private String err;

    @BeforeEach
    void twoFunctionsOnVfioPciBelowARootPort() throws IOException {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(3).driver("pcieport")
                .link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4);
        fx.add(NIC).under(rp).nic(0x8086, 0x10d3).driver("vfio-pci").group(7).link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 4)
                .raw("power_state", "D0\n").raw("aer_dev_correctable", "RxErr 0\nTOTAL_ERR_COR 0\n");
        fx.add(AUDIO).under(rp).audio(0x8086, 0x10d4).driver("vfio-pci").group(7).raw("power_state", "D0\n");
        fx.file("proc/self/mountinfo", "22 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw\n");
        fx.file("proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n");
        fx.file("proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n");
        fx.file("dev/vfio/vfio", "");
        fx.file("dev/vfio/7", "");
        fx.write();
        Files.createDirectories(dir.resolve("sys/block"));
        vfio = new FixtureVfioKernel(dir);
        SimulatedSysfsKernel sysfs = new SimulatedSysfsKernel(HostRoot.of(dir));
        KernelLog injected = new KernelLog() {
            @Override
            public OptionalLong position() {
                return OptionalLong.of(log.isEmpty() ? -1 : log.get(log.size() - 1).sequence());
            }

            @Override
            public Optional<List<Entry>> since(long position) {
                return Optional.of(log.stream().filter(e -> e.sequence() > position).toList());
            }
        };
        access = new HostAccess(vfio.kernel(), r -> sysfs, () -> true, r -> injected);
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--root", dir.toString(), "reset"));
        all.addAll(List.of(args));
        all.addAll(List.of("--state-dir", state.resolve("vfio-inspector").toString()));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(all.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), access);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private JsonNode json() throws IOException {
        return Json.mapper().readTree(out);
    }

    @Test
    void aResetThatCameBackSaysSoWithTheKernelLogLines() {
        vfio.beforeHotResetInfo = () -> { // the INFO is asked twice (sizing, then the list): one line is enough
            if (log.isEmpty()) {
                log.add(KernelLog.parse("6,41,100,-;vfio-pci " + NIC + ": resetting").orElseThrow());
            }
        };

        assertThat(run(NIC, "--confirm", BOTH)).as(out + err).isEqualTo(ExitCodes.OK);

        assertThat(out).contains("Did it come back? came back").contains("  " + NIC + ": came back")
                .contains("ids 8086:10d3 -> 8086:10d3, power D0 -> D0, link 8.0 GT/s PCIe x4 -> 8.0 GT/s PCIe x4")
                .contains("kernel log: 1 line").contains("vfio-pci " + NIC + ": resetting")
                .doesNotContain("What to do");
    }

    @Test
    void aFunctionThatDoesNotComeBackIsLostWithExitFourAndAdvice() throws IOException {
        vfio.effect = FixtureResetEffect.DOES_NOT_COME_BACK;

        assertThat(run(NIC, "--confirm", BOTH, "--json")).isEqualTo(ExitCodes.NOT_BACK);

        JsonNode v = json().get("verification");
        assertThat(v.get("verdict").asText()).isEqualTo("lost");
        assertThat(v.get("advice").asText()).contains("did not come back").contains("rescan");
        assertThat(v.get("functions")).hasSize(2);
        JsonNode nic = v.get("functions").get(0);
        assertThat(nic.get("address").asText()).isEqualTo(NIC);
        assertThat(nic.get("verdict").asText()).isEqualTo("lost");
        assertThat(nic.get("before").get("ids").asText()).isEqualTo("8086:10d3");
        assertThat(nic.get("after").get("ids").asText()).isEqualTo("ffff:ffff");
        assertThat(nic.get("changes").get(0).asText()).contains("all ones");
        assertThat(json().get("outcome").asText()).isEqualTo("failed");

        assertThat(run(NIC, "--confirm", BOTH)).isEqualTo(ExitCodes.NOT_BACK);
        assertThat(out).contains("Did it come back? lost").contains("What to do: ");
    }

    @Test
    void aFunctionThatComesBackSlowerWithAerErrorsIsDegradedButExitsZero() throws IOException {
        vfio.effect = FixtureResetEffect.COMES_BACK_DEGRADED;

        assertThat(run(NIC, "--confirm", BOTH, "--json")).isEqualTo(ExitCodes.OK);

        JsonNode v = json().get("verification");
        assertThat(v.get("verdict").asText()).isEqualTo("came-back-degraded");
        JsonNode nic = v.get("functions").get(0);
        assertThat(nic.get("after").get("linkSpeed").asText()).isEqualTo("2.5 GT/s PCIe");
        assertThat(nic.get("after").get("linkWidth").asInt()).isEqualTo(2);
        assertThat(nic.get("aerIncrease").get("correctable").asLong()).isEqualTo(1);
        assertThat(nic.get("changes").toString()).contains("trained slower and narrower").contains("AER errors");
        assertThat(v.get("advice").asText()).contains("came back degraded");
        assertThat(json().get("outcome").asText()).isEqualTo("reset");
    }

    @Test
    void enottyFromTheHotResetIsALinkThatDidNotComeBack() throws IOException {
        vfio.effect = FixtureResetEffect.ENOTTY_LINK_STAYS_DOWN;

        assertThat(run(NIC, "--confirm", BOTH, "--json")).isEqualTo(ExitCodes.NOT_BACK);

        JsonNode doc = json();
        assertThat(doc.get("error").get("errnoName").asText()).isEqualTo("ENOTTY");
        JsonNode v = doc.get("verification");
        assertThat(v.get("verdict").asText()).isEqualTo("lost");
        // sysfs still shows the old link: the ENOTTY alone decides
        assertThat(v.get("functions").get(0).get("after").get("linkSpeed").asText()).isEqualTo("8.0 GT/s PCIe");
        assertThat(v.get("functions").get(0).get("changes").get(0).asText()).contains("gave up waiting for its link");
    }

    @Test
    void aPortWhoseDataLinkLayerIsDownIsLostThoughSysfsLooksFine() throws IOException {
        vfio.effect = FixtureResetEffect.LINK_DOWN_IN_CONFIG_SPACE;

        assertThat(run(NIC, "--confirm", BOTH, "--json")).isEqualTo(ExitCodes.NOT_BACK);

        JsonNode nic = json().get("verification").get("functions").get(0);
        assertThat(nic.get("after").get("upstreamLinkActive").asBoolean()).isFalse();
        assertThat(nic.get("after").get("ids").asText()).isEqualTo("8086:10d3");
        assertThat(nic.get("changes").get(0).asText()).contains("0000:00:1c.0 is down");
    }

    @Test
    void aDryRunVerifiesNothing() throws IOException {
        assertThat(run(NIC, "--confirm", BOTH, "--dry-run", "--json")).isEqualTo(ExitCodes.OK);
        assertThat(json().get("verification").isNull()).isTrue();
        assertThat(run(NIC, "--confirm", BOTH, "--dry-run")).isEqualTo(ExitCodes.OK);
        assertThat(out).doesNotContain("Did it come back?");
    }

    @Test
    void aSoakRunsEveryRoundAndPrintsTheTable() {
        assertThat(run(NIC, "--confirm", BOTH, "--soak", "3")).as(out + err).isEqualTo(ExitCodes.OK);

        assertThat(out).contains("Round 1 of 3: came back").contains("Round 3 of 3: came back")
                .contains("Soak: 3 of 3 rounds run; verdict: came back")
                .containsPattern("(?m)^  3 +[0-9]+  8\\.0 GT/s PCIe x4 +\\+0  came back +0$");
    }

    @Test
    void aSoakStopsAtTheFirstLostRoundUnlessToldToGoOn() throws IOException {
        vfio.effect = FixtureResetEffect.DOES_NOT_COME_BACK;

        assertThat(run(NIC, "--confirm", BOTH, "--soak", "3", "--json")).isEqualTo(ExitCodes.NOT_BACK);
        JsonNode soak = json().get("soak");
        assertThat(soak.get("verdict").asText()).isEqualTo("lost");
        assertThat(soak.get("rounds")).hasSize(1);
        assertThat(soak.get("stoppedAt").asInt()).isEqualTo(1);
        JsonNode round = soak.get("rounds").get(0);
        assertThat(round.get("verdict").asText()).isEqualTo("lost");
        assertThat(round.get("exitCode").asInt()).isEqualTo(ExitCodes.NOT_BACK);
        assertThat(round.get("reset").get("verification").get("verdict").asText()).isEqualTo("lost");

        assertThat(run(NIC, "--confirm", BOTH, "--soak", "2", "--keep-going", "--json")).isEqualTo(ExitCodes.NOT_BACK);
        assertThat(json().get("soak").get("rounds")).hasSize(2);
        assertThat(json().get("soak").get("stoppedAt").asInt()).isZero();
    }

    @Test
    void aSoakOfDegradedRoundsGoesOnAndSaysDegraded() throws IOException {
        vfio.effect = FixtureResetEffect.COMES_BACK_DEGRADED;

        assertThat(run(NIC, "--confirm", BOTH, "--soak", "2", "--json")).isEqualTo(ExitCodes.OK);

        JsonNode soak = json().get("soak");
        assertThat(soak.get("verdict").asText()).isEqualTo("came-back-degraded");
        assertThat(soak.get("rounds")).hasSize(2);
        assertThat(soak.get("rounds").get(0).get("aerIncrease").asLong()).isEqualTo(1);
        assertThat(soak.get("rounds").get(1).get("link").asText()).isEqualTo("2.5 GT/s PCIe x1");
    }

    @Test
    void aSoakRoundWhoseLinkStayedDownSaysDownNotWhatSysfsStillShows() throws IOException {
        for (FixtureResetEffect e : List.of(FixtureResetEffect.LINK_DOWN_IN_CONFIG_SPACE,
                FixtureResetEffect.ENOTTY_LINK_STAYS_DOWN)) {
            vfio.effect = e;
            assertThat(run(NIC, "--confirm", BOTH, "--soak", "2", "--json")).as(e.name()).isEqualTo(ExitCodes.NOT_BACK);
            JsonNode round = json().get("soak").get("rounds").get(0);
            assertThat(round.get("link").asText()).as(e.name()).isEqualTo("down");
            assertThat(round.get("verdict").asText()).isEqualTo("lost");
        }
    }

    @Test
    void soakOptionsAreValidated() {
        assertThat(run(NIC, "--confirm", BOTH, "--soak", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("--soak takes a number of rounds from 1 to 10000");
        assertThat(run(NIC, "--confirm", BOTH, "--soak", "2", "--dry-run")).isEqualTo(ExitCodes.USAGE);
        assertThat(run(NIC, "--confirm", BOTH, "--interval", "1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("--interval needs --soak");
        assertThat(run(NIC, "--confirm", BOTH, "--soak", "2", "--interval", "-1")).isEqualTo(ExitCodes.USAGE);
        assertThat(run(NIC, "--confirm", BOTH, "--keep-going")).isEqualTo(ExitCodes.USAGE);
        assertThat(vfio.kernel()).isNotNull();
        assertThat(out + err).doesNotContain("Exception");
    }

    @Test
    void theDriversAfterTheRestoreAreComparedWithThoseBeforeTheBind() throws IOException {
        Files.delete(dir.resolve("sys/bus/pci/devices/" + NIC + "/driver"));
        Files.deleteIfExists(dir.resolve("sys/bus/pci/drivers/vfio-pci/" + NIC));
        SimulatedSysfsKernel sysfs = new SimulatedSysfsKernel(HostRoot.of(dir)); // sees the tree as it is now
        access = new HostAccess(vfio.kernel(), r -> sysfs, () -> true);
        // NIC starts on no driver, so --bind binds it and the restore leaves it unbound: as before, back
        assertThat(run(NIC, "--confirm", BOTH, "--bind", "--force-host-impact", "--json")).as(out + err)
                .isEqualTo(ExitCodes.OK);
        JsonNode nic = json().get("verification").get("functions").get(0);
        assertThat(nic.get("driverRestore").get("back").asBoolean()).isTrue();
        assertThat(nic.get("verdict").asText()).isEqualTo("came-back");
    }
}

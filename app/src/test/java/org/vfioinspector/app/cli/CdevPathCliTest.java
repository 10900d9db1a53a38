package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
import org.vfioinspector.core.vfio.FixtureVfioKernel;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 20 on the CLI: {@code blast}'s {@code cdevPath} and {@code reset --cdev} (and the automatic choice when the group
 * path is missing) on a fixture tree whose simulated kernel ({@link FixtureVfioKernel}) answers the cdev ioctls as the
 * lab's 6.12 kernel did. Never this machine's sysfs or VFIO.
 */
class CdevPathCliTest {

    private static final String NIC = "0000:01:00.0";
    private static final String AUDIO = "0000:01:00.1";
    private static final String BOTH = NIC + "," + AUDIO;

    @TempDir
    Path dir;
    @TempDir
    Path state;
    private String out;
    private String err;

    /** Two functions below a root port in group 7; the audio function on {@code audioDriver} (null: none). */
    private FixtureVfioKernel tree(String audioDriver, boolean container) throws IOException {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(3).driver("pcieport");
        FixtureDevice n = fx.add(NIC).under(rp).nic(0x8086, 0x10d3).multifunction(true).driver("vfio-pci").group(7)
                .raw("power_state", "D0\n");
        FixtureDevice a = fx.add(AUDIO).under(rp).audio(0x8086, 0x10d4).group(audioDriver == null ? 8 : 7)
                .raw("power_state", "D0\n");
        if (audioDriver != null) {
            a.driver(audioDriver);
        }
        fx.file("proc/self/mountinfo", "22 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw\n");
        fx.file("proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n");
        fx.file("proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n");
        if (container) {
            fx.file("dev/vfio/vfio", "");
        }
        fx.file("dev/vfio/7", "");
        fx.iommufd().cdev(n, 0);
        if ("vfio-pci".equals(audioDriver)) {
            fx.cdev(a, 1);
        }
        fx.write();
        Files.createDirectories(dir.resolve("sys/block"));
        Files.createDirectories(dir.resolve("sys/class/net"));
        return new FixtureVfioKernel(dir);
    }

    private int run(FixtureVfioKernel vfio, String... args) {
        SimulatedSysfsKernel sysfs = new SimulatedSysfsKernel(HostRoot.of(dir));
        List<String> all = new ArrayList<>(List.of("--root", dir.toString()));
        all.addAll(List.of(args));
        if (args[0].equals("reset")) {
            all.addAll(List.of("--state-dir", state.resolve("vfio-inspector").toString()));
        }
        CliTest.Result r = CliTest.run(new HostAccess(vfio.kernel(), x -> sysfs, () -> true, x -> KernelLog.NONE),
                all.toArray(String[]::new));
        out = r.out();
        err = r.err();
        return r.code();
    }

    private JsonNode json() throws IOException {
        return Json.mapper().readTree(out);
    }

    @Test
    void blastJsonPredictsTheCdevPathPerFunction() throws IOException {
        FixtureVfioKernel vfio = tree("vfio-pci", true);

        run(vfio, "blast", NIC, "--json");

        JsonNode c = json().get("cdevPath");
        assertThat(c).as(out + err).isNotNull();
        assertThat(c.get("available").asBoolean()).isTrue();
        assertThat(c.get("iommufd").asText()).isEqualTo("present");
        assertThat(c.get("container").asText()).isEqualTo("present");
        assertThat(c.get("kernelCdev").asText()).isEqualTo("present");
        assertThat(c.get("opens")).hasSize(1);
        assertThat(c.get("opens").get(0).asText()).isEqualTo(NIC);
        JsonNode f = c.get("functions");
        assertThat(f.get(0).get("address").asText()).isEqualTo(NIC);
        assertThat(f.get(0).get("cdev").asText()).isEqualTo("vfio0");
        assertThat(f.get(0).get("ownership").asText()).isEqualTo("opened");
        assertThat(f.get(1).get("ownership").asText()).isEqualTo("implicitlyOwned");
        assertThat(f.get(1).get("devid").asInt()).isZero();
        assertThat(c.get("blockers")).isEmpty();
    }

    @Test
    void blastCdevOnASetWithAnUnboundFunctionIsBlockedWithDevidMinusOne() throws IOException {
        FixtureVfioKernel vfio = tree(null, true);

        assertThat(run(vfio, "blast", NIC, "--cdev", "--json")).isEqualTo(ExitCodes.REFUSED);
        JsonNode c = json().get("cdevPath");
        assertThat(c.get("verdict").asText()).isEqualTo("blocked");
        assertThat(c.get("functions").get(1).get("ownership").asText()).isEqualTo("notOwned");
        assertThat(c.get("functions").get(1).get("devid").asInt()).isEqualTo(-1);
        assertThat(c.get("blockers").get(0).get("code").asText()).isEqualTo("CDEV_NOT_OWNED");

        run(vfio, "blast", NIC, "--cdev");
        assertThat(out).contains("Hot reset through the vfio cdev and iommufd: blocked")
                .contains(AUDIO + "  no cdev  notOwned (devid -1 (VFIO_PCI_DEVID_NOT_OWNED))");
    }

    @Test
    void resetCdevDryRunShowsThePathTheDevidsAndNeverResets() throws IOException {
        FixtureVfioKernel vfio = tree("vfio-pci", true);

        assertThat(run(vfio, "reset", NIC, "--confirm", BOTH, "--cdev", "--dry-run", "--json")).as(out + err)
                .isEqualTo(ExitCodes.OK);

        JsonNode j = json();
        assertThat(j.get("outcome").asText()).isEqualTo("dry-run");
        assertThat(j.get("path").asText()).isEqualTo("cdev");
        assertThat(j.get("pathReason").asText()).contains("--cdev");
        assertThat(j.get("kernelList").get(0).get("ownership").asText()).isEqualTo("opened");
        assertThat(j.get("kernelList").get(0).get("devid").asInt()).isPositive();
        assertThat(j.get("kernelList").get(1).get("ownership").asText()).isEqualTo("owned");
        assertThat(j.get("kernelList").get(1).get("devid").asInt()).isZero();
        List<String> steps = new ArrayList<>();
        j.get("steps").forEach(s -> steps.add(s.get("step").asText()));
        assertThat(steps).containsExactly("open_iommufd", "open_cdev", "bind_iommufd", "ioas_alloc", "attach_iommufd_pt",
                "get_info", "get_hot_reset_info", "compare", "hot_reset", "close");

        assertThat(run(vfio, "reset", NIC, "--confirm", BOTH, "--cdev", "--dry-run")).isEqualTo(ExitCodes.OK);
        assertThat(out).contains("Path: cdev").contains("VFIO_DEVICE_BIND_IOMMUFD").contains("Dry run passed (cdev path)");
    }

    @Test
    void resetCdevResetsAndVerifies() throws IOException {
        FixtureVfioKernel vfio = tree("vfio-pci", true);

        assertThat(run(vfio, "reset", NIC, "--confirm", BOTH, "--cdev", "--json")).as(out + err).isEqualTo(ExitCodes.OK);

        JsonNode j = json();
        assertThat(j.get("outcome").asText()).isEqualTo("reset");
        assertThat(j.get("verification").get("verdict").asText()).isEqualTo("came-back");
        assertThat(j.get("kernelSet")).hasSize(2);
    }

    @Test
    void withoutTheGroupPathTheCdevPathIsChosenAndSaysWhy() throws IOException {
        FixtureVfioKernel vfio = tree("vfio-pci", false);

        assertThat(run(vfio, "reset", NIC, "--confirm", BOTH, "--dry-run", "--json")).as(out + err).isEqualTo(ExitCodes.OK);

        assertThat(json().get("path").asText()).isEqualTo("cdev");
        assertThat(json().get("pathReason").asText()).contains("/dev/vfio/vfio is missing");
    }

    @Test
    void theGroupPathStaysTheDefaultAndSaysSo() throws IOException {
        FixtureVfioKernel vfio = tree("vfio-pci", true);

        assertThat(run(vfio, "reset", NIC, "--confirm", BOTH, "--dry-run", "--json")).as(out + err).isEqualTo(ExitCodes.OK);

        assertThat(json().get("path").asText()).isEqualTo("group");
        assertThat(json().get("kernelList").get(0).get("group").asInt()).isEqualTo(7);
    }

    @Test
    void aCdevResetOfASetWithAnUnboundFunctionIsRefusedBeforeAnyIoctl() throws IOException {
        FixtureVfioKernel vfio = tree(null, true);

        assertThat(run(vfio, "reset", NIC, "--confirm", BOTH, "--cdev", "--json")).isEqualTo(ExitCodes.REFUSED);
        assertThat(json().get("outcome").asText()).isEqualTo("refused");
    }
}

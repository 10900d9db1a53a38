package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code show} and {@code tree --json} tell each link's state, the bottleneck, the power state and AER. */
class HealthCliTest {

    @TempDir
    Path dir;

    /** What drivers/pci/pcie/aer.c writes into aer_dev_correctable. */
    private static final String CORRECTABLE = "RxErr 0\nBadTLP 2\nBadDLLP 1\nRollover 0\nTimeout 0\nNonFatalErr 0\n"
            + "CorrIntErr 0\nHeaderOF 0\nTOTAL_ERR_COR 3\n";

    @BeforeEach
    void host() {
        SysfsFixture f = new SysfsFixture(dir);
        FixtureDevice rp = f.add("0000:00:01.0").rootPort(1, 3).group(1).link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16)
                .raw("aer_rootport_total_err_cor", "7\n").raw("aer_rootport_total_err_nonfatal", "1\n")
                .raw("aer_rootport_total_err_fatal", "0\n");
        FixtureDevice up = f.add("0000:01:00.0").upstreamPort(2, 3).under(rp).group(2)
                .link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16);
        FixtureDevice dn = f.add("0000:02:08.0").downstreamPort(3, 3).under(up).group(3)
                .link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 16);
        // a card able to do x16 that trained at x4 in a x16 port: downgraded, and the narrowest link
        f.add("0000:03:00.0").gpu(0x10de, 0x24b0).under(dn).group(4).driver("vfio-pci")
                .link("8.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 16).raw("power_state", "D0\n")
                .raw("aer_dev_correctable", CORRECTABLE).raw("aer_dev_nonfatal", "TOTAL_ERR_NONFATAL 0\n")
                .raw("aer_dev_fatal", "TOTAL_ERR_FATAL 0\n");
        // a PCIe endpoint captured without its link, power or AER files: all unknown
        FixtureDevice rp2 = f.add("0000:00:02.0").rootPort(4, 4).group(5);
        f.add("0000:04:00.0").nvme(0x144d, 0xa808).under(rp2).group(6);
        f.write();
    }

    @Test
    void showTellsTheLinkPathAndThePowerAndErrors() {
        CliTest.Result r = CliTest.run("--root", dir.toString(), "show", "03:00.0");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\nLink path\n",
                "  Link 1:          0000:00:01.0 → 0000:01:00.0  8 GT/s x16 (full: both ends can 8 GT/s x16)\n",
                "  Link 2:          0000:02:08.0 → 0000:03:00.0  8 GT/s x4 of 8 GT/s x16 ▼ downgraded  (bottleneck)\n",
                "  ▼ Downgraded:    link 2\n", "  Bottleneck:      link 2 (31.5 Gbit/s)\n",
                "\nPower and errors\n", "  Power state:     D0\n",
                "  AER errors:      correctable 3, non-fatal 0, fatal 0\n",
                "  Root port AER:   0000:00:01.0: correctable 7, non-fatal 1, fatal 0\n");

        CliTest.Result unknown = CliTest.run("--root", dir.toString(), "show", "04:00.0");
        assertThat(unknown.out()).contains(
                "  Link 1:          0000:00:02.0 → 0000:04:00.0  unknown (what both ends can do is unknown)\n",
                "  Bottleneck:      none (one link)\n", "  Power state:     unknown\n",
                "  AER errors:      not exposed (no AER files)\n",
                "  Root port AER:   0000:00:02.0: not exposed (no AER files)\n")
                .doesNotContain("▼");
    }

    @Test
    void showJsonHasTheLinkPathAndTheRootPortsErrors() throws Exception {
        JsonNode j = CliTest.run("--root", dir.toString(), "show", "03:00.0", "--json").json();
        JsonNode path = j.get("linkPath");
        assertThat(path.size()).isEqualTo(2);
        assertThat(path.get(0).get("upstream").asText()).isEqualTo("0000:00:01.0");
        assertThat(path.get(0).get("downgraded").asBoolean()).isFalse();
        assertThat(path.get(1).get("currentWidth").asInt()).isEqualTo(4);
        assertThat(path.get(1).get("capableWidth").asInt()).isEqualTo(16);
        assertThat(path.get(1).get("capableSpeed").asText()).isEqualTo("8.0 GT/s PCIe");
        assertThat(path.get(1).get("deviceMaxSpeed").asText()).isEqualTo("16.0 GT/s PCIe");
        assertThat(path.get(1).get("downgraded").asBoolean()).isTrue();
        assertThat(path.get(1).get("bottleneck").asBoolean()).isTrue();
        assertThat(j.get("aerRootPort").get("correctable").asLong()).isEqualTo(7);
        assertThat(j.get("aerRootPort").get("nonFatal").asLong()).isEqualTo(1);
        assertThat(j.get("powerState").asText()).isEqualTo("D0");

        JsonNode unknown = CliTest.run("--root", dir.toString(), "show", "04:00.0", "--json").json();
        assertThat(unknown.get("linkPath").get(0).get("downgraded").isNull()).isTrue();
        assertThat(unknown.get("aerRootPort").get("correctable").isNull()).isTrue();
        assertThat(unknown.get("aerRootPort").get("fatal").isNull()).isTrue();
    }

    @Test
    void treeJsonHasEachDevicesPowerErrorsAndLinkState() throws Exception {
        JsonNode devices = CliTest.run("--root", dir.toString(), "tree", "--json").json().get("devices");
        JsonNode gpu = find(devices, "0000:03:00.0");
        assertThat(gpu.get("powerState").asText()).isEqualTo("D0");
        assertThat(gpu.get("aer").get("correctable").asLong()).isEqualTo(3);
        assertThat(gpu.get("aer").get("fatal").asLong()).isZero();
        assertThat(gpu.get("linkDowngraded").asBoolean()).isTrue();
        assertThat(gpu.get("bottleneck").asBoolean()).isTrue();
        assertThat(gpu.has("linkPath")).isFalse();
        JsonNode upstream = find(devices, "0000:01:00.0");
        assertThat(upstream.get("linkDowngraded").asBoolean(true)).isFalse();
        assertThat(upstream.get("bottleneck").asBoolean(true)).isFalse();
        // a root port has no link above it: not downgraded; a link nobody could read: null, not false
        assertThat(find(devices, "0000:00:01.0").get("linkDowngraded").asBoolean(true)).isFalse();
        JsonNode nvme = find(devices, "0000:04:00.0");
        assertThat(nvme.get("linkDowngraded").isNull()).isTrue();
        assertThat(nvme.get("aer").isNull()).isTrue();
        assertThat(nvme.get("powerState").isNull()).isTrue();
    }

    private static JsonNode find(JsonNode devices, String address) {
        for (JsonNode d : devices) {
            if (d.get("address").asText().equals(address)) {
                return d;
            }
        }
        throw new AssertionError("no " + address);
    }
}

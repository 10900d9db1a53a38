package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.Damage;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;

/** {@code tree} and {@code blast} on trees that miss bus links or bridges. */
class IncompleteTreeCliTest {

    @TempDir
    Path dir;

    /** rp(00:1c.0) → switch up(01:00.0) → dn(02:01.0) → dual-port NIC 03:00.0 + 03:00.1. */
    private void switchWithNic() {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 3).driver("pcieport").group(1);
        FixtureDevice up = fx.add("0000:01:00.0").under(rp).upstreamPort(2, 3).driver("pcieport").group(2);
        FixtureDevice dn = fx.add("0000:02:01.0").under(up).downstreamPort(3, 3).driver("pcieport").group(3);
        fx.add("0000:03:00.0").under(dn).nic(0x8086, 0x1521).multifunction(true).driver("vfio-pci").group(4);
        fx.add("0000:03:00.1").under(dn).nic(0x8086, 0x1521).multifunction(true).driver("vfio-pci").group(4);
        fx.write();
    }

    @Test
    void aPortWithoutBusLinkStillResetsBothNicFunctions() throws Exception {
        switchWithNic();
        Files.delete(dir.resolve("sys/bus/pci/devices/0000:02:01.0"));

        CliTest.Result r = CliTest.run("--root", dir.toString(), "blast", "03:00.0", "--json");
        JsonNode hot = r.json().get("hotReset");
        assertThat(hot.get("possible").asBoolean()).isTrue();
        assertThat(hot.get("resetBridge").asText()).isEqualTo("0000:02:01.0");
        assertThat(hot.get("affected")).extracting(JsonNode::asText).containsExactly("0000:03:00.0", "0000:03:00.1");
        String tree = CliTest.run("--root", dir.toString(), "tree").out();
        assertThat(tree).doesNotContain("unknown bridge").contains("[0000:00]  root bus");
    }

    @Test
    void aNicWhoseBridgeWasNotCapturedIsUnknownNotOnARootBus() throws Exception {
        switchWithNic();
        Files.delete(dir.resolve("sys/bus/pci/devices/0000:02:01.0"));
        Damage.hideBehindALink(dir, PciAddress.parse("0000:02:01.0"));

        CliTest.Result r = CliTest.run("--root", dir.toString(), "blast", "03:00.0", "--json");
        JsonNode hot = r.json().get("hotReset");
        assertThat(hot.get("reasonCode").asText()).isEqualTo("PARENT_UNKNOWN");
        assertThat(hot.get("reason").asText()).contains("0000:02:01.0").doesNotContain("root bus");
        assertThat(r.code()).isEqualTo(1);
        String tree = CliTest.run("--root", dir.toString(), "tree").out();
        assertThat(tree).contains("[0000:03]  bus below an unknown bridge").doesNotContain("[0000:03]  root bus");
    }
}

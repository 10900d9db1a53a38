package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code tree --json} and {@code show}: the reset_method file as it is, and the kernel's list beside it. */
class ResetMethodsJsonTest {

    @TempDir
    Path dir;

    private static JsonNode find(JsonNode devices, String address) {
        for (JsonNode d : devices) {
            if (d.get("address").asText().equals(address)) {
                return d;
            }
        }
        throw new AssertionError("no " + address);
    }

    @Test
    void oldKernelKeepsResetMethodsNullAndShowsTheInferredList() throws Exception {
        SysfsFixture fx = new SysfsFixture(dir).kernel("4.18.0-553.el8_10.x86_64");
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 1).group(1).noResetMethod();
        fx.add("0000:01:00.0").under(rp).endpoint(0x1000, 0x0097, 0x010700).flr(true).driver("mpt3sas").group(2)
                .noResetMethod();
        fx.add("0000:00:1f.2").endpoint(0x8086, 0x1d02, 0x010601).configLength(64).group(3).noResetMethod();
        fx.write();

        CliTest.Result r = CliTest.run("--root", dir.toString(), "tree", "--json");

        assertThat(r.code()).isZero();
        JsonNode hba = find(r.json().get("devices"), "0000:01:00.0");
        assertThat(hba.get("resetMethods").isNull()).isTrue();
        assertThat(hba.get("resetMethodsSource").asText()).isEqualTo("inferred");
        assertThat(hba.get("resetMethodsInferred")).extracting(JsonNode::asText).containsExactly("flr", "pm", "bus");
        JsonNode sata = find(r.json().get("devices"), "0000:00:1f.2");
        assertThat(sata.get("resetMethodsSource").asText()).isEqualTo("unknown");
        assertThat(sata.get("resetMethodsInferred").isNull()).isTrue();

        CliTest.Result show = CliTest.run("--root", dir.toString(), "show", "01:00.0");
        assertThat(show.out()).contains("absent (kernel before 5.15): inferred")
                .containsPattern("(?m)^  flr: +Inferred").containsPattern("(?m)^  pm: +Inferred")
                .containsPattern("(?m)^  bus: +Inferred");
    }

    @Test
    void emptiedResetMethodIsAnEmptyListNotNull() throws Exception {
        SysfsFixture fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1533).group(2).resetMethods();
        fx.write();

        JsonNode nic = CliTest.run("--root", dir.toString(), "show", "01:00.0", "--json").json();

        assertThat(nic.get("resetMethods").isArray()).isTrue();
        assertThat(nic.get("resetMethods")).isEmpty();
        assertThat(nic.get("resetMethodsSource").asText()).isEqualTo("sysfs");
        assertThat(nic.get("resetMethodsInferred").isNull()).isTrue();
    }
}

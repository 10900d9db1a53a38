package org.vfioinspector.core.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * What the real kernel answered through the vfio device cdev and iommufd (issue 20), recorded in the QEMU lab on the
 * lab's own 6.12 kernel with IOMMUFD (app/src/test/lab/CdevLab.java; fixtures/lab/NOTICE.md): the hot-reset set the
 * kernel lists through the cdev equals the prediction from the same boot's snapshot, and the ownership facts the cdev
 * path's verdict rests on (devid −1 for a driverless sibling and EINVAL, EPERM at BIND for a host-driven sibling,
 * three groups and −1 for the PF of a VF's set, EBUSY for group and cdev together, ENOTTY at a link that does not
 * come back) are what the kernel said.
 */
class LabCdevAnswersTest {

    private static final String DIR = "/fixtures/lab/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HostRoot root;
    private static Topology topology;

    /** One case of cdev-answers-iommufd.json that reached INFO: the device and the kernel's entries. */
    record Listed(String id, String device, int flags, List<String> addresses, List<Integer> groups, JsonNode raw) {
        @Override
        public String toString() {
            return id;
        }

        Optional<JsonNode> entry(String address) {
            for (JsonNode d : raw.get("devices")) {
                if (d.get("address").asText().equals(address)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }

    @BeforeAll
    static void openSnapshot() throws Exception {
        root = SnapshotReader.open(resource("lab-guest-snapshot-iommufd.tar.gz"));
        topology = new SysfsReader(root).scan();
    }

    @AfterAll
    static void closeSnapshot() {
        root.close();
    }

    static JsonNode doc(String name) {
        try {
            return JSON.readTree(resource(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode caseOf(JsonNode doc, String id) {
        for (JsonNode c : doc.get("cases")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no case " + id + " in the recorded cdev answers");
    }

    static Stream<Listed> listed() {
        List<Listed> out = new ArrayList<>();
        for (JsonNode c : doc("cdev-answers-iommufd.json").get("cases")) {
            if (!c.has("devices")) {
                continue;
            }
            List<String> addresses = new ArrayList<>();
            TreeSet<Integer> groups = new TreeSet<>();
            c.get("devices").forEach(d -> {
                addresses.add(d.get("address").asText());
                groups.add(d.get("group").asInt());
            });
            out.add(new Listed(c.get("id").asText(), c.get("device").asText(), c.get("flags").asInt(),
                    addresses.stream().sorted().toList(), List.copyOf(groups), c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listed")
    void predictionEqualsTheSetTheKernelListsThroughTheCdev(Listed kernel) {
        HotResetPrediction p = AffectedSet.predict(topology, PciAddress.parse(kernel.device()));
        assertThat(p.possible()).as("the kernel listed a hot reset of " + kernel.device()).isTrue();
        assertThat(p.affected().stream().map(PciAddress::toString).toList()).as("set of " + kernel).isEqualTo(kernel.addresses());
        assertThat(p.groups()).as("groups of " + kernel).isEqualTo(kernel.groups());
    }

    @Test
    void everyGroupPathScenarioWasResetThroughTheCdev() {
        JsonNode doc = doc("cdev-answers-iommufd.json");
        assertThat(doc.get("kernel").asText()).contains("iommufd");
        for (String bdf : List.of("01:00.0", "02:00.0", "05:00.0", "06:00.0", "07:00.0", "09:01.0")) {
            JsonNode c = caseOf(doc, "13.cdev[" + bdf + "]");
            assertThat(c.get("hotReset").asText()).as(bdf).isEqualTo("ok");
            assertThat(c.get("firstCall").asText()).as("argsz 12 first").isEqualTo("ENOSPC");
            // DEV_ID | DEV_ID_OWNED: every function of the set owned by the one iommufd context
            assertThat(c.get("flags").asInt()).as(bdf).isEqualTo(3);
            int devid = c.get("devid").asInt();
            assertThat(devid).isPositive();
            for (JsonNode d : c.get("devices")) {
                boolean target = d.get("address").asText().equals(c.get("device").asText());
                assertThat(d.get("devid").asInt()).as(d.toString()).isEqualTo(target ? devid : 0);
            }
        }
        assertThat(caseOf(doc, "13.cdev[01:00.0]").get("infoBeforeBind").asText()).isEqualTo("EINVAL");
        assertThat(caseOf(doc, "13.cdev[01:00.0]").get("hotResetWithOneFd").asText()).isEqualTo("EINVAL");
    }

    @Test
    void aSiblingWithNoDriverIsNotOwnedAndTheResetIsEinval() {
        Listed k = listed().filter(l -> l.id().startsWith("14.cdev-not-owned")).findFirst().orElseThrow();
        PciDevice sibling = topology.device(PciAddress.parse("0000:09:02.0")).orElseThrow();
        assertThat(sibling.driver()).as("09:02.0 has no driver in the snapshot").isEmpty();
        assertThat(k.flags()).as("DEV_ID without DEV_ID_OWNED").isEqualTo(1);
        assertThat(k.entry("0000:09:02.0").orElseThrow().get("devid").asInt()).isEqualTo(-1);
        assertThat(k.raw().get("hotReset").asText()).isEqualTo("EINVAL");
    }

    @Test
    void aHostDrivenSiblingMakesBindEperm() {
        JsonNode c = caseOf(doc("cdev-answers-iommufd.json"), "14.cdev-host-driven[07:00.1]");
        assertThat(topology.device(PciAddress.parse("0000:07:00.0")).orElseThrow().driver()).contains("e1000e");
        assertThat(c.get("siblingDriver").asText()).isEqualTo("e1000e");
        assertThat(c.get("bind").asText()).isEqualTo("EPERM from VFIO_DEVICE_BIND_IOMMUFD");
    }

    @Test
    void aVfsSetSpansThreeGroupsAndThePfOnNvmeIsNotOwned() {
        Listed k = listed().filter(l -> l.id().startsWith("15.cdev-multi-group")).findFirst().orElseThrow();
        assertThat(k.groups()).hasSize(3);
        assertThat(k.addresses()).containsExactly("0000:0c:00.0", "0000:0c:00.1", "0000:0c:00.2");
        assertThat(k.raw().get("pfDriver").asText()).isEqualTo("nvme");
        assertThat(k.entry("0000:0c:00.0").orElseThrow().get("devid").asInt()).isEqualTo(-1);
        assertThat(k.raw().get("hotReset").asText()).isEqualTo("EINVAL");
    }

    @Test
    void theGroupAndTheCdevCannotBeOpenTogether() {
        JsonNode c = caseOf(doc("cdev-answers-iommufd.json"), "16.cdev-group-ebusy[01:00.0]");
        assertThat(c.get("groupThenCdev").asText()).startsWith("EBUSY");
        assertThat(c.get("cdevThenGroup").asText()).startsWith("EBUSY");
    }

    @Test
    void aLinkThatDoesNotComeBackIsEnottyThroughTheCdevToo() {
        JsonNode c = caseOf(doc("cdev-answers-linkdown-iommufd.json"), "17.cdev-enotty[01:00.0]");
        assertThat(c.get("hotReset").asText()).isEqualTo("ENOTTY");
    }

    private static Path resource(String name) {
        try {
            var url = LabCdevAnswersTest.class.getResource(DIR + name);
            assertThat(url).as("fixture " + DIR + name).isNotNull();
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

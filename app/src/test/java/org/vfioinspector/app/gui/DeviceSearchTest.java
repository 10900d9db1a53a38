package org.vfioinspector.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;

class DeviceSearchTest {

    static Topology demo;

    @BeforeAll
    static void read() {
        demo = Hosts.read(Hosts.sharedDemo());
    }

    private static List<String> find(String q) {
        return DeviceSearch.find(q, demo, PciIds.empty()).stream().map(PciAddress::toString).toList();
    }

    @Test
    void hitsCarryAddressGroupAndNameInTheSameOrderAsFind() {
        List<DeviceSearch.Hit> hits = DeviceSearch.hits("04:00", demo, PciIds.empty());
        assertThat(hits).extracting(h -> h.address().toString()).containsExactlyElementsOf(find("04:00"));
        DeviceSearch.Hit gpu = hits.get(0);
        assertThat(gpu.group()).hasValue(12);
        assertThat(gpu.text()).startsWith("0000:04:00.0 · group 12 · ").endsWith(gpu.name());
        assertThat(gpu.name()).isNotBlank();
        assertThat(new DeviceSearch.Hit(gpu.address(), "x", java.util.OptionalInt.empty()).text())
                .isEqualTo("0000:04:00.0 · no group · x");
    }

    @Test
    void findsByFullOrShortAddress() {
        assertThat(find("0000:04:00.0")).containsExactly("0000:04:00.0");
        assertThat(find("04:00")).containsExactly("0000:04:00.0", "0000:04:00.1");
        assertThat(find(" 0001:01:02.3 ")).containsExactly("0001:01:02.3");
    }

    @Test
    void findsByDriverCaseInsensitively() {
        assertThat(find("VFIO-PCI")).isNotEmpty()
                .allMatch(a -> demo.device(PciAddress.parse(a)).orElseThrow().boundTo("vfio-pci"));
        assertThat(find("nvidia")).contains("0000:05:00.0");
    }

    @Test
    void findsByIommuGroup() {
        assertThat(find("group 14")).containsExactlyElementsOf(
                demo.group(14).orElseThrow().devices().stream().map(PciAddress::toString).toList());
        assertThat(find("g12")).containsExactly("0000:04:00.0", "0000:04:00.1");
        assertThat(find("12")).as("a bare number is a group or part of an address").contains("0000:04:00.0");
    }

    @Test
    void findsByVendorDeviceIdAndByName() {
        assertThat(find("10de:24b0")).containsExactly("0000:04:00.0");
        PciIds ids = PciIds.parse(new java.io.BufferedReader(new java.io.StringReader(String.join("\n",
                "10de  NVIDIA Corporation", "\t24b0  GA104GL [RTX A4000]",
                "C 04  Multimedia controller", "\t03  Audio device", ""))));
        assertThat(DeviceSearch.find("rtx a4000", demo, ids)).containsExactly(PciAddress.parse("0000:04:00.0"));
        assertThat(DeviceSearch.find("audio device", demo, ids)).contains(PciAddress.parse("0000:04:00.1"),
                PciAddress.parse("0000:05:00.1"));
    }

    @Test
    void blankOrUnknownQueriesFindNothing() {
        assertThat(find("   ")).isEmpty();
        assertThat(find("no such thing")).isEmpty();
        assertThat(find("group 999")).isEmpty();
    }
}

package org.vfioinspector.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.model.PciAddress;

class DeviceDetailsTest {

    static LoadedHost demo;

    @BeforeAll
    static void load() {
        demo = LoadedHost.load(HostSource.of(Hosts.sharedDemo()));
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    private static List<DetailSection> of(String bdf) {
        return DeviceDetails.of(demo.topology().device(PciAddress.parse(bdf)).orElseThrow(), demo);
    }

    private static List<DetailRow> rows(List<DetailSection> s, String title) {
        return s.stream().filter(x -> x.title().equals(title)).findFirst().orElseThrow().rows();
    }

    @Test
    void aGroupListsItsMembersWithDriversAndWhyTheyAreTogether() {
        List<DetailRow> g = rows(of("0000:04:00.0"), "IOMMU group");

        assertThat(g.get(0).value()).startsWith("12");
        assertThat(g).extracting(DetailRow::value).anyMatch(v -> v.startsWith("0000:04:00.1") && v.endsWith("[vfio-pci]"));
        assertThat(g).extracting(DetailRow::key).contains("Why together");
    }

    @Test
    void holdersOfTheGroupAreShown() {
        assertThat(rows(of("0000:04:00.0"), "In use by")).extracting(DetailRow::value)
                .anyMatch(v -> v.contains("qemu-system-x86") && v.contains("4242"));
    }

    @Test
    void resetMethodsAreExplained() {
        List<DetailRow> r = rows(of("0001:01:02.0"), "Reset methods");
        assertThat(r).extracting(DetailRow::key).containsExactly("flr");
        assertThat(r.get(0).value()).contains("Function Level Reset");
        assertThat(rows(of("0000:00:1f.0"), "Reset methods").get(0).value()).isEqualTo("absent");
    }

    @Test
    void acsBitsOfAPortAreShownWithTheirMeaning() {
        List<DetailRow> caps = rows(of("0000:03:08.0"), "Capabilities");
        DetailRow acs = caps.stream().filter(x -> x.key().equals("ACS")).findFirst().orElseThrow();
        assertThat(acs.value()).contains("SV+").contains("TB-").contains("RR+");
        assertThat(acs.hint()).contains("Source Validation");
        assertThat(caps).extracting(DetailRow::value).contains("isolates the functions below");
    }

    @Test
    void linkShowsCurrentAndMaximum() {
        List<DetailRow> p = rows(of("0000:08:00.0"), "Position and link");
        DetailRow link = p.stream().filter(x -> x.key().equals("Link")).findFirst().orElseThrow();
        assertThat(link.value()).startsWith("8.0 GT/s PCIe x2").contains("max 8.0 GT/s PCIe x4");
        assertThat(link.hint()).contains("below its maximum");
    }
}

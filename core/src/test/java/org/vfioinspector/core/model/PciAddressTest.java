package org.vfioinspector.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PciAddressTest {

    @Test
    void parsesFullAndShortForms() {
        assertThat(PciAddress.parse("0000:03:00.0")).isEqualTo(new PciAddress(0, 3, 0, 0));
        assertThat(PciAddress.parse("03:00.1")).isEqualTo(new PciAddress(0, 3, 0, 1));
        assertThat(PciAddress.parse(" 0001:af:1f.7 ")).isEqualTo(new PciAddress(1, 0xaf, 0x1f, 7));
        assertThat(PciAddress.parse("0000:0A:00.0").bus()).isEqualTo(0x0a);
    }

    @Test
    void formatsLowercaseWithFourDigitDomainOrWider() {
        assertThat(PciAddress.parse("0000:0A:1F.3")).hasToString("0000:0a:1f.3");
        assertThat(PciAddress.parse("10000:e1:00.0")).hasToString("10000:e1:00.0");
        assertThat(PciAddress.parse("ffffffff:00:00.0")).hasToString("ffffffff:00:00.0");
        assertThat(PciAddress.parse("10000:e1:00.0").slotId()).isEqualTo("10000:e1:00");
    }

    @Test
    void rejectsMalformedAddressesWithAClearMessage() {
        for (String bad : List.of("", "03:00", "0000:03:00.8", "03:20.0", "g0:00.0", "0000:03:00.0.1",
                "000000000:00:00.0", "03:00.0; rm -rf /", "../03:00.0")) {
            assertThatThrownBy(() -> PciAddress.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a PCI address");
        }
        assertThatThrownBy(() -> PciAddress.parse(null)).hasMessageContaining("no PCI address");
    }

    @Test
    void controlCharactersNeverReachTheMessage() {
        assertThatThrownBy(() -> PciAddress.parse("\u001b[31mred")).message().doesNotContain("\u001b");
    }

    @Test
    void ordersByDomainThenBusDeviceFunctionWithUnsignedDomains() {
        List<PciAddress> list = new ArrayList<>(List.of(PciAddress.parse("ffffffff:00:00.0"),
                PciAddress.parse("10000:00:00.0"), PciAddress.parse("0000:01:00.0"), PciAddress.parse("0000:00:1f.1"),
                PciAddress.parse("0000:00:1f.0")));
        list.sort(null);
        assertThat(list).extracting(PciAddress::toString).containsExactly("0000:00:1f.0", "0000:00:1f.1",
                "0000:01:00.0", "10000:00:00.0", "ffffffff:00:00.0");
    }

    @Test
    void devfnPacksDeviceAndFunctionLikeTheKernel() {
        assertThat(PciAddress.parse("00:1f.3").devfn()).isEqualTo(0xfb);
        assertThat(PciAddress.parse("00:00.0").busAddress()).hasToString("0000:00");
    }

    /** equals, hashCode and compareTo are written out (not the record's): they must still agree with the components. */
    @Test
    void equalityFollowsEveryComponentAndAgreesWithTheOrder() {
        int[] domains = {0, 1, 0x10000, 0xffffffff};
        List<PciAddress> all = new ArrayList<>();
        for (int d : domains) {
            for (int bus : new int[] {0, 1, 0xff}) {
                for (int dev : new int[] {0, 0x1f}) {
                    for (int fn : new int[] {0, 7}) {
                        all.add(new PciAddress(d, bus, dev, fn));
                    }
                }
            }
        }
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (PciAddress a : all) {
            PciAddress same = PciAddress.parse(a.toString());
            assertThat(same).isEqualTo(a).hasSameHashCodeAs(a);
            assertThat(a).isNotEqualTo(a.toString()).isNotEqualTo(null);
            hashes.add(a.hashCode());
            for (PciAddress b : all) {
                boolean equalComponents = a.domain() == b.domain() && a.bus() == b.bus() && a.device() == b.device()
                        && a.function() == b.function();
                assertThat(a.equals(b)).as(a + " = " + b).isEqualTo(equalComponents);
                assertThat(a.compareTo(b) == 0).as(a + " <> " + b).isEqualTo(equalComponents);
                assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
            }
        }
        assertThat(hashes).hasSize(all.size());
    }

    @Test
    void busAddressesCompareAndPrintLikeTheirFunctions() {
        List<BusAddress> buses = new ArrayList<>();
        for (int d : new int[] {0xffffffff, 0x10000, 1, 0}) {
            for (int bus : new int[] {0xff, 0x10, 0xa, 0}) {
                buses.add(new BusAddress(d, bus));
            }
        }
        List<BusAddress> sorted = new ArrayList<>(buses);
        sorted.sort(null);
        List<BusAddress> byFunction = new ArrayList<>(buses);
        byFunction.sort((x, y) -> new PciAddress(x.domain(), x.bus(), 0, 0).compareTo(new PciAddress(y.domain(), y.bus(), 0, 0)));
        assertThat(sorted).containsExactlyElementsOf(byFunction);
        for (BusAddress b : buses) {
            PciAddress f = new PciAddress(b.domain(), b.bus(), 3, 1);
            assertThat(f.busAddress()).isEqualTo(b).hasSameHashCodeAs(b);
            assertThat(f.toString()).startsWith(b.toString() + ":");
            assertThat(b).isNotEqualTo(new BusAddress(b.domain() + 1, b.bus()))
                    .isNotEqualTo(new BusAddress(b.domain(), b.bus() ^ 1));
        }
        assertThat(new BusAddress(0, 0xa)).hasToString("0000:0a");
    }
}

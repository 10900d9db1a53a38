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
}

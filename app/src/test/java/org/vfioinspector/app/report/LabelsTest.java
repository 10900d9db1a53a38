package org.vfioinspector.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.vfioinspector.core.model.LinkStatus;

class LabelsTest {

    @Test
    void vendorNamesLoseTheirCompanySuffixOrUseTheirShortForm() {
        assertThat(Labels.shortVendor("NVIDIA Corporation")).isEqualTo("NVIDIA");
        assertThat(Labels.shortVendor("Advanced Micro Devices, Inc. [AMD/ATI]")).isEqualTo("AMD/ATI");
        assertThat(Labels.shortVendor("Samsung Electronics Co Ltd")).isEqualTo("Samsung Electronics Co");
        assertThat(Labels.shortVendor("Intel Corporation")).isEqualTo("Intel");
        assertThat(Labels.shortVendor("Red Hat, Inc.")).isEqualTo("Red Hat");
    }

    @Test
    void linkSpeedDropsTheKernelsDecimalsAndPcieSuffix() {
        LinkStatus l = new LinkStatus(Optional.of("16.0 GT/s PCIe"), OptionalInt.of(16), Optional.of("16.0 GT/s PCIe"), OptionalInt.of(16));
        assertThat(Labels.link(l)).isEqualTo("16 GT/s x16");
        assertThat(Labels.link(new LinkStatus(Optional.of("2.5 GT/s PCIe"), OptionalInt.of(1), Optional.empty(),
                OptionalInt.empty()))).isEqualTo("2.5 GT/s x1");
        assertThat(Labels.link(LinkStatus.UNKNOWN)).isEmpty();
        assertThat(Labels.speed("Unknown")).isEqualTo("Unknown");
    }

    @Test
    void aLinkIsDegradedWhenSlowerOrNarrowerThanItsMaximum() {
        assertThat(Labels.degraded(new LinkStatus(Optional.of("2.5 GT/s PCIe"), OptionalInt.of(1),
                Optional.of("8.0 GT/s PCIe"), OptionalInt.of(1)))).isTrue();
        assertThat(Labels.degraded(new LinkStatus(Optional.of("8.0 GT/s PCIe"), OptionalInt.of(2),
                Optional.of("8.0 GT/s PCIe"), OptionalInt.of(4)))).isTrue();
        assertThat(Labels.degraded(new LinkStatus(Optional.of("8.0 GT/s PCIe"), OptionalInt.of(4),
                Optional.of("8.0 GT/s PCIe"), OptionalInt.of(4)))).isFalse();
        assertThat(Labels.degraded(new LinkStatus(Optional.of("Unknown"), OptionalInt.of(0),
                Optional.of("garbage"), OptionalInt.of(4)))).as("unreadable values are not a finding").isFalse();
    }

    @Test
    void busRangeNamesOneBusOrARange() {
        assertThat(Labels.busRange(OptionalInt.of(4), OptionalInt.of(4))).isEqualTo("bus 04");
        assertThat(Labels.busRange(OptionalInt.of(2), OptionalInt.of(5))).isEqualTo("buses 02–05");
        assertThat(Labels.busRange(OptionalInt.empty(), OptionalInt.of(5))).isEmpty();
    }

    /** The hand-written scanners find exactly what the regular expressions they replaced found. */
    @Test
    void theScannersAgreeWithTheRegularExpressionsTheyReplaced() {
        java.util.regex.Pattern speed = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*GT/s");
        java.util.regex.Pattern bracket = java.util.regex.Pattern.compile("\\[([^\\]]+)]");
        java.util.Random random = new java.util.Random(20261204);
        String speedAlphabet = "0123456789.. \t\nGGT/sT/sPCIe";
        String vendorAlphabet = "ab[[]] ,.";
        for (int i = 0; i < 200_000; i++) {
            String t = randomText(random, speedAlphabet, 14);
            if (random.nextInt(4) == 0) {
                t = t + " GT/s";
            }
            java.util.regex.Matcher m = speed.matcher(t);
            assertThat(Labels.gtsNumber(t)).as("speed of '%s'", t).isEqualTo(m.find() ? m.group(1) : null);
            String v = randomText(random, vendorAlphabet, 12);
            java.util.regex.Matcher b = bracket.matcher(v);
            if (b.find()) {
                assertThat(Labels.shortVendor(v)).as("vendor '%s'", v).isEqualTo(b.group(1));
            }
        }
        for (String kernel : java.util.List.of("2.5 GT/s PCIe", "5.0 GT/s PCIe", "8.0 GT/s PCIe", "16.0 GT/s PCIe",
                "32.0 GT/s PCIe", "64.0 GT/s PCIe", "2.5 GT/s", "Unknown", "")) {
            java.util.regex.Matcher m = speed.matcher(kernel);
            assertThat(Labels.gtsNumber(kernel)).isEqualTo(m.find() ? m.group(1) : null);
        }
    }

    private static String randomText(java.util.Random random, String alphabet, int maxLength) {
        StringBuilder b = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void busNumbersAreTwoHexDigits() {
        assertThat(Labels.busRange(OptionalInt.of(0x0a), OptionalInt.of(0xff))).isEqualTo("buses 0a–ff");
        assertThat(Labels.busRange(OptionalInt.of(0), OptionalInt.of(0))).isEqualTo("bus 00");
    }
}

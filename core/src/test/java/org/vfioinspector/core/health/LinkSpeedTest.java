package org.vfioinspector.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LinkSpeedTest {

    /** The rule as the Javadoc says it, written the slow way: a number of digits with an optional fraction before "GT/s". */
    private static OptionalDouble byTheRule(String t) {
        int at = t.indexOf("GT/s");
        if (at <= 0) {
            return OptionalDouble.empty();
        }
        String n = t.substring(0, at).strip();
        return n.length() <= 8 && n.matches("[0-9]+(\\.[0-9]+)?") ? OptionalDouble.of(Double.parseDouble(n))
                : OptionalDouble.empty();
    }

    @Test
    void theKernelsSpeedTexts() {
        // drivers/pci/pci.h PCIE_SPEED2STR and pci-sysfs.c ("Unknown" when the speed is not known)
        assertThat(LinkSpeed.gts(Optional.of("2.5 GT/s PCIe"))).hasValue(2.5);
        assertThat(LinkSpeed.gts(Optional.of("5.0 GT/s PCIe"))).hasValue(5.0);
        assertThat(LinkSpeed.gts(Optional.of("8.0 GT/s PCIe"))).hasValue(8.0);
        assertThat(LinkSpeed.gts(Optional.of("16.0 GT/s PCIe"))).hasValue(16.0);
        assertThat(LinkSpeed.gts(Optional.of("32.0 GT/s PCIe"))).hasValue(32.0);
        assertThat(LinkSpeed.gts(Optional.of("64.0 GT/s PCIe"))).hasValue(64.0);
        assertThat(LinkSpeed.gts(Optional.of("2.5 GT/s"))).hasValue(2.5); // kernels before 5.x
        assertThat(LinkSpeed.gts(Optional.of("Unknown"))).isEmpty();
        assertThat(LinkSpeed.gts(Optional.empty())).isEmpty();
    }

    @Test
    void malformedTextsHaveNoRate() {
        for (String t : List.of("", "GT/s", " GT/s", ".5 GT/s", "5. GT/s", "1.2.3 GT/s", "123456789 GT/s", "-8 GT/s",
                "+8 GT/s", "8e0 GT/s", "0x8 GT/s", "８ GT/s", "8,0 GT/s", "8 0 GT/s", "NaN GT/s", "Infinity GT/s")) {
            assertThat(LinkSpeed.gts(Optional.of(t))).as(t).isEmpty();
        }
        assertThat(LinkSpeed.gts(Optional.of("  8.0  GT/s"))).hasValue(8.0);
        assertThat(LinkSpeed.gts(Optional.of("12345678 GT/s"))).hasValue(12345678);
        assertThat(LinkSpeed.gts(Optional.of("0.000001 GT/s"))).hasValue(1e-6);
        assertThat(LinkSpeed.gts(Optional.of("0.0000001 GT/s"))).as("more than 8 characters").isEmpty();
    }

    @Test
    void agreesWithTheRuleOnRandomTexts() {
        Random r = new Random(22);
        String alphabet = "0123456789..  GT/sx-+e٣";
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(11);
            for (int k = 0; k < len; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            texts.add(b + (r.nextInt(4) == 0 ? "" : " GT/s PCIe"));
            texts.add(r.nextInt(100_000) / Math.pow(10, r.nextInt(6)) + " GT/s"); // well-formed numbers, any scale
        }
        for (String t : texts) {
            assertThat(LinkSpeed.gts(Optional.of(t))).as(t).isEqualTo(byTheRule(t));
        }
    }
}

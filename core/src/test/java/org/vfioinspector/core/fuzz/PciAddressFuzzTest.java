package org.vfioinspector.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.vfioinspector.core.model.PciAddress;

/** BDF text from the command line or a sysfs directory name: parsed exactly, or refused with a clean message. */
class PciAddressFuzzTest {

    private static final String CANONICAL = "[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]";

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        PciAddress a;
        try {
            a = PciAddress.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            Invariants.printable("error message", e.getMessage());
            assertThat(e.getMessage().length()).as("a huge argument gives a short message").isLessThan(200);
            assertThat(PciAddress.tryParse(text)).isNull();
            return;
        }
        String printed = a.toString();
        assertThat(printed).matches(CANONICAL);
        assertThat(PciAddress.parse(printed)).isEqualTo(a);
        assertThat(PciAddress.tryParse(text)).isEqualTo(a);
        // the input names the same numbers, only spelled differently (case, padding, domain 0 left out)
        String t = text.strip().toLowerCase();
        assertThat(t.endsWith(String.format("%02x.%x", a.device(), a.function()))
                || t.endsWith(String.format("%x.%x", a.device(), a.function()))).isTrue();
        assertThat(a.compareTo(PciAddress.parse(printed))).isZero();
    }

    @FuzzTest(maxDuration = "30s")
    void formatParsesBack(FuzzedDataProvider data) {
        int domain = data.consumeInt();
        int bus = data.consumeInt(0, 0xff);
        int device = data.consumeInt(0, 0x1f);
        int function = data.consumeInt(0, 7);
        PciAddress a = new PciAddress(domain, bus, device, function);
        String printed = a.toString();
        assertThat(printed).matches(CANONICAL);
        assertThat(PciAddress.parse(printed)).isEqualTo(a);
        assertThat(PciAddress.parse(printed.toUpperCase())).isEqualTo(a);
        assertThat(a.slotId()).isEqualTo(printed.substring(0, printed.length() - 2));
        assertThat(a.devfn()).isEqualTo(device << 3 | function);
        if (domain == 0) {
            assertThat(PciAddress.parse(printed.substring(5))).isEqualTo(a);
        }
    }
}

package org.vfioinspector.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vfioinspector.core.pciids.PciIds;

/**
 * The pci.ids parser on any text: lookups stay consistent with the file's nesting, names are clean
 * single lines, and one bad line never takes names that came before it.
 */
class PciIdsFuzzTest {

    /** Ids that the lookups below probe: ids of the seed file, and out-of-range ones. */
    private static final int[] PROBES = {0x1af4, 0x8086, 0x10de, 0xffff, -1, 0x10000};
    private static final int[] DEVICE_PROBES = {0x1000, 0x1b80, 0x000c, -1};

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] input) {
        PciIds ids = PciIds.parse(reader(new String(input, StandardCharsets.UTF_8)));
        consistent(ids);
        assertThat(ids.skippedLines()).isNotNegative();
        assertThat(ids.notes()).hasSizeLessThanOrEqualTo(50).allSatisfy(n -> Invariants.printable("note", n));
    }

    /**
     * Well-formed vendors first, then anything at all: the vendors keep their names, because a
     * later line (a duplicate, garbage, a new section) may only add names, never replace one.
     */
    @FuzzTest(maxDuration = "30s")
    void earlierEntriesSurviveAnySuffix(FuzzedDataProvider data) {
        Map<Integer, String> vendors = new LinkedHashMap<>();
        StringBuilder file = new StringBuilder("# Version: 2099.01.01\n");
        int count = data.consumeInt(0, 8);
        for (int i = 0; i < count; i++) {
            int id = data.consumeInt(0, 0xffff);
            String name = "Vendor-" + data.consumeAsciiString(12).replaceAll("[^A-Za-z0-9 .,&()-]", "x").strip() + i;
            vendors.putIfAbsent(id, name);
            file.append(String.format("%04x  %s\n", id, name));
        }
        file.append(data.consumeRemainingAsString());

        PciIds ids = PciIds.parse(reader(file.toString()));

        vendors.forEach((id, name) -> assertThat(ids.vendorName(id)).as("vendor %04x", id).contains(name));
        assertThat(ids.version()).isEqualTo("2099.01.01");
        consistent(ids);
    }

    private static void consistent(PciIds ids) {
        for (int v : PROBES) {
            ids.vendorName(v).ifPresent(n -> name("vendor", n));
            assertThat(ids.describeVendor(v)).isEqualTo(ids.vendorName(v).orElse(String.format("Vendor %04x", v)));
            for (int d : DEVICE_PROBES) {
                ids.deviceName(v, d).ifPresent(n -> {
                    name("device", n);
                    assertThat(ids.vendorName(v)).as("a device is only known under a known vendor").isPresent();
                });
                assertThat(ids.describeDevice(v, d)).isNotBlank();
                ids.subsystemName(v, d, v, d).ifPresent(n -> assertThat(ids.deviceName(v, d)).isPresent());
                assertThat(ids.describeSubsystem(v, d, d, v)).isNotBlank();
            }
        }
        for (int base : new int[] {0x00, 0x01, 0x02, 0x03, 0x06, 0x0c, 0xff}) {
            ids.className(base).ifPresent(n -> name("class", n));
            for (int sub : new int[] {0x00, 0x04, 0x80}) {
                ids.subclassName(base, sub).ifPresent(n -> {
                    name("subclass", n);
                    assertThat(ids.className(base)).as("a subclass is only known under a known class").isPresent();
                });
                ids.progIfName(base, sub, 0).ifPresent(n -> assertThat(ids.subclassName(base, sub)).isPresent());
                assertThat(ids.describeClass(base << 16 | sub << 8)).isNotBlank();
            }
        }
        if (ids.vendorCount() > 0) {
            assertThat(ids.isEmpty()).isFalse();
        }
    }

    private static void name(String what, String n) {
        // pci.ids is a system file, not host data, so only the line structure is checked here
        assertThat(n).as(what).isNotEmpty().doesNotContain("\n", "\r");
        assertThat(n.charAt(0)).isNotIn(' ', '\t');
        assertThat(n.charAt(n.length() - 1)).isNotIn(' ', '\t');
    }

    private static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }
}

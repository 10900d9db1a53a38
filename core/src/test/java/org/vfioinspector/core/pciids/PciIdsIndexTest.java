package org.vfioinspector.core.pciids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The indexed database ({@link PciIdsIndex}, what {@link PciIds#load} gives) names every id exactly as the
 * whole parse ({@link PciIds#parse}) of the same bytes: the real {@code pci.ids} id by id, the hand-written
 * fixture, malformed texts, and the real file corrupted at random.
 */
class PciIdsIndexTest {

    private static final Path REAL = Path.of("/usr/share/misc/pci.ids");

    @Test
    void everyIdOfTheRealDatabaseHasTheWholeParsesName() throws IOException {
        assumeTrue(Files.isRegularFile(REAL), "no " + REAL + " (apt-get install pciutils)");
        byte[] bytes = Files.readAllBytes(REAL);
        int compared = sameNames(bytes, new Random(1));
        assertThat(compared).as("ids compared").isGreaterThan(100_000);
        PciIds lazy = PciIdsIndex.of(bytes);
        assertThat(lazy.vendorCount()).isGreaterThan(2000);
        assertThat(lazy.deviceCount()).isGreaterThan(15_000);
        assertThat(lazy.skippedLines()).isZero();
    }

    @Test
    void theFixtureAndMalformedTextsHaveTheWholeParsesNames() {
        List<String> texts = List.of(Fixture.text(), "", "\n\n", "# Version: 2024.01.01\n",
                "\t1234  orphan\n8086  Intel Corporation\n\t10d3  82574L\n",
                "8086  Intel Corporation \t\r\n\t10D3\t82574L\r\n\t\t8086 A01F  CT  Desktop\r\n",
                "8086  Intel Corporation\r\t10d3  82574L\r\r\t\t8086 a01f  Sub\n",
                "8086  Intel Corporation\n8086  Impostor\n\t10d3  first\n8086  Again\n\t10d3  second\n\t10d4  third\n",
                "10zz  Broken\n\t000d  Orphan device\n\t\t1af4 1100  Orphaned subsystem\n1b36  Red Hat, Inc.\n\t000d  QEMU XHCI Host Controller\n",
                "C 06  Bridge\n\t04 \f\f\f\f\n\t00  Host bridge\n8086  \u0001\u0002\n\t1234  under a bad vendor\n",
                "X 01  Unknown section\n\t01  entry\nC 02  Network controller\n\t00  Ethernet controller\n\t\t01  prog\n"
                        + "S 1af4\n\t1100  QEMU Virtual Machine\n8086  Intel Corporation\n\t1533  I210\n",
                "8086  Intel Corporation\n \t10d3  spaces\n\t\t\t1234 5678  too deep\n\t10d3  82574L\n  # Version: late\n",
                "1ab4  Würth Elektronik\n\t0001  Gerät \u00e9\n", "8086\n\t1234  x\n8086 Intel\n\t10d3  y\n",
                "\f\n\t1234  after a form feed\nffff  Illegal Vendor ID\n\tffff  ff\n");
        Random random = new Random(7);
        for (String t : texts) {
            sameNames(t.getBytes(StandardCharsets.UTF_8), random);
        }
        sameNames(new byte[] {'8', '0', '8', '6', ' ', ' ', (byte) 0xc3, (byte) 0x28, '\n', '\t', '1', '2', '3', '4', ' ',
            (byte) 0xe2, (byte) 0x82, '\n'}, random); // malformed UTF-8
    }

    @Test
    void theRealDatabaseCorruptedAtRandomHasTheWholeParsesNames() throws IOException {
        assumeTrue(Files.isRegularFile(REAL), "no " + REAL + " (apt-get install pciutils)");
        String real = Files.readString(REAL, StandardCharsets.UTF_8);
        String[] lines = real.split("\n", -1);
        for (int seed = 1; seed <= 6; seed++) {
            Random r = new Random(seed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String line : lines) {
                String l = line;
                int roll = r.nextInt(200);
                switch (roll) {
                    case 0 -> l = " " + l;                                        // indented with a space
                    case 1 -> l = l.isEmpty() ? l : l.substring(1);               // a tab or digit lost
                    case 2 -> l = l + "\n" + l;                                   // a duplicate
                    case 3 -> l = "\t" + l;                                       // nested deeper
                    case 4 -> l = "zz" + l;                                       // a broken top-level line
                    case 5 -> l = l + "\r";                                       // CRLF
                    case 6 -> l = l.replace('\t', ' ');                           // spaces for tabs
                    case 7 -> l = l + "\r\tabcd  stray";                          // a lone CR inside
                    case 8 -> l = "C " + l;                                       // a section opened by mistake
                    case 9 -> l = "# Version: " + seed + "\n" + l;
                    default -> { }
                }
                byte[] b = l.getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                if (roll == 10) {
                    out.write(0xff); // invalid UTF-8
                }
                out.write('\n');
            }
            sameNames(out.toByteArray(), r);
        }
    }

    @Test
    void hexIsWhatStringFormatGives() {
        int[] values = {0, 1, 0xf, 0x10, 0xff, 0x100, 0xfff, 0x1000, 0xffff, 0x10000, 0xffffff, Integer.MAX_VALUE, -1,
            Integer.MIN_VALUE};
        for (int v : values) {
            for (int digits = 1; digits <= 8; digits++) {
                assertThat(PciIds.hex(v, digits)).isEqualTo(String.format("%0" + digits + "x", v));
            }
        }
    }

    /** Compares every id the whole parse names, and ids around them it does not; returns how many. */
    private static int sameNames(byte[] bytes, Random random) {
        PciIdsParser.Tables whole = PciIdsParser.whole(new BufferedReader(new InputStreamReader(
                new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)));
        PciIds full = PciIds.parse(new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8)));
        PciIds lazy = PciIdsIndex.of(bytes);
        int n = 0;
        for (int v = 0; v <= 0xffff; v++) {
            assertThat(lazy.vendorName(v)).as("vendor %04x", v).isEqualTo(full.vendorName(v));
            n++;
        }
        Set<Integer> vendors = new HashSet<>(whole.vendors().keySet());
        for (int key : whole.devices().keySet()) {
            vendors.add(key >>> 16);
            n += sameDevice(full, lazy, key >>> 16, key & 0xffff);
        }
        for (int v : vendors) {
            for (int i = 0; i < 8; i++) {
                n += sameDevice(full, lazy, v, random.nextInt(0x10000)); // mostly ids the database lacks
            }
        }
        for (long key : whole.subsystems().keySet()) {
            int vendor = (int) (key >>> 48);
            int device = (int) (key >>> 32) & 0xffff;
            int subVendor = (int) (key >>> 16) & 0xffff;
            int subDevice = (int) key & 0xffff;
            assertThat(lazy.subsystemName(vendor, device, subVendor, subDevice))
                    .isEqualTo(full.subsystemName(vendor, device, subVendor, subDevice));
            assertThat(lazy.describeSubsystem(vendor, device, subVendor, subDevice))
                    .isEqualTo(full.describeSubsystem(vendor, device, subVendor, subDevice));
            n++;
        }
        for (int key : whole.genericSubsystems().keySet()) {
            assertThat(lazy.describeSubsystem(0x8086, 0x1234, key >>> 16, key & 0xffff))
                    .isEqualTo(full.describeSubsystem(0x8086, 0x1234, key >>> 16, key & 0xffff));
            n++;
        }
        for (int base = 0; base <= 0xff; base++) {
            assertThat(lazy.className(base)).isEqualTo(full.className(base));
            for (int sub = 0; sub <= 0xff; sub++) {
                assertThat(lazy.subclassName(base, sub)).as("class %02x%02x", base, sub).isEqualTo(full.subclassName(base, sub));
                int progIf = random.nextInt(0x100);
                assertThat(lazy.progIfName(base, sub, progIf)).isEqualTo(full.progIfName(base, sub, progIf));
                n += 2;
            }
        }
        for (int key : whole.progIfs().keySet()) {
            assertThat(lazy.progIfName(key >>> 16, (key >>> 8) & 0xff, key & 0xff))
                    .isEqualTo(full.progIfName(key >>> 16, (key >>> 8) & 0xff, key & 0xff));
            assertThat(lazy.describeClass(key)).isEqualTo(full.describeClass(key));
            n++;
        }
        assertThat(lazy.version()).isEqualTo(full.version());
        assertThat(lazy.isEmpty()).isEqualTo(full.isEmpty());
        assertThat(lazy.vendorCount()).isEqualTo(full.vendorCount());
        assertThat(lazy.deviceCount()).isEqualTo(full.deviceCount());
        assertThat(lazy.skippedLines()).isEqualTo(full.skippedLines());
        assertThat(lazy.notes()).isEqualTo(full.notes());
        return n;
    }

    private static int sameDevice(PciIds full, PciIds lazy, int vendor, int device) {
        assertThat(lazy.deviceName(vendor, device)).as("device %04x:%04x", vendor, device)
                .isEqualTo(full.deviceName(vendor, device));
        assertThat(lazy.describeDevice(vendor, device)).isEqualTo(full.describeDevice(vendor, device));
        return 1;
    }
}

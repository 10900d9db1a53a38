package org.vfioinspector.core.pciids;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import org.junit.jupiter.api.Test;

class PciIdsParseTest {

    private final PciIds ids = Fixture.ids();

    @Test
    void vendorAndDeviceNamesAreFound() {
        assertThat(ids.vendorName(0x8086)).contains("Intel Corporation");
        assertThat(ids.vendorName(0x1b36)).contains("Red Hat, Inc.");
        assertThat(ids.deviceName(0x8086, 0x10d3)).contains("82574L Gigabit Network Connection");
        assertThat(ids.deviceName(0x1b36, 0x000d)).contains("QEMU XHCI Host Controller");
        assertThat(ids.deviceName(0x10de, 0x2684)).contains("AD102 [GeForce RTX 4090]");
    }

    @Test
    void deviceIdsBelongToTheirVendor() {
        assertThat(ids.deviceName(0x1b36, 0x0001)).contains("QEMU PCI-PCI bridge");
        assertThat(ids.deviceName(0x10de, 0x10d3)).isEmpty();
        assertThat(ids.deviceName(0x0001, 0x1b36)).isEmpty();
        assertThat(ids.vendorName(0x1234)).isEmpty();
    }

    @Test
    void subsystemNeedsAllFourIds() {
        assertThat(ids.subsystemName(0x1b36, 0x0002, 0x1af4, 0x1100)).contains("QEMU Virtual Machine");
        assertThat(ids.subsystemName(0x8086, 0x10d3, 0x8086, 0xa01f)).contains("Gigabit CT Desktop Adapter");
        assertThat(ids.subsystemName(0x10de, 0x1b80, 0x1043, 0x8591)).contains("GeForce GTX 1080");
        assertThat(ids.subsystemName(0x1b36, 0x0001, 0x1af4, 0x1100)).isEmpty();
        assertThat(ids.subsystemName(0x8086, 0x10d3, 0x8086, 0xa020)).isEmpty();
    }

    @Test
    void classSubclassAndProgIfComeFromTheClassSection() {
        assertThat(ids.className(0x02)).contains("Network controller");
        assertThat(ids.subclassName(0x02, 0x00)).contains("Ethernet controller");
        assertThat(ids.subclassName(0x0c, 0x03)).contains("USB controller");
        assertThat(ids.progIfName(0x0c, 0x03, 0x30)).contains("XHCI");
        assertThat(ids.progIfName(0x06, 0x04, 0x01)).contains("Subtractive decode");
        assertThat(ids.progIfName(0x0c, 0x03, 0x40)).isEmpty();
        assertThat(ids.className(0x0d)).isEmpty();
    }

    @Test
    void classIdsDoNotCollideWithVendorIds() {
        // Class 02 sub 00 and vendor 0x0200 live in different tables.
        assertThat(ids.vendorName(0x0200)).isEmpty();
        assertThat(ids.vendorName(0x0001)).contains("SafeNet (wrong ID)");
        assertThat(ids.className(0x01)).contains("Mass storage controller");
    }

    @Test
    void versionComesFromTheHeaderComment() {
        assertThat(ids.version()).isEqualTo("2099.01.02");
        assertThat(Fixture.parse("8086  Intel Corporation\n").version()).isEmpty();
    }

    @Test
    void malformedLinesAreSkippedCountedAndDoNotStopTheParse() {
        // The fixture has a device with bad hex, the subsystem under it, and a subsystem without subdevice.
        assertThat(ids.skippedLines()).isEqualTo(3);
        assertThat(ids.notes()).hasSize(3).allSatisfy(n -> assertThat(n).startsWith("line "));
        assertThat(ids.deviceName(0x8086, 0x100e)).contains("82540EM Gigabit Ethernet Controller");
        assertThat(ids.className(0xff)).contains("Unassigned class");
    }

    @Test
    void childrenOfASkippedParentAreNotFiledUnderThePreviousOne() {
        // "Orphaned subsystem" follows the broken 10zz line, right after device 000d.
        assertThat(ids.subsystemName(0x1b36, 0x000d, 0x1af4, 0x1100)).isEmpty();
        var text = """
                8086  Intel Corporation
                \t10d3  82574L Gigabit Network Connection
                zz86  Broken vendor
                \t1533  Not Intel's
                """;
        PciIds parsed = Fixture.parse(text);
        assertThat(parsed.deviceName(0x8086, 0x1533)).isEmpty();
        assertThat(parsed.skippedLines()).isEqualTo(2);
    }

    @Test
    void unknownSectionsAreIgnoredQuietly() {
        var text = """
                X 01  Reserved
                \t01  Something
                \t\t02  Deeper
                C 02  Network controller
                \t00  Ethernet controller
                """;
        PciIds parsed = Fixture.parse(text);
        assertThat(parsed.skippedLines()).isZero();
        assertThat(parsed.subclassName(0x02, 0x00)).contains("Ethernet controller");
        assertThat(parsed.vendorName(0x0001)).isEmpty();
    }

    @Test
    void aVendorAfterTheClassSectionIsAVendorAgain() {
        var text = """
                C 02  Network controller
                \t00  Ethernet controller
                1b36  Red Hat, Inc.
                \t000d  QEMU XHCI Host Controller
                """;
        PciIds parsed = Fixture.parse(text);
        assertThat(parsed.deviceName(0x1b36, 0x000d)).contains("QEMU XHCI Host Controller");
        assertThat(parsed.subclassName(0x02, 0x0d)).isEmpty();
    }

    @Test
    void crlfTrailingBlanksAndUppercaseHexAreAccepted() {
        PciIds parsed = Fixture.parse("8086  Intel Corporation \t\r\n\t10D3\t82574L\r\n\t\t8086 A01F  CT  Desktop\r\n");
        assertThat(parsed.vendorName(0x8086)).contains("Intel Corporation");
        assertThat(parsed.deviceName(0x8086, 0x10d3)).contains("82574L");
        assertThat(parsed.subsystemName(0x8086, 0x10d3, 0x8086, 0xa01f)).contains("CT  Desktop");
        assertThat(parsed.skippedLines()).isZero();
    }

    @Test
    void linesThatBreakTheGrammarAreSkipped() {
        var text = """
                8086  Intel Corporation
                \t10d3
                \t10d3x  Glued name
                \t\t\t0001  Three tabs deep
                  1533  Indented with spaces
                \t1533  I210 Gigabit Network Connection
                \uff18\uff10\uff18\uff16  Fullwidth digits
                """;
        PciIds parsed = Fixture.parse(text);
        assertThat(parsed.skippedLines()).isEqualTo(5);
        assertThat(parsed.deviceCount()).isEqualTo(1);
        assertThat(parsed.deviceName(0x8086, 0x1533)).contains("I210 Gigabit Network Connection");
    }

    @Test
    void aNameWithNothingVisibleIsNoName() {
        // found by fuzzing: a subclass named only form feeds gave a blank class description
        var text = "C 06  Bridge\n\t04 \f\f\f\f\n\t00  Host bridge\n8086  \u0001\u0002\n";
        PciIds parsed = Fixture.parse(text);
        assertThat(parsed.skippedLines()).isEqualTo(2);
        assertThat(parsed.subclassName(0x06, 0x04)).isEmpty();
        assertThat(parsed.describeClass(0x060400)).isEqualTo("Bridge [0604]");
        assertThat(parsed.subclassName(0x06, 0x00)).contains("Host bridge");
        assertThat(parsed.vendorName(0x8086)).isEmpty();
    }

    @Test
    void duplicateEntriesKeepTheFirstName() {
        PciIds parsed = Fixture.parse("8086  Intel Corporation\n8086  Impostor\n");
        assertThat(parsed.vendorName(0x8086)).contains("Intel Corporation");
        assertThat(parsed.skippedLines()).isEqualTo(1);
        assertThat(parsed.notes()).singleElement().asString().contains("duplicate");
    }

    @Test
    void notesAreCappedButEveryBadLineIsCounted() {
        String garbage = "not a pci.ids line\n".repeat(PciIdsParser.MAX_NOTES + 10);
        PciIds parsed = Fixture.parse(garbage);
        assertThat(parsed.skippedLines()).isEqualTo(PciIdsParser.MAX_NOTES + 10);
        assertThat(parsed.notes()).hasSize(PciIdsParser.MAX_NOTES);
        assertThat(parsed.isEmpty()).isTrue();
    }

    @Test
    void aReadErrorKeepsTheNamesReadSoFar() {
        Reader failing = new Reader() {
            private final Reader head = new java.io.StringReader("8086  Intel Corporation\n");

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                int n = head.read(buf, off, len);
                if (n < 0) {
                    throw new IOException("disk went away");
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
        PciIds parsed = PciIds.parse(new BufferedReader(failing));
        assertThat(parsed.vendorName(0x8086)).contains("Intel Corporation");
        assertThat(parsed.notes()).singleElement().asString().contains("disk went away");
    }

    @Test
    void outOfRangeIdsAreEmptyRatherThanAliased() {
        assertThat(ids.vendorName(0x1_8086)).isEmpty();
        assertThat(ids.vendorName(-1)).isEmpty();
        assertThat(ids.deviceName(0x8086, 0x1_10d3)).isEmpty();
        assertThat(ids.subsystemName(0x1b36, 0x0002, 0x1af4, 0x1_1100)).isEmpty();
        assertThat(ids.subclassName(0x02, 0x100)).isEmpty();
        assertThat(ids.progIfName(0x0c, 0x03, 0x130)).isEmpty();
    }

    @Test
    void namesKeepNonAsciiText() {
        PciIds parsed = Fixture.parse("1ab4  Würth Elektronik\n");
        assertThat(parsed.vendorName(0x1ab4)).contains("Würth Elektronik");
    }
}

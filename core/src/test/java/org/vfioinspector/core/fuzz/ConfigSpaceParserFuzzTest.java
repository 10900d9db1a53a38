package org.vfioinspector.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.vfioinspector.core.config.Capability;
import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.config.ConfigSpaceParser;
import org.vfioinspector.core.config.ExtendedCapability;

/**
 * Any byte array up to 4 KiB as a sysfs {@code config} file: capability lists that loop, point
 * outside or overlap must give a bounded, self-consistent result, never an exception.
 */
class ConfigSpaceParserFuzzTest {

    /** (0x100 - 0x40) / 4: no more distinct 4-byte-aligned slots exist in the standard space. */
    private static final int MAX_STANDARD_SLOTS = 48;
    /** (0x1000 - 0x100) / 4 slots exist; the walker stops well before at 512 entries. */
    private static final int MAX_EXTENDED_ENTRIES = 512;

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] input) {
        byte[] bytes = input.length > 4096 ? Arrays.copyOf(input, 4096) : input;
        byte[] copy = bytes.clone();

        ConfigSpace cs = ConfigSpaceParser.parse(bytes);

        assertThat(bytes).as("the parser must not modify its input").isEqualTo(copy);
        assertThat(ConfigSpaceParser.parse(bytes)).as("deterministic").isEqualTo(cs);
        assertThat(cs.length()).isEqualTo(bytes.length);
        header(cs, bytes);
        standardList(cs, bytes);
        extendedList(cs, bytes);
        decodedCapabilities(cs);
        assertThat(cs.notes()).allSatisfy(n -> {
            assertThat(n).isNotBlank();
            Invariants.printable("note", n);
        });
        // one note per finding at most: a hostile dump cannot produce an unbounded list
        assertThat(cs.notes()).hasSizeLessThanOrEqualTo(12);
    }

    private static void header(ConfigSpace cs, byte[] b) {
        assertThat(cs.headerAvailable()).isEqualTo(b.length >= ConfigSpace.HEADER_SIZE);
        if (b.length >= 2) {
            assertThat(cs.vendorId()).isEqualTo((b[0] & 0xff) | (b[1] & 0xff) << 8);
        }
        assertThat(cs.vendorId()).isBetween(0, 0xffff);
        assertThat(cs.deviceId()).isBetween(0, 0xffff);
        assertThat(cs.classCode()).isBetween(0, 0xff_ffff);
        assertThat(cs.headerType()).isBetween(0, 0x7f);
        boolean bridgeHeader = cs.headerAvailable() && (b[0x0e] & 0x7f) == 1;
        assertThat(cs.isBridge()).isEqualTo(bridgeHeader);
        assertThat(cs.secondaryBus().isPresent()).isEqualTo(bridgeHeader);
        if (bridgeHeader) {
            assertThat(cs.primaryBus().getAsInt()).isEqualTo(b[0x18] & 0xff);
            assertThat(cs.secondaryBus().getAsInt()).isEqualTo(b[0x19] & 0xff);
            assertThat(cs.subordinateBus().getAsInt()).isEqualTo(b[0x1a] & 0xff);
        }
        if (!cs.headerAvailable()) {
            assertThat(cs.capabilities()).isEmpty();
        }
    }

    private static void standardList(ConfigSpace cs, byte[] b) {
        assertThat(cs.capabilities()).hasSizeLessThanOrEqualTo(MAX_STANDARD_SLOTS);
        Set<Integer> offsets = new HashSet<>();
        for (Capability c : cs.capabilities()) {
            assertThat(c.offset()).as("offset").isBetween(0x40, 0xfc);
            assertThat(c.offset() % 4).as("pointers are dword aligned").isZero();
            assertThat(c.offset() + 2).as("id and next pointer inside the dump").isLessThanOrEqualTo(b.length);
            assertThat(offsets.add(c.offset())).as("a looping list is cut at the first repeat").isTrue();
            assertThat(c.id()).isEqualTo(b[c.offset()] & 0xff);
        }
        // the walk follows the chain: each entry's next pointer names the following entry
        for (int i = 0; i + 1 < cs.capabilities().size(); i++) {
            int next = b[cs.capabilities().get(i).offset() + 1] & 0xfc;
            assertThat(cs.capabilities().get(i + 1).offset()).isEqualTo(next);
        }
    }

    private static void extendedList(ConfigSpace cs, byte[] b) {
        if (b.length < ConfigSpace.EXTENDED_SIZE) {
            assertThat(cs.extendedCapabilities()).isEmpty();
        }
        assertThat(cs.extendedCapabilities()).hasSizeLessThanOrEqualTo(MAX_EXTENDED_ENTRIES);
        Set<Integer> offsets = new HashSet<>();
        for (ExtendedCapability c : cs.extendedCapabilities()) {
            assertThat(c.offset()).isBetween(0x100, 0xffc);
            assertThat(c.offset() % 4).isZero();
            assertThat(offsets.add(c.offset())).isTrue();
            assertThat(c.id()).isEqualTo((b[c.offset()] & 0xff) | (b[c.offset() + 1] & 0xff) << 8);
        }
    }

    private static void decodedCapabilities(ConfigSpace cs) {
        assertThat(cs.pciExpress().isPresent()).isEqualTo(cs.hasCapability(Capability.PCI_EXPRESS));
        assertThat(cs.powerManagement().isPresent()).isEqualTo(cs.hasCapability(Capability.POWER_MANAGEMENT));
        assertThat(cs.acs().isPresent()).isEqualTo(cs.hasExtendedCapability(ExtendedCapability.ACS));
        assertThat(cs.sriov().isPresent()).isEqualTo(cs.hasExtendedCapability(ExtendedCapability.SRIOV));
        assertThat(cs.aer()).isEqualTo(cs.hasExtendedCapability(ExtendedCapability.AER));
        cs.pciExpress().ifPresent(e -> {
            assertThat(e.linkWidth()).isBetween(0, 0x3f);
            assertThat(e.physicalSlot()).isBetween(0, 0x1fff);
            if (!e.slotImplemented()) {
                assertThat(e.hotPlugCapable()).as("SltCap is only read when a slot is implemented").isFalse();
            }
        });
    }
}

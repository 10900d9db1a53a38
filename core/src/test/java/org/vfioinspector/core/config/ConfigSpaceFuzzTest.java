package org.vfioinspector.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The parser is fed files from any machine or snapshot: no input may make it throw or hang. */
class ConfigSpaceFuzzTest {

    private static final long SEED = 0x5eed_c0f1L;
    private static final int RUNS = 3000;

    @Test
    @Timeout(60)
    void randomBytesNeverThrow() {
        Random random = new Random(SEED);
        for (int i = 0; i < RUNS; i++) {
            byte[] bytes = new byte[random.nextInt(4097)];
            random.nextBytes(bytes);
            assertParsesSafely(bytes, "run " + i);
        }
    }

    @Test
    @Timeout(60)
    void plausibleHeadersWithRandomCapabilityBytesNeverThrow() {
        // Pure noise rarely has the capability bit and a sane pointer; these inputs reach the walkers.
        Random random = new Random(SEED + 1);
        int[] lengths = {64, 128, 256, 4096};
        for (int i = 0; i < RUNS; i++) {
            byte[] bytes = new byte[lengths[random.nextInt(lengths.length)]];
            random.nextBytes(bytes);
            bytes[0x06] |= 0x10;                                     // capability list present
            bytes[0x0e] = (byte) random.nextInt(3);                  // header type 0, 1 or 2
            bytes[0x34] = (byte) (0x40 + random.nextInt(0xc0));      // first pointer in range
            if (bytes.length >= 4096 && random.nextBoolean()) {
                bytes[0x100] = 0x10;                                 // extended list starts with SR-IOV or ACS
                bytes[0x101] = (byte) (random.nextBoolean() ? 0x00 : 0x0d);
            }
            assertParsesSafely(bytes, "run " + i);
        }
    }

    @Test
    void longInputsBeyond4096AreParsed() {
        byte[] bytes = ConfigSpaceBuilder.endpoint(0x8086, 0x1572, 0x020000).aer().build(4096);
        byte[] longer = Arrays.copyOf(bytes, 8192);

        ConfigSpace cs = ConfigSpaceParser.parse(longer);

        assertThat(cs.length()).isEqualTo(8192);
        assertThat(cs.extendedAvailable()).isTrue();
        assertThat(cs.aer()).isTrue();
    }

    private static void assertParsesSafely(byte[] bytes, String label) {
        long start = System.nanoTime();
        ConfigSpace[] result = new ConfigSpace[1];
        assertThatCode(() -> result[0] = ConfigSpaceParser.parse(bytes)).as(label).doesNotThrowAnyException();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(label).isLessThan(Duration.ofSeconds(1));
        ConfigSpace cs = result[0];
        assertThat(cs.length()).as(label).isEqualTo(bytes.length);
        assertThat(cs.capabilities()).as(label).hasSizeLessThanOrEqualTo(CapabilityWalker.MAX_STANDARD);
        assertThat(cs.extendedCapabilities()).as(label).hasSizeLessThanOrEqualTo(CapabilityWalker.MAX_EXTENDED);
        assertThat(cs.capabilities()).as(label).allSatisfy(c -> assertThat(c.offset() + 2).isLessThanOrEqualTo(bytes.length));
        if (bytes.length < 4096) {
            assertThat(cs.extendedCapabilities()).as(label).isEmpty();
        }
    }
}

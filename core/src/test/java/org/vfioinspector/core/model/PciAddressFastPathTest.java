package org.vfioinspector.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The regex-free paths that a scan takes (canonical names, formatting, ordering) agree with the general ones. */
class PciAddressFastPathTest {

    private static final String CHARS = "0123456789abcdefABCDEFg:.x ";

    @Test
    void canonicalNamesParseExactlyAsThePatternDoes() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            char[] c = "0000:00:00.0".toCharArray();
            for (int k = 0; k < 1 + r.nextInt(3); k++) {
                c[r.nextInt(c.length)] = CHARS.charAt(r.nextInt(CHARS.length()));
            }
            String s = new String(c);
            // a leading space keeps the name off the fast path: the pattern decides
            assertThat(PciAddress.tryParse(s)).as(s).isEqualTo(PciAddress.tryParse(" " + s));
        }
    }

    @Test
    void formatsAsStringFormatDid() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            int domain = r.nextBoolean() ? r.nextInt(0x10000) : r.nextInt();
            PciAddress a = new PciAddress(domain, r.nextInt(256), r.nextInt(32), r.nextInt(8));
            String d = Integer.toHexString(domain);
            String dom = d.length() >= 4 ? d : "0".repeat(4 - d.length()) + d;
            assertThat(a.toString()).isEqualTo(dom + String.format(":%02x:%02x.%x", a.bus(), a.device(), a.function()));
            assertThat(a.slotId()).isEqualTo(dom + String.format(":%02x:%02x", a.bus(), a.device()));
            assertThat(PciAddress.parse(a.toString())).isEqualTo(a);
        }
    }

    @Test
    void ordersAsTheComparatorChainWould() {
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 50_000; i++) {
            PciAddress a = new PciAddress(r.nextInt(3) - 1, r.nextInt(3), r.nextInt(3), r.nextInt(3));
            PciAddress b = new PciAddress(r.nextInt(3) - 1, r.nextInt(3), r.nextInt(3), r.nextInt(3));
            int expected = Integer.compareUnsigned(a.domain(), b.domain()) != 0 ? Integer.compareUnsigned(a.domain(), b.domain())
                    : a.bus() != b.bus() ? Integer.compare(a.bus(), b.bus())
                    : a.device() != b.device() ? Integer.compare(a.device(), b.device())
                    : Integer.compare(a.function(), b.function());
            assertThat(Integer.signum(a.compareTo(b))).as(a + " vs " + b).isEqualTo(Integer.signum(expected));
        }
    }
}

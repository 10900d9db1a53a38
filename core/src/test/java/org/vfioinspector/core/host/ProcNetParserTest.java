package org.vfioinspector.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcNetParserTest {

    @Test
    void ipv4DefaultRouteIsTheZeroDestinationWithZeroMask() {
        ParsedLines<String> p = ProcNetParser.parseIpv4DefaultRoutes("""
                Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
                eno1	0000A8C0	00000000	0001	0	0	100	00FFFFFF	0	0	0
                eno1	00000000	0100A8C0	0003	0	0	100	00000000	0	0	0
                ens2f0	000010AC	00000000	0001	0	0	0	0000FFFF	0	0	0
                """);

        assertThat(p.entries()).containsExactly("eno1");
        assertThat(p.skipped()).isZero();
    }

    @Test
    void ipv4RejectRoutesAndMalformedLinesCarryNothing() {
        ParsedLines<String> p = ProcNetParser.parseIpv4DefaultRoutes("""
                Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
                blackhole0	00000000	00000000	0201	0	0	0	00000000	0	0	0
                eth9	0000000	0100A8C0	0003	0	0	100	00000000	0	0	0
                eth8	00000000	0100A8C0
                eth7	00000000	0100A8C0	zz	0	0	100	00000000	0	0	0
                """);

        assertThat(p.entries()).isEmpty();
        assertThat(p.skipped()).isEqualTo(3);
    }

    @Test
    void ipv6DefaultRouteIsTheZeroDestinationWithPrefixZero() {
        ParsedLines<String> p = ProcNetParser.parseIpv6DefaultRoutes("""
                20010db8000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001 ens3np0
                00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00450003 ens3np0
                00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200 lo
                00000000000000000000000000000000 00 short
                """);

        assertThat(p.entries()).containsExactly("ens3np0");
        assertThat(p.skipped()).isEqualTo(1);
    }

    @Test
    void ifInet6GivesCompressedAddressesWithPrefix() {
        ParsedLines<IfAddress> p = ProcNetParser.parseIfInet6("""
                fe800000000000000a0027fffe5bd4e5 02 40 20 80     eno1
                20010db8000000000000000000000001 02 40 00 00     eno1
                00000000000000000000000000000001 01 80 10 80       lo
                20010db8 02 40 00 00 broken
                20010db8000000000000000000000002 03 ff 00 00 toolong
                """);

        assertThat(p.entries()).containsExactly(
                new IfAddress("eno1", "fe80::a00:27ff:fe5b:d4e5/64"),
                new IfAddress("eno1", "2001:db8::1/64"),
                new IfAddress("lo", "::1/128"));
        assertThat(p.skipped()).isEqualTo(2);
    }

    @Test
    void ipv6FormattingFollowsRfc5952() {
        assertThat(ProcNetParser.formatIpv6("00000000000000000000000000000000")).isEqualTo("::");
        assertThat(ProcNetParser.formatIpv6("20010db8000000010000000000000001")).isEqualTo("2001:db8:0:1::1");
        // a single zero group is not compressed
        assertThat(ProcNetParser.formatIpv6("20010db8000000010001000100010001")).isEqualTo("2001:db8:0:1:1:1:1:1");
        // on a tie the first run is compressed
        assertThat(ProcNetParser.formatIpv6("20010000000000010000000000010001")).isEqualTo("2001::1:0:0:1:1");
        // the longer run wins
        assertThat(ProcNetParser.formatIpv6("20010000000100000000000000000001")).isEqualTo("2001:0:1::1");
        assertThat(ProcNetParser.formatIpv6("FE800000000000000000000000000000")).isEqualTo("fe80::");
    }

    @Test
    void ipv6FormattingRejectsWrongLength() {
        assertThatThrownBy(() -> ProcNetParser.formatIpv6("2001")).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.vfioinspector.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.vfioinspector.core.host.IfAddress;
import org.vfioinspector.core.host.Mount;
import org.vfioinspector.core.host.MountTableParser;
import org.vfioinspector.core.host.ParsedLines;
import org.vfioinspector.core.host.ProcNetParser;

/**
 * The {@code /proc} table parsers of the host package (mounts, swaps, routes, IPv6 addresses):
 * any text is split into well-formed entries and a count of skipped lines; what is parsed means
 * what the line said.
 */
class HostParsersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void procTables(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        long lines = Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).count(); // only \n ends a /proc line

        for (ParsedLines<Mount> p : new ParsedLines[] {MountTableParser.parseMountinfo(text), MountTableParser.parseMounts(text)}) {
            assertThat(p.entries().size() + p.skipped()).isLessThanOrEqualTo((int) lines);
            assertThat(p.entries()).allSatisfy(m -> assertThat(m.mountPoint()).startsWith("/"));
        }
        ParsedLines<String> swaps = MountTableParser.parseSwaps(text);
        assertThat(swaps.entries()).allSatisfy(s -> assertThat(s).startsWith("/"));
        for (ParsedLines<String> routes : new ParsedLines[] {ProcNetParser.parseIpv4DefaultRoutes(text),
                ProcNetParser.parseIpv6DefaultRoutes(text)}) {
            assertThat(routes.entries()).doesNotHaveDuplicates().allSatisfy(i -> assertThat(i).isNotEmpty().doesNotContain(" ", "\t", "\n"));
            assertThat(routes.skipped()).isLessThanOrEqualTo((int) lines);
        }
        ParsedLines<IfAddress> inet6 = ProcNetParser.parseIfInet6(text);
        assertThat(inet6.entries().size() + inet6.skipped()).isLessThanOrEqualTo((int) lines);
        for (IfAddress a : inet6.entries()) {
            String[] parts = a.address().split("/");
            assertThat(Integer.parseInt(parts[1])).isBetween(0, 128);
            assertThat(ipv6(parts[0])).hasSize(16);
        }
    }

    /** A mount table line written the kernel's way (octal escapes) parses back to the same mount. */
    @FuzzTest(maxDuration = "30s")
    void mountLinesRoundTrip(FuzzedDataProvider data) {
        Mount m = new Mount(field(data), "/" + field(data), "x" + field(data));
        String mounts = escape(m.source()) + " " + escape(m.mountPoint()) + " " + escape(m.fsType()) + " rw 0 0\n";
        String mountinfo = "36 35 98:0 / " + escape(m.mountPoint()) + " rw,noatime master:1 - "
                + escape(m.fsType()) + " " + escape(m.source()) + " rw,errors=continue\n";

        assertThat(MountTableParser.parseMounts(mounts).entries()).containsExactly(m);
        assertThat(MountTableParser.parseMountinfo(mountinfo).entries()).containsExactly(m);
    }

    /** RFC 5952 text of 16 bytes: the same address, lowercase, at most one "::". */
    @FuzzTest(maxDuration = "30s")
    void ipv6Format(FuzzedDataProvider data) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            // mostly zeros, so runs of zero groups of every length and position come up
            bytes[i] = data.consumeBoolean() ? 0 : data.consumeByte();
        }
        String text = ProcNetParser.formatIpv6(HexFormat.of().formatHex(bytes));
        assertThat(ipv6(text)).isEqualTo(bytes);
        assertThat(text).isEqualTo(text.toLowerCase()).hasSizeLessThanOrEqualTo(39);
        assertThat(text.indexOf("::")).isEqualTo(text.lastIndexOf("::"));
        assertThat(text).doesNotContain(":::").doesNotContainPattern("(^|:)0[0-9a-f]");
    }

    /** A non-empty field that may hold spaces, tabs, backslashes and newlines, but no NUL (the kernel has none). */
    private static String field(FuzzedDataProvider data) {
        String s = data.consumeString(16).replace('\0', '_');
        return s.isEmpty() ? "f" : s;
    }

    /** The kernel's mangle(): space, tab, newline and backslash as three octal digits. */
    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
                b.append(String.format("\\%03o", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static byte[] ipv6(String literal) {
        assertThat(literal).matches("[0-9a-f:]+"); // a literal only, so no name is ever looked up
        try {
            byte[] a = InetAddress.getByName(literal).getAddress();
            if (a.length == 4) {
                // Java turns an IPv4-mapped IPv6 literal (::ffff:a00:0) into an Inet4Address: map it back
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(a, 0, mapped, 12, 4);
                return mapped;
            }
            return a;
        } catch (UnknownHostException e) {
            throw new AssertionError("not an IPv6 address: " + literal, e);
        }
    }
}

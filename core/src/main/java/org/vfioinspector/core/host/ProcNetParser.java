package org.vfioinspector.core.host;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pure parsers for the routing and address tables in {@code proc/net}: {@code route},
 * {@code ipv6_route} and {@code if_inet6}.
 */
public final class ProcNetParser {

    /** {@code RTF_REJECT} (include/uapi/linux/route.h, ipv6_route.h): an unreachable route, not a way out. */
    private static final long RTF_REJECT = 0x0200;

    private static final String ZERO_V6 = "0".repeat(32);

    private ProcNetParser() {
    }

    /**
     * The interfaces that carry an IPv4 default route: lines of {@code proc/net/route} whose
     * Destination and Mask are both {@code 00000000}.
     */
    public static ParsedLines<String> parseIpv4DefaultRoutes(String text) {
        Set<String> out = new LinkedHashSet<>();
        int skipped = 0;
        for (String line : MountTableParser.lines(text)) {
            String[] f = line.trim().split("\\s+");
            if (f[0].equals("Iface")) {
                continue;
            }
            if (f.length < 8 || !isHex(f[1], 8) || !isHex(f[7], 8) || !isHex(f[3], 1, 8)) {
                skipped++;
                continue;
            }
            long flags = Long.parseLong(f[3], 16);
            if (f[1].equals("00000000") && f[7].equals("00000000") && (flags & RTF_REJECT) == 0) {
                out.add(f[0]);
            }
        }
        return new ParsedLines<>(List.copyOf(out), skipped);
    }

    /**
     * The interfaces that carry an IPv6 default route: lines of {@code proc/net/ipv6_route} whose
     * destination is all zeros with prefix length {@code 00}; the interface is the last column.
     */
    public static ParsedLines<String> parseIpv6DefaultRoutes(String text) {
        Set<String> out = new LinkedHashSet<>();
        int skipped = 0;
        for (String line : MountTableParser.lines(text)) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 10 || !isHex(f[0], 32) || !isHex(f[1], 2) || !isHex(f[8], 8)) {
                skipped++;
                continue;
            }
            long flags = Long.parseLong(f[8], 16);
            if (f[0].equals(ZERO_V6) && f[1].equals("00") && (flags & RTF_REJECT) == 0) {
                out.add(f[9]);
            }
        }
        return new ParsedLines<>(List.copyOf(out), skipped);
    }

    /**
     * Parses {@code proc/net/if_inet6}: {@code ADDRESS(32 hex) ifindex prefixlen scope flags NAME}
     * into compressed addresses with their prefix ({@code fe80::a00:27ff:fe5b:d4e5/64}).
     */
    public static ParsedLines<IfAddress> parseIfInet6(String text) {
        List<IfAddress> out = new ArrayList<>();
        int skipped = 0;
        for (String line : MountTableParser.lines(text)) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 6 || !isHex(f[0], 32) || !isHex(f[2], 1, 2)) {
                skipped++;
                continue;
            }
            int prefix = Integer.parseInt(f[2], 16);
            if (prefix > 128) {
                skipped++;
                continue;
            }
            out.add(new IfAddress(f[5], formatIpv6(f[0]) + "/" + prefix));
        }
        return new ParsedLines<>(out, skipped);
    }

    /**
     * Formats 32 hex digits as an IPv6 address in the RFC 5952 form: lowercase, no leading zeros
     * in a group, the longest run of two or more zero groups (the first on a tie) written {@code ::}.
     *
     * @throws IllegalArgumentException when {@code hex} is not 32 hex digits
     */
    public static String formatIpv6(String hex) {
        if (!isHex(hex, 32)) {
            throw new IllegalArgumentException("an IPv6 address needs 32 hex digits, got '" + hex + "'");
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = Integer.parseInt(hex.substring(i * 4, i * 4 + 4), 16);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }

    private static boolean isHex(String s, int len) {
        return isHex(s, len, len);
    }

    private static boolean isHex(String s, int min, int max) {
        if (s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // ASCII only: Character.digit would also accept other scripts' digits
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}

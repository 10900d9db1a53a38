package org.vfioinspector.core.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PCI function address (BDF with PCI segment/domain).
 *
 * <p>Parses {@code dddd:bb:dd.f} and {@code bb:dd.f} (domain 0). Domains may be wider than 16 bits
 * (VMD and Hyper-V use {@code 10000} and above). Formats as lowercase {@code %04x:%02x:%02x.%x};
 * a domain wider than four hex digits is printed in full.
 */
public record PciAddress(int domain, int bus, int device, int function) implements Comparable<PciAddress> {

    private static final Pattern BDF = Pattern.compile(
            "(?:([0-9a-fA-F]{1,8}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\\.([0-7])");

    public PciAddress {
        if (bus < 0 || bus > 0xff) {
            throw new IllegalArgumentException("PCI bus must be 00..ff, was " + bus);
        }
        if (device < 0 || device > 0x1f) {
            throw new IllegalArgumentException("PCI device number must be 00..1f, was " + Integer.toHexString(device));
        }
        if (function < 0 || function > 7) {
            throw new IllegalArgumentException("PCI function must be 0..7, was " + function);
        }
    }

    /**
     * Parses a BDF such as {@code 0000:03:00.0} or {@code 03:00.0}.
     *
     * @throws IllegalArgumentException with a message a user can act on
     */
    public static PciAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no PCI address given");
        }
        PciAddress canonical = parseCanonical(text);
        if (canonical != null) {
            return canonical;
        }
        String t = text.strip();
        Matcher m = BDF.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + printable(t)
                    + "' is not a PCI address; expected dddd:bb:dd.f or bb:dd.f, e.g. 0000:03:00.0");
        }
        int domain = m.group(1) == null ? 0 : Integer.parseUnsignedInt(m.group(1), 16);
        int device = Integer.parseInt(m.group(3), 16);
        if (device > 0x1f) {
            throw new IllegalArgumentException("'" + t + "' is not a PCI address: device number "
                    + m.group(3) + " is above 1f");
        }
        return new PciAddress(domain, Integer.parseInt(m.group(2), 16), device, Integer.parseInt(m.group(4)));
    }

    /**
     * The form sysfs uses for every name ({@code dddd:bb:dd.f}, lowercase, four-digit domain), parsed
     * without a regular expression because a scan meets several per function; null for anything
     * else, which then goes through the full parser (and its error messages).
     */
    private static PciAddress parseCanonical(String t) {
        if (t.length() != 12 || t.charAt(4) != ':' || t.charAt(7) != ':' || t.charAt(10) != '.') {
            return null;
        }
        int domain = hex(t, 0, 4);
        int bus = hex(t, 5, 7);
        int device = hex(t, 8, 10);
        int function = t.charAt(11) - '0';
        if (domain < 0 || bus < 0 || device < 0 || device > 0x1f || function < 0 || function > 7) {
            return null;
        }
        return new PciAddress(domain, bus, device, function);
    }

    /** ASCII hex digits (either case) of {@code s[from, to)}; -1 when any is not one, as the pattern would say. */
    private static int hex(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** Like {@link #parse} but returns null instead of throwing; for names read from sysfs. */
    public static PciAddress tryParse(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The bus this function sits on. */
    public BusAddress busAddress() {
        return new BusAddress(domain, bus);
    }

    /** {@code dddd:bb:dd}, the form of {@code sys/bus/pci/slots/N/address}. */
    public String slotId() {
        StringBuilder b = new StringBuilder(13).append(domainText(domain)).append(':');
        return hex2(hex2(b, bus).append(':'), device).toString();
    }

    /** Device and function packed as the kernel's devfn byte. */
    public int devfn() {
        return (device << 3) | function;
    }

    static String domainText(int domain) {
        if (domain == 0) {
            return "0000";
        }
        String hex = Integer.toHexString(domain);
        return hex.length() >= 4 ? hex : "0".repeat(4 - hex.length()) + hex;
    }

    /** Two lowercase hex digits; without String.format, which costs more than the rest of a scan's parsing. */
    private static StringBuilder hex2(StringBuilder b, int v) {
        return b.append(Character.forDigit(v >> 4 & 0xf, 16)).append(Character.forDigit(v & 0xf, 16));
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(64).forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c < 0xa0)) { // C1 too: U+009B is CSI to a UTF-8 terminal
                b.append('?');
            } else {
                b.appendCodePoint(c);
            }
        });
        return s.length() > 64 ? b + "…" : b.toString();
    }

    @Override
    public int compareTo(PciAddress o) {
        // domain (unsigned), bus, device, function; written out because sorting and tree sets call this a lot
        int c = Integer.compareUnsigned(domain, o.domain);
        if (c == 0) {
            c = Integer.compare(bus, o.bus);
        }
        if (c == 0) {
            c = Integer.compare(device, o.device);
        }
        return c != 0 ? c : Integer.compare(function, o.function);
    }

    /*
     * equals and hashCode written out: a record's generated ones are bound through
     * java.lang.runtime.ObjectMethods at their first call, which spins method-handle classes (≈ 20 ms of a
     * CLI start, BENCHMARKS.md run 10), and every map of a scan is keyed by addresses.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof PciAddress a
                && domain == a.domain && bus == a.bus && device == a.device && function == a.function;
    }

    @Override
    public int hashCode() {
        return domain * 65_599 + (bus << 8 | devfn()); // the low 16 bits are the BDF itself: no collisions within a domain
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(16).append(domainText(domain)).append(':');
        hex2(hex2(b, bus).append(':'), device).append('.').append((char) ('0' + function));
        return b.toString();
    }
}

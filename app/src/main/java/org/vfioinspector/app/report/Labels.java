package org.vfioinspector.app.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.config.PortType;
import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.pciids.PciIds;

/** Short human texts for node boxes, where a full lspci line does not fit. */
public final class Labels {

    private static final List<String> VENDOR_SUFFIXES = List.of(" Corporation", " Corp.", ", Inc.", " Inc.", ", Inc",
            " Co., Ltd.", " Co., Ltd", " Co.,Ltd.", " Technologies", " Technology", " Semiconductor", " Limited",
            " Ltd.", " Ltd", " GmbH", " AG", " S.A.");

    private Labels() {
    }

    /** "NVIDIA", "Intel", "AMD/ATI": the bracketed short name, else the name without its company suffix. */
    public static String shortVendor(String vendorName) {
        // the first "[…]" holding at least one character (no regex: a graph asks this of every node)
        for (int open = vendorName.indexOf('['); open >= 0; open = vendorName.indexOf('[', open + 1)) {
            int close = vendorName.indexOf(']', open + 1);
            if (close < 0) {
                break;
            }
            if (close > open + 1) {
                return vendorName.substring(open + 1, close);
            }
        }
        String s = vendorName;
        for (String suffix : VENDOR_SUFFIXES) {
            int i = s.indexOf(suffix);
            if (i > 0) {
                s = s.substring(0, i);
            }
        }
        return s.strip();
    }

    /** "Samsung NVMe SSD Controller PM9A1", or "Device 144d:a808" when the database lacks it. */
    public static String deviceName(PciDevice d, PciIds ids) {
        if (d.vendorId().isEmpty() || d.deviceId().isEmpty()) {
            return "Device " + d.idPair();
        }
        int v = d.vendorId().getAsInt();
        Optional<String> vendor = ids.vendorName(v);
        Optional<String> device = ids.deviceName(v, d.deviceId().getAsInt());
        if (device.isPresent()) {
            return vendor.map(Labels::shortVendor).map(s -> s + " ").orElse("") + device.get();
        }
        return vendor.map(Labels::shortVendor).map(s -> s + " device " + d.idPair().substring(5))
                .orElse("Device " + d.idPair());
    }

    /** The role of a bridge: "Root Port", "Switch Upstream Port", "PCI bridge", "Host bridge". */
    public static String bridgeRole(PciDevice d) {
        if (d.isHostBridge()) {
            return "Host bridge";
        }
        return d.portType().map(t -> switch (t) {
            case ROOT_PORT -> "Root Port";
            case UPSTREAM_PORT -> "Switch Upstream Port";
            case DOWNSTREAM_PORT -> "Switch Downstream Port";
            case PCIE_TO_PCI_BRIDGE -> "PCIe to PCI bridge";
            default -> t == PortType.UNKNOWN ? "PCI bridge" : t.label();
        }).orElse("PCI bridge");
    }

    /** "bus 04" or "buses 03–05" for a bridge's secondary..subordinate range; empty when unknown. */
    public static String busRange(OptionalInt secondary, OptionalInt subordinate) {
        if (secondary.isEmpty()) {
            return "";
        }
        int s = secondary.getAsInt();
        int e = subordinate.orElse(s);
        return e > s ? "buses " + hex2(s) + "–" + hex2(e) : "bus " + hex2(s);
    }

    /** "16 GT/s x16" from the kernel's "16.0 GT/s PCIe" and width; empty when the link is unknown. */
    public static String link(LinkStatus l) {
        if (!l.known()) {
            return "";
        }
        String speed = l.currentSpeed().map(Labels::speed).orElse("");
        String width = l.currentWidth().isPresent() ? "x" + l.currentWidth().getAsInt() : "";
        return (speed + " " + width).strip();
    }

    /** True when the link runs slower or narrower than its maximum. */
    public static boolean degraded(LinkStatus l) {
        boolean slower = l.currentSpeed().isPresent() && l.maxSpeed().isPresent()
                && gts(l.currentSpeed().get()) < gts(l.maxSpeed().get());
        boolean narrower = l.currentWidth().isPresent() && l.maxWidth().isPresent()
                && l.currentWidth().getAsInt() > 0 && l.currentWidth().getAsInt() < l.maxWidth().getAsInt();
        return slower || narrower;
    }

    static String speed(String kernelText) {
        String n = gtsNumber(kernelText);
        if (n == null) {
            return kernelText.replace(" PCIe", "").strip();
        }
        return (n.endsWith(".0") ? n.substring(0, n.length() - 2) : n) + " GT/s";
    }

    private static double gts(String kernelText) {
        String n = gtsNumber(kernelText);
        return n == null ? Double.NaN : Double.parseDouble(n);
    }

    /**
     * The number before the first "GT/s" that has one ("16.0" of "16.0 GT/s PCIe"): digits, optionally a
     * point and more digits, then optional whitespace. What the pattern {@code ([0-9]+(\.[0-9]+)?)\s*GT/s}
     * finds first, without a regex (a graph asks this of every edge; LabelsTest compares the two).
     */
    static String gtsNumber(String text) {
        for (int at = text.indexOf("GT/s"); at >= 0; at = text.indexOf("GT/s", at + 1)) {
            int end = at;
            while (end > 0 && isRegexSpace(text.charAt(end - 1))) {
                end--;
            }
            // the longest number ending at end (the leftmost start of a match): digits[.digits]
            int start = end;
            while (start > 0 && isDigit(text.charAt(start - 1))) {
                start--;
            }
            if (start == end) {
                continue;
            }
            if (start >= 2 && text.charAt(start - 1) == '.' && isDigit(text.charAt(start - 2))) {
                int whole = start - 1;
                while (whole > 0 && isDigit(text.charAt(whole - 1))) {
                    whole--;
                }
                start = whole;
            }
            return text.substring(start, end);
        }
        return null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code \s} of java.util.regex: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static String hex2(int v) {
        return v < 0x10 ? "0" + Integer.toHexString(v) : Integer.toHexString(v);
    }
}

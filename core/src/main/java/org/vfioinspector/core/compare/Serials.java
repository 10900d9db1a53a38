package org.vfioinspector.core.compare;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;

import org.vfioinspector.core.config.ExtendedCapability;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * Serial numbers that survive a reboot and a move to another slot: the PCIe Device Serial Number extended
 * capability (ID 0x0003: two dwords at cap+4 and cap+8, lower first, printed as {@code lspci} does, most
 * significant byte first) or, failing that, the {@code SN} keyword of the function's VPD read-only section.
 * Both need root on a live host (extended config space, {@code vpd}); without them the serial is unknown.
 */
public final class Serials {

    private static final int VPD_MAX = 32 * 1024;

    private Serials() {
    }

    /** Every function's serial number that its root shows. */
    public static Map<PciAddress, String> read(HostRoot root, Topology t) {
        Map<PciAddress, String> out = new HashMap<>();
        for (PciDevice d : t.devices()) {
            Path dir = root.resolve("sys/devices/" + d.sysfsPath());
            Optional<String> s = deviceSerialNumber(d, dir).or(() -> HostRoot.readBytes(dir.resolve("vpd"), VPD_MAX)
                    .flatMap(Serials::vpdSerial));
            s.ifPresent(v -> out.put(d.address(), v));
        }
        return out;
    }

    private static Optional<String> deviceSerialNumber(PciDevice d, Path dir) {
        Optional<Integer> offset = d.config().flatMap(c -> c.extendedCapabilities().stream()
                .filter(x -> x.id() == ExtendedCapability.DEVICE_SERIAL_NUMBER).map(ExtendedCapability::offset).findFirst());
        if (offset.isEmpty()) {
            return Optional.empty();
        }
        return HostRoot.readBytes(dir.resolve("config"), 4096).flatMap(b -> dsn(b, offset.get()));
    }

    /** The serial at {@code cap} of a config space dump, {@code 01-02-…-08}; empty when cut short or all zero. */
    static Optional<String> dsn(byte[] config, int cap) {
        if (cap < 0x100 || cap + 12 > config.length) {
            return Optional.empty();
        }
        StringBuilder s = new StringBuilder(23);
        boolean nonZero = false;
        for (int i = 7; i >= 0; i--) {
            int v = config[cap + 4 + i] & 0xff;
            nonZero |= v != 0;
            s.append(s.length() == 0 ? "" : "-").append(String.format("%02x", v));
        }
        return nonZero ? Optional.of(s.toString()) : Optional.empty();
    }

    /**
     * The {@code SN} keyword of the VPD-R large resource (tag 0x90), printable ASCII; empty when the VPD is
     * malformed or has none. Walks resources by their lengths and never reads past the data.
     */
    static Optional<String> vpdSerial(byte[] vpd) {
        int i = 0;
        while (i < vpd.length) {
            int tag = vpd[i] & 0xff;
            if (tag == 0x78) {
                return Optional.empty();
            }
            if ((tag & 0x80) == 0) {
                i += 1 + (tag & 0x07);
                continue;
            }
            if (i + 3 > vpd.length) {
                return Optional.empty();
            }
            int len = (vpd[i + 1] & 0xff) | (vpd[i + 2] & 0xff) << 8;
            int start = i + 3;
            int end = Math.min(vpd.length, start + len);
            if (tag == 0x90) {
                for (int k = start; k + 3 <= end; ) {
                    int kl = vpd[k + 2] & 0xff;
                    if (vpd[k] == 'S' && vpd[k + 1] == 'N' && k + 3 + kl <= end) {
                        String sn = new String(vpd, k + 3, kl, StandardCharsets.US_ASCII).strip();
                        boolean printable = !sn.isEmpty() && sn.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
                        return printable ? Optional.of(sn) : Optional.empty();
                    }
                    k += 3 + kl;
                }
                return Optional.empty();
            }
            i = start + len;
        }
        return Optional.empty();
    }
}

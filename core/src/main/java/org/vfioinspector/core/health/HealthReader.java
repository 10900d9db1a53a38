package org.vfioinspector.core.health;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;
import org.vfioinspector.core.sysfs.SysfsValues;

/**
 * Reads a {@link FunctionHealth} sample from sysfs under a {@link HostRoot}, now: live config space for the
 * ids (the kernel reads the device on every access; the {@code vendor}/{@code device} attributes are only
 * what it cached at enumeration, so they are a fallback that cannot prove the device answers),
 * {@code power_state}, the link attributes, the AER totals and the driver link. Needs no root: the first
 * 64 bytes of config space are readable by anyone. Never throws for missing or malformed files.
 */
public final class HealthReader {

    private HealthReader() {
    }

    public static FunctionHealth read(HostRoot root, PciAddress a) {
        Path dir = root.resolve(SysfsNames.function(a));
        boolean present = HostRoot.exists(dir);
        OptionalInt vendor = OptionalInt.empty();
        OptionalInt device = OptionalInt.empty();
        boolean live = false;
        Optional<byte[]> config = HostRoot.readBytes(dir.resolve(SysfsNames.CONFIG), 4);
        if (config.isPresent() && config.get().length == 4) {
            byte[] b = config.get();
            vendor = OptionalInt.of((b[0] & 0xff) | (b[1] & 0xff) << 8);
            device = OptionalInt.of((b[2] & 0xff) | (b[3] & 0xff) << 8);
            live = true;
        } else {
            vendor = hex16(dir.resolve(SysfsNames.VENDOR));
            device = hex16(dir.resolve(SysfsNames.DEVICE));
        }
        Optional<String> power = powerState(dir);
        LinkStatus link = new LinkStatus(
                text(dir.resolve(SysfsNames.CURRENT_LINK_SPEED)).flatMap(SysfsValues::parseLinkSpeed),
                text(dir.resolve(SysfsNames.CURRENT_LINK_WIDTH)).map(SysfsValues::parseLinkWidth).orElse(OptionalInt.empty()),
                text(dir.resolve(SysfsNames.MAX_LINK_SPEED)).flatMap(SysfsValues::parseLinkSpeed),
                text(dir.resolve(SysfsNames.MAX_LINK_WIDTH)).map(SysfsValues::parseLinkWidth).orElse(OptionalInt.empty()));
        AerCounters aer = aer(dir);
        AerCounters rootPort = rootPortTotals(dir);
        Optional<String> driver = HostRoot.linkName(dir.resolve(SysfsNames.DRIVER));
        return new FunctionHealth(a, present, vendor, device, live, power, link, aer, rootPort, driver);
    }

    /** {@code power_state} of the function in {@code dir}; empty when missing or not a power state name. */
    static Optional<String> powerState(Path dir) {
        return text(dir.resolve(SysfsNames.POWER_STATE)).map(String::strip).filter(HealthReader::isPowerState);
    }

    /** The totals of the function's {@code aer_dev_*} files. */
    static AerCounters aer(Path dir) {
        return new AerCounters(
                AerCounters.parseTotal(text(dir.resolve(SysfsNames.AER_DEV_CORRECTABLE)), AerCounters.TOTAL_COR),
                AerCounters.parseTotal(text(dir.resolve(SysfsNames.AER_DEV_NONFATAL)), AerCounters.TOTAL_NONFATAL),
                AerCounters.parseTotal(text(dir.resolve(SysfsNames.AER_DEV_FATAL)), AerCounters.TOTAL_FATAL));
    }

    /** A root port's {@code aer_rootport_total_err_*}: what was reported to it from below. */
    static AerCounters rootPortTotals(Path dir) {
        return new AerCounters(
                count(dir.resolve(SysfsNames.AER_ROOTPORT_TOTAL_COR)),
                count(dir.resolve(SysfsNames.AER_ROOTPORT_TOTAL_NONFATAL)),
                count(dir.resolve(SysfsNames.AER_ROOTPORT_TOTAL_FATAL)));
    }

    /** The names the kernel's {@code pci_power_name} writes; anything else is not a power state. */
    static boolean isPowerState(String s) {
        return switch (s) {
            case "D0", "D1", "D2", "D3hot", "D3cold", "unknown", "error" -> true;
            default -> false;
        };
    }

    private static Optional<String> text(Path file) {
        return HostRoot.readText(file);
    }

    private static OptionalInt hex16(Path file) {
        return text(file).map(t -> SysfsValues.parseHex(t, 16)).orElse(OptionalInt.empty());
    }

    private static java.util.OptionalLong count(Path file) {
        return text(file).map(AerCounters::parseCount).orElse(java.util.OptionalLong.empty());
    }
}

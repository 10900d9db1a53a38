package org.vfioinspector.core.vfio;

import java.util.Optional;
import java.util.OptionalInt;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;
import org.vfioinspector.core.sysfs.SysfsValues;

/**
 * A function's vendor and device id as it answers now. Read from the first four bytes of sysfs
 * {@code config}, which the kernel reads from the device on every access; the {@code vendor} and
 * {@code device} attributes are only the values cached at enumeration, so they are the fallback when
 * {@code config} cannot be read and cannot prove that the device answers.
 *
 * @param live true when read from {@code config} (the device itself), false when from the cached attributes
 */
record FunctionIds(int vendor, int device, boolean live) {

    /** What a function that does not answer reads as (a master abort returns all ones). */
    static final int NO_ANSWER = 0xffff;

    static Optional<FunctionIds> read(HostRoot root, PciAddress a) {
        String dir = SysfsNames.BUS_DEVICES + "/" + a + "/";
        Optional<byte[]> config = HostRoot.readBytes(root.resolve(dir + SysfsNames.CONFIG), 4);
        if (config.isPresent() && config.get().length == 4) {
            return Optional.of(parseConfig(config.get()));
        }
        OptionalInt vendor = hex16(root, dir + SysfsNames.VENDOR);
        OptionalInt device = hex16(root, dir + SysfsNames.DEVICE);
        if (vendor.isPresent() && device.isPresent()) {
            return Optional.of(new FunctionIds(vendor.getAsInt(), device.getAsInt(), false));
        }
        return Optional.empty();
    }

    /** Config space is little-endian: vendor at offset 0, device at 2. */
    static FunctionIds parseConfig(byte[] first4) {
        int vendor = (first4[0] & 0xff) | (first4[1] & 0xff) << 8;
        int device = (first4[2] & 0xff) | (first4[3] & 0xff) << 8;
        return new FunctionIds(vendor, device, true);
    }

    private static OptionalInt hex16(HostRoot root, String file) {
        return HostRoot.readText(root.resolve(file)).map(t -> SysfsValues.parseHex(t, 16)).orElse(OptionalInt.empty());
    }

    boolean answers() {
        return vendor != NO_ANSWER;
    }

    @Override
    public String toString() {
        return String.format("%04x:%04x", vendor, device);
    }
}

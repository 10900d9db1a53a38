package org.vfioinspector.app.gui.wizard;

import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * The wizard's own re-read of one function after the run, independent of the privileged command:
 * its {@code config} is readable (the first 4 bytes are readable without root), it does not read as
 * {@code ffff} (no answer), and its ids are the ones it had when the wizard opened.
 *
 * @param expected {@code vvvv:dddd} as scanned when the wizard opened
 * @param now      {@code vvvv:dddd} read from config now; empty when config could not be read
 */
public record FunctionCheck(PciAddress address, String expected, Optional<String> now) {

    public boolean readable() {
        return now.isPresent();
    }

    public boolean answers() {
        return now.filter(n -> !n.startsWith("ffff")).isPresent();
    }

    public boolean unchanged() {
        return now.filter(expected::equals).isPresent();
    }

    public boolean ok() {
        return readable() && answers() && unchanged();
    }

    public String describe() {
        if (!readable()) {
            return address + ": config space could not be read";
        }
        if (!answers()) {
            return address + ": does not answer (reads " + now.get() + ")";
        }
        return address + (unchanged() ? ": answers as " + expected : ": answers as " + now.get() + ", was " + expected);
    }

    /** Reads the function's vendor and device id from its config space (little-endian). */
    public static FunctionCheck read(HostRoot root, PciDevice before) {
        PciAddress a = before.address();
        Optional<String> now = HostRoot.readBytes(root.resolve(SysfsNames.functionFile(a, SysfsNames.CONFIG)), 4)
                .filter(b -> b.length == 4)
                .map(b -> String.format("%04x:%04x", (b[0] & 0xff) | (b[1] & 0xff) << 8, (b[2] & 0xff) | (b[3] & 0xff) << 8));
        return new FunctionCheck(a, before.idPair(), now);
    }
}

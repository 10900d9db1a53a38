package org.vfioinspector.app.cli;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/** Argument validation shared by the commands that take a BDF. */
final class Addresses {

    private Addresses() {
    }

    static PciAddress parse(String text) {
        try {
            return PciAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    static PciDevice existing(Topology t, String text) {
        PciAddress a = parse(text);
        return t.device(a).orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "no PCI function " + a + " on this host (see 'vfio-inspector tree')"));
    }
}

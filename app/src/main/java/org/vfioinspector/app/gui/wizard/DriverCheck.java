package org.vfioinspector.app.gui.wizard;

import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * Whether one function is on the driver it should be on after a run: its original driver once the
 * drivers were put back, or vfio-pci when the user chose to keep it there.
 */
public record DriverCheck(PciAddress address, Optional<String> expected, Optional<String> now) {

    public boolean ok() {
        return expected.equals(now);
    }

    public String describe() {
        return address + ": " + now.orElse("no driver") + (ok() ? "" : " (expected " + expected.orElse("no driver") + ")");
    }

    public static DriverCheck read(HostRoot root, PciAddress a, Optional<String> expected) {
        return new DriverCheck(a, expected, HostRoot.linkName(root.resolve(SysfsNames.functionFile(a, SysfsNames.DRIVER))));
    }
}

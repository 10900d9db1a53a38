package org.vfioinspector.app.gui;

import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.sysfs.SysfsNames;

/** A message across the top of the window: what is wrong with the host and what to do about it. */
public record Banner(String title, String text, boolean offerDemo) {

    /** The banner for a host, or null when it has PCI data and IOMMU groups. */
    public static Banner of(LoadedHost host) {
        var t = host.topology();
        if (t.isEmpty()) {
            return new Banner("No PCI data", "No PCI functions were found in " + host.title()
                    + ". This happens in containers and in VMs without PCI passthrough, or when the snapshot "
                    + "lacks " + SysfsNames.PCI_BUS + ". Open a snapshot taken on the machine you want to inspect, or look "
                    + "around the demo.", true);
        }
        if (!t.host().iommuEnabled() && t.host().hypervisor().isPresent()) {
            // a VM: there is no firmware VT-d switch to find; the hypervisor must give it a virtual IOMMU
            return new Banner("No IOMMU in this virtual machine", String.join(" ", t.host().iommuAdvice())
                    + " The functions below are the VM's own (virtual) devices.", true);
        }
        if (!t.host().iommuEnabled()) {
            return new Banner("No IOMMU groups", String.join(" ", t.host().iommuAdvice())
                    + " The topology below is real; groups and hot-reset checks need the IOMMU.", true);
        }
        return null;
    }
}

package org.vfioinspector.app.gui.wizard;

import java.util.ArrayList;
import java.util.List;

import org.vfioinspector.core.bind.DriverBinder;
import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.pciids.Names;
import org.vfioinspector.core.reset.AffectedFunction;

/** Turns an {@link AffectedFunction} into the row step 2 shows. Pure. */
final class Rows {

    private Rows() {
    }

    static AffectedRow of(AffectedFunction f, HostView view) {
        String name = view.topology().device(f.address()).map(d -> Names.describe(d, view.names())).orElse("?");
        List<String> use = new ArrayList<>();
        for (Holder h : f.holders()) {
            use.add("held by " + h.describe());
        }
        for (BlockDevice d : f.disks()) {
            List<String> points = d.mounts().stream().map(m -> m.mountPoint()).toList();
            use.add("/dev/" + d.name() + (points.isEmpty() ? "" : " mounted at " + String.join(", ", points))
                    + (d.swaps().isEmpty() ? "" : " (swap)"));
        }
        for (NetInterface n : f.interfaces()) {
            use.add(n.name() + " " + n.operstate().orElse("?")
                    + (n.addresses().isEmpty() ? "" : " " + String.join(", ", n.addresses()))
                    + (n.defaultRoute() ? ", default route" : ""));
        }
        f.drmCards().forEach(c -> use.add("display " + c));
        boolean needsBinding = !f.bridge() && !f.driver().filter(DriverBinder.VFIO_PCI::equals).isPresent();
        return new AffectedRow(f.address(), name, f.driver().orElse("no driver"),
                f.group().isPresent() ? Integer.toString(f.group().getAsInt()) : "none", String.join("; ", use),
                needsBinding);
    }
}

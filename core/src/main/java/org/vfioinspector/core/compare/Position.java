package org.vfioinspector.core.compare;

import java.util.List;
import java.util.Locale;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/**
 * Where a function sits in a way that survives bus renumbering: the address of its root port (on a root
 * bus, whose numbers the firmware fixes) and then the device.function numbers from that port down, never
 * bus numbers. {@code 0000:00:02.2/00.0/01.0} is function 01.0 below the device 00.0 below root port 00:02.2.
 * A function on a root bus is its own address; one whose parent cannot be known is its own address too.
 */
public final class Position {

    private Position() {
    }

    public static String of(Topology t, PciAddress a) {
        List<PciDevice> up = t.upstreamPath(a);
        if (up.isEmpty()) {
            return a.toString();
        }
        StringBuilder s = new StringBuilder(up.get(up.size() - 1).address().toString());
        for (int i = up.size() - 2; i >= 0; i--) {
            s.append('/').append(devfn(up.get(i).address()));
        }
        return s.append('/').append(devfn(a)).toString();
    }

    private static String devfn(PciAddress a) {
        return String.format(Locale.ROOT, "%02x.%x", a.device(), a.function());
    }
}

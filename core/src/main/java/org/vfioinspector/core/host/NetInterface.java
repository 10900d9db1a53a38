package org.vfioinspector.core.host;

import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * A network interface of a PCI function: its state, addresses, and whether it carries a default
 * route (likely the engineer's own ssh session).
 */
public record NetInterface(String name, PciAddress function, Optional<String> operstate, Optional<String> mac,
                           List<String> addresses, boolean defaultRoute) {

    public NetInterface {
        addresses = List.copyOf(addresses);
    }

    public boolean isUp() {
        return operstate.map(s -> s.equals("up") || s.equals("unknown")).orElse(false);
    }
}

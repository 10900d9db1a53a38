package org.vfioinspector.core.host;

import java.util.Objects;

/**
 * An address of a network interface as read from {@code proc/net/if_inet6} (or the live host).
 *
 * @param iface   the interface name, e.g. {@code eno1}
 * @param address the address with its prefix length, e.g. {@code fe80::1/64} or {@code 192.168.0.20/24}
 */
public record IfAddress(String iface, String address) {

    public IfAddress {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(address, "address");
    }
}

package org.vfioinspector.core.model;

import java.util.Comparator;

/** A PCI bus within a domain, printed {@code dddd:bb}. */
public record BusAddress(int domain, int bus) implements Comparable<BusAddress> {

    private static final Comparator<BusAddress> ORDER = Comparator
            .comparingLong((BusAddress a) -> Integer.toUnsignedLong(a.domain))
            .thenComparingInt(BusAddress::bus);

    public BusAddress {
        if (bus < 0 || bus > 0xff) {
            throw new IllegalArgumentException("PCI bus must be 00..ff, was " + bus);
        }
    }

    @Override
    public int compareTo(BusAddress o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return PciAddress.domainText(domain) + String.format(":%02x", bus);
    }
}

package org.vfioinspector.core.model;

/** A PCI bus within a domain, printed {@code dddd:bb}. */
public record BusAddress(int domain, int bus) implements Comparable<BusAddress> {

    public BusAddress {
        if (bus < 0 || bus > 0xff) {
            throw new IllegalArgumentException("PCI bus must be 00..ff, was " + bus);
        }
    }

    @Override
    public int compareTo(BusAddress o) {
        int c = Integer.compareUnsigned(domain, o.domain);
        return c != 0 ? c : Integer.compare(bus, o.bus);
    }

    // equals and hashCode written out for the reason PciAddress gives
    @Override
    public boolean equals(Object o) {
        return o instanceof BusAddress a && domain == a.domain && bus == a.bus;
    }

    @Override
    public int hashCode() {
        return domain * 257 + bus;
    }

    @Override
    public String toString() {
        String hex = Integer.toHexString(bus);
        return PciAddress.domainText(domain) + (hex.length() == 1 ? ":0" : ":") + hex;
    }
}

package org.vfioinspector.core.bench;

/**
 * Hands out bus numbers and root-port device numbers the way firmware enumerates a server: each
 * domain has four root buses (00, 40, 80, c0, as on a multi-root-complex socket), each root bus
 * owns the 63 bus numbers above it, and buses are numbered depth-first, so every bridge's
 * subordinate bus is simply the last bus taken while its subtree was built.
 */
final class BusSpace {

    static final int[] ROOT_BUSES = {0x00, 0x40, 0x80, 0xc0};
    /** Root ports use device numbers 01..13; integrated functions sit at 14..1f (chipset at 14, 17, 1f; fillers at 1d, 1e). */
    static final int LAST_PORT_DEVICE = 0x13;

    private final int firstDomain;
    private int domain;
    private int rootBusIndex = -1;
    private int nextBus;
    private int nextPortDevice;
    private int nextIntegratedDevice;

    BusSpace(int firstDomain) {
        this.firstDomain = firstDomain;
        this.domain = firstDomain;
    }

    int domain() {
        return domain;
    }

    int rootBus() {
        return ROOT_BUSES[rootBusIndex];
    }

    int domainsUsed() {
        return domain - firstDomain + 1;
    }

    /**
     * Makes room for a root port whose subtree needs {@code buses} bus numbers; returns true when a
     * new root bus had to be opened (the caller then adds its host bridge).
     */
    boolean reserve(int buses) {
        if (buses > 0x3f) {
            throw new IllegalArgumentException("a block needs at most 63 buses, not " + buses);
        }
        if (fits(buses)) {
            return false;
        }
        openNextRootBus();
        return true;
    }

    /** True when a root port with {@code buses} buses below it fits on the current root bus. */
    boolean fits(int buses) {
        return rootBusIndex >= 0 && nextPortDevice <= LAST_PORT_DEVICE && nextBus + buses - 1 <= rootBus() + 0x3f;
    }

    /** Moves on to the next domain's first root bus. */
    void nextDomain() {
        if (rootBusIndex >= 0) {
            domain++;
        }
        rootBusIndex = 0;
        resetRootBus();
    }

    void openNextRootBus() {
        if (rootBusIndex + 1 >= ROOT_BUSES.length) {
            domain++;
            rootBusIndex = 0;
        } else {
            rootBusIndex++;
        }
        resetRootBus();
    }

    private void resetRootBus() {
        nextBus = rootBus() + 1;
        nextPortDevice = 1;
        nextIntegratedDevice = 0x1d;
    }

    int takePortDevice() {
        return nextPortDevice++;
    }

    /** A device number (1d or 1e) on the current root bus for a root-complex integrated function; -1 when both are taken. */
    int takeIntegratedDevice() {
        return nextIntegratedDevice > 0x1e ? -1 : nextIntegratedDevice++;
    }

    int takeBus() {
        if (nextBus > rootBus() + 0x3f) {
            throw new IllegalStateException("root bus " + Integer.toHexString(rootBus()) + " is out of bus numbers");
        }
        return nextBus++;
    }

    /** The last bus number taken so far (a bridge's subordinate once its subtree is done). */
    int lastBus() {
        return nextBus - 1;
    }
}

package org.vfioinspector.app.gui.graph;

import java.util.Optional;

/** The driver pill on a function node: vfio-pci, a host driver, or none. */
public record DriverBadge(Kind kind, String text) {

    /** What the badge says about ownership of the function. */
    public enum Kind {
        /** Bound to vfio-pci: ready for a VM. */
        VFIO,
        /** Bound to a host driver: the host uses it. */
        HOST,
        /** No driver bound. */
        NONE,
        /** Nothing worth showing (domains, bridges without a driver). */
        HIDDEN
    }

    public static final DriverBadge HIDDEN_BADGE = new DriverBadge(Kind.HIDDEN, "");

    /**
     * The badge for a bound driver name. Bridges on pcieport (or none) show nothing: every port has
     * it, and the pills would drown the endpoints that matter.
     */
    public static DriverBadge of(Optional<String> driver, boolean bridge) {
        if (bridge && driver.map("pcieport"::equals).orElse(true)) {
            return HIDDEN_BADGE;
        }
        if (driver.isEmpty()) {
            return new DriverBadge(Kind.NONE, "no driver");
        }
        String d = driver.get();
        return new DriverBadge("vfio-pci".equals(d) ? Kind.VFIO : Kind.HOST, d);
    }
}

package org.vfioinspector.core.health;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.config.PortType;
import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/**
 * The PCIe links from a function's root port down to the function, top first, with the narrowest one
 * (the bottleneck) and the ones that trained below what both ends support. Built from a read
 * {@link Topology}, so it needs no root and works on snapshots.
 *
 * <p>A link joins a downstream-facing port (root port or switch downstream port) and the device below it.
 * A switch's upstream port and its downstream ports sit on the switch's internal bus, which is no link;
 * a downstream port's own link attributes describe the link below it. Without root only the first 64 bytes
 * of config space can be read, which do not hold the port type: then the bridge on the root bus is taken
 * for a root port and the bridges below alternate (a downstream-facing port's bridge child is a switch's
 * upstream port, whose bridge children face downstream), and {@link #portTypesKnown} is false. Below a
 * downstream-facing port every step is a link unless the device's config space shows it has no PCI Express
 * capability; a link whose attributes are missing on both ends (a capture without them, a link down) is
 * one whose state is unknown, never a fine one.
 *
 * @param hops           the links, root port first
 * @param bottleneck     the index in {@code hops} of the narrowest link: known only when every link's
 *                       bandwidth is known and the narrowest is below another (one link, or links all
 *                       alike, have none); of several equally narrow ones the nearest the root
 * @param portTypesKnown false when some port's type was inferred, not read
 */
public record PathHealth(PciAddress function, List<LinkHop> hops, OptionalInt bottleneck, boolean portTypesKnown) {

    public PathHealth {
        hops = List.copyOf(hops);
    }

    public static PathHealth of(Topology t, PciAddress function) {
        List<PciDevice> chain = new ArrayList<>(t.upstreamPath(function));
        Collections.reverse(chain);
        t.device(function).ifPresent(chain::add);
        List<LinkHop> hops = new ArrayList<>();
        boolean typesKnown = true;
        boolean aboveFacesDown = false; // whether the previous step's upper end faced downstream
        for (int i = 1; i < chain.size(); i++) {
            PciDevice up = chain.get(i - 1);
            PciDevice down = chain.get(i);
            Optional<PortType> upType = up.portType().filter(p -> p != PortType.UNKNOWN);
            boolean facesDown;
            if (upType.isPresent()) {
                facesDown = upType.get().isDownstreamFacing();
            } else {
                typesKnown = false;
                facesDown = i == 1 || !aboveFacesDown;
            }
            aboveFacesDown = facesDown;
            if (!facesDown) {
                continue; // a switch's internal bus (upstream port -> downstream port), or below a PCI bridge
            }
            LinkStatus current;
            if (down.link().known()) {
                current = down.link();
            } else if (knownConventional(down)) {
                continue; // conventional PCI below a port: no link of its own
            } else {
                current = up.link(); // the port reports the same link; unknown when it cannot either
            }
            hops.add(new LinkHop(up.address(), down.address(), current, up.link(), down.link()));
        }
        return new PathHealth(function, hops, narrowest(hops), typesKnown);
    }

    /** The links that trained below what both ends support. */
    public List<LinkHop> downgraded() {
        return hops.stream().filter(LinkHop::downgraded).toList();
    }

    /** The links whose state could not be judged. */
    public List<LinkHop> unknown() {
        return hops.stream().filter(h -> h.state() == LinkHop.State.UNKNOWN).toList();
    }

    public Optional<LinkHop> bottleneckHop() {
        return bottleneck.isPresent() ? Optional.of(hops.get(bottleneck.getAsInt())) : Optional.empty();
    }

    /** False when some link's bandwidth is unknown, so that no link can be called the narrowest. */
    public boolean bandwidthKnown() {
        return hops.stream().allMatch(h -> h.gbps().isPresent());
    }

    /** The last link, into the function itself, when the function has one. */
    public Optional<LinkHop> linkIntoFunction() {
        return hops.isEmpty() || !hops.get(hops.size() - 1).downstream().equals(function) ? Optional.empty()
                : Optional.of(hops.get(hops.size() - 1));
    }

    /** Config space read past the first 64 bytes (where the capabilities live), without a PCI Express capability. */
    private static boolean knownConventional(PciDevice d) {
        return d.config().map(c -> c.length() >= ConfigSpace.LEGACY_SIZE).orElse(false) && d.pciExpress().isEmpty();
    }

    private static OptionalInt narrowest(List<LinkHop> hops) {
        int best = -1;
        double bestGbps = Double.MAX_VALUE;
        double widest = 0;
        for (int i = 0; i < hops.size(); i++) {
            OptionalDouble g = hops.get(i).gbps();
            if (g.isEmpty()) {
                return OptionalInt.empty(); // an unknown link may be the narrowest
            }
            if (g.getAsDouble() < bestGbps) {
                best = i;
                bestGbps = g.getAsDouble();
            }
            widest = Math.max(widest, g.getAsDouble());
        }
        return best < 0 || bestGbps >= widest ? OptionalInt.empty() : OptionalInt.of(best);
    }
}

package org.vfioinspector.core.health;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.vfioinspector.core.config.PortType;
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
 * a downstream port's own link attributes describe the link below it. When the port type cannot be read
 * (64-byte config), every bridge-to-child step is taken as a link, and the path says so.
 *
 * @param hops           the links, root port first
 * @param bottleneck     the index in {@code hops} of the lowest-bandwidth known link, when the path has two
 *                       or more links (with one, "the narrowest" says nothing)
 * @param portTypesKnown false when some port's type could not be read, so internal switch steps may be counted
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
        for (int i = 1; i < chain.size(); i++) {
            PciDevice up = chain.get(i - 1);
            PciDevice down = chain.get(i);
            Optional<PortType> upType = up.portType().filter(p -> p != PortType.UNKNOWN);
            if (upType.isEmpty()) {
                typesKnown = false;
            } else if (!upType.get().isDownstreamFacing()) {
                continue; // a switch's internal bus (upstream port -> downstream port), or a PCI bridge
            }
            if (!up.link().known() && !down.link().known()) {
                continue; // conventional PCI, or a bridge without a PCIe capability
            }
            hops.add(new LinkHop(up.address(), down.address(), down.link().known() ? down.link() : up.link(),
                    LinkHop.lowerMaximum(up.link(), down.link()), down.link()));
        }
        return new PathHealth(function, hops, narrowest(hops), typesKnown);
    }

    /** The links that trained below what both ends support. */
    public List<LinkHop> downgraded() {
        return hops.stream().filter(LinkHop::downgraded).toList();
    }

    public Optional<LinkHop> bottleneckHop() {
        return bottleneck.isPresent() ? Optional.of(hops.get(bottleneck.getAsInt())) : Optional.empty();
    }

    private static OptionalInt narrowest(List<LinkHop> hops) {
        int best = -1;
        double bestGbps = Double.MAX_VALUE;
        for (int i = 0; i < hops.size(); i++) {
            OptionalDouble g = hops.get(i).gbps();
            if (g.isPresent() && g.getAsDouble() < bestGbps) {
                best = i;
                bestGbps = g.getAsDouble();
            }
        }
        return best < 0 || hops.size() < 2 ? OptionalInt.empty() : OptionalInt.of(best);
    }
}

package org.vfioinspector.core.health;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;

/**
 * One PCIe link on the way from a root port down to a function: between a downstream-facing port (or, when
 * the port type cannot be read, the parent bridge) and the device below it.
 *
 * @param upstream   the port above the link
 * @param downstream the device below it
 * @param current    the link as the device below reports it now (both ends report the same trained link)
 * @param capable    the best both ends support: the lower of the two ends' maximum speed and width
 * @param downstreamMax the device's own maximum, what {@code lspci} compares with ("downgraded")
 */
public record LinkHop(PciAddress upstream, PciAddress downstream, LinkStatus current, LinkStatus capable,
                      LinkStatus downstreamMax) {

    public LinkHop {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(downstream, "downstream");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(capable, "capable");
        Objects.requireNonNull(downstreamMax, "downstreamMax");
    }

    /** True when the current speed and width are both known. */
    public boolean known() {
        return current.currentSpeed().isPresent() && current.currentWidth().isPresent();
    }

    /**
     * True when the link trained below what BOTH ends support: slower or narrower than {@link #capable}. A
     * fast card in a slower slot is not downgraded (the slot limits it); see {@link #belowDeviceMaximum}.
     */
    public boolean downgraded() {
        return below(current, capable);
    }

    /** True when the link runs below the device's own maximum, as {@code lspci -vv} marks "downgraded". */
    public boolean belowDeviceMaximum() {
        return below(current, downstreamMax);
    }

    /** Usable bandwidth now, Gbit/s per direction; empty when not known. */
    public OptionalDouble gbps() {
        return LinkSpeed.gbps(LinkSpeed.gts(current.currentSpeed()), current.currentWidth());
    }

    private static boolean below(LinkStatus now, LinkStatus max) {
        OptionalDouble cur = LinkSpeed.gts(now.currentSpeed());
        OptionalDouble top = LinkSpeed.gts(max.maxSpeed());
        boolean slower = cur.isPresent() && top.isPresent() && cur.getAsDouble() < top.getAsDouble();
        OptionalInt w = now.currentWidth();
        OptionalInt mw = max.maxWidth();
        boolean narrower = w.isPresent() && mw.isPresent() && w.getAsInt() < mw.getAsInt();
        return slower || narrower;
    }

    /** The lower of two maxima, each field on its own; a side that is unknown does not limit. */
    static LinkStatus lowerMaximum(LinkStatus a, LinkStatus b) {
        OptionalDouble sa = LinkSpeed.gts(a.maxSpeed());
        OptionalDouble sb = LinkSpeed.gts(b.maxSpeed());
        Optional<String> speed = sa.isEmpty() ? b.maxSpeed() : sb.isEmpty() ? a.maxSpeed()
                : sa.getAsDouble() <= sb.getAsDouble() ? a.maxSpeed() : b.maxSpeed();
        OptionalInt width = a.maxWidth().isEmpty() ? b.maxWidth() : b.maxWidth().isEmpty() ? a.maxWidth()
                : OptionalInt.of(Math.min(a.maxWidth().getAsInt(), b.maxWidth().getAsInt()));
        return new LinkStatus(Optional.empty(), OptionalInt.empty(), speed, width);
    }
}

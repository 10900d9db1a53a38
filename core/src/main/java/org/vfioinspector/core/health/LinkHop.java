package org.vfioinspector.core.health;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;

/**
 * One PCIe link on the way from a root port down to a function: between a downstream-facing port (or, when
 * the port type cannot be read, the bridge taken for one) and the device below it.
 *
 * <p>Our "downgraded" rule: the link trained slower or narrower than what BOTH ends support (the lower of
 * the two ends' maxima). {@code lspci -vv} compares only the device's own current and maximum, so it calls a
 * Gen4 card in a Gen3 slot "downgraded" although the slot is what limits it; that comparison is
 * {@link #belowDeviceMaximum}. A field is judged only when it can be: a current at or above either end's
 * known maximum is not below what both support; below one known maximum with the other end's unknown is
 * unknown, never fine.
 *
 * @param upstream      the port above the link
 * @param downstream    the device below it
 * @param current       the link as the device below reports it now (both ends report the same trained link;
 *                      the port's view when the device's cannot be read)
 * @param upstreamMax   the port's maximum speed and width ({@code max_link_*})
 * @param downstreamMax the device's own maximum, what {@code lspci} compares with ("downgraded")
 */
public record LinkHop(PciAddress upstream, PciAddress downstream, LinkStatus current, LinkStatus upstreamMax,
                      LinkStatus downstreamMax) {

    /** What is known of a link's training against what both ends support. */
    public enum State {
        /** At what both ends support (or faster than one end can go, which the other cannot limit). */
        FULL,
        /** Slower or narrower than what both ends support. */
        DOWNGRADED,
        /** The current link, or the maximum of an end that would decide, could not be read. */
        UNKNOWN
    }

    public LinkHop {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(downstream, "downstream");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(upstreamMax, "upstreamMax");
        Objects.requireNonNull(downstreamMax, "downstreamMax");
    }

    /** True when the current speed and width are both known. */
    public boolean known() {
        return LinkSpeed.gts(current.currentSpeed()).isPresent() && current.currentWidth().isPresent();
    }

    /** Judged by our rule (class comment). */
    public State state() {
        Optional<Boolean> slower = below(LinkSpeed.gts(current.currentSpeed()),
                LinkSpeed.gts(upstreamMax.maxSpeed()), LinkSpeed.gts(downstreamMax.maxSpeed()));
        Optional<Boolean> narrower = below(asDouble(current.currentWidth()), asDouble(upstreamMax.maxWidth()),
                asDouble(downstreamMax.maxWidth()));
        if (slower.orElse(false) || narrower.orElse(false)) {
            return State.DOWNGRADED;
        }
        return slower.isPresent() && narrower.isPresent() ? State.FULL : State.UNKNOWN;
    }

    /** True when the link is known to run below what both ends support (never for an unknown link). */
    public boolean downgraded() {
        return state() == State.DOWNGRADED;
    }

    /** True when the link runs below the device's own maximum, as {@code lspci -vv} marks "downgraded". */
    public boolean belowDeviceMaximum() {
        return less(LinkSpeed.gts(current.currentSpeed()), LinkSpeed.gts(downstreamMax.maxSpeed()))
                || less(asDouble(current.currentWidth()), asDouble(downstreamMax.maxWidth()));
    }

    /**
     * The best both ends support: each field the lower of the two maxima, empty when either end's is unknown
     * (an unknown end may be the one that limits).
     */
    public LinkStatus capable() {
        OptionalDouble su = LinkSpeed.gts(upstreamMax.maxSpeed());
        OptionalDouble sd = LinkSpeed.gts(downstreamMax.maxSpeed());
        Optional<String> speed = su.isEmpty() || sd.isEmpty() ? Optional.empty()
                : su.getAsDouble() <= sd.getAsDouble() ? upstreamMax.maxSpeed() : downstreamMax.maxSpeed();
        OptionalInt wu = upstreamMax.maxWidth();
        OptionalInt wd = downstreamMax.maxWidth();
        OptionalInt width = wu.isEmpty() || wd.isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(Math.min(wu.getAsInt(), wd.getAsInt()));
        return new LinkStatus(Optional.empty(), OptionalInt.empty(), speed, width);
    }

    /** Usable bandwidth now, Gbit/s per direction; empty when not known. */
    public OptionalDouble gbps() {
        return LinkSpeed.gbps(LinkSpeed.gts(current.currentSpeed()), current.currentWidth());
    }

    /**
     * Whether {@code now} is below what both ends support: no when it reaches either known maximum (the lower
     * one can be no higher), yes when it is below both and both are known, else unknown.
     */
    private static Optional<Boolean> below(OptionalDouble now, OptionalDouble upMax, OptionalDouble downMax) {
        if (now.isEmpty()) {
            return Optional.empty();
        }
        double v = now.getAsDouble();
        if (upMax.isPresent() && v >= upMax.getAsDouble() || downMax.isPresent() && v >= downMax.getAsDouble()) {
            return Optional.of(false);
        }
        return upMax.isPresent() && downMax.isPresent() ? Optional.of(true) : Optional.empty();
    }

    private static boolean less(OptionalDouble a, OptionalDouble b) {
        return a.isPresent() && b.isPresent() && a.getAsDouble() < b.getAsDouble();
    }

    private static OptionalDouble asDouble(OptionalInt v) {
        return v.isPresent() ? OptionalDouble.of(v.getAsInt()) : OptionalDouble.empty();
    }
}

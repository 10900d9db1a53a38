package org.vfioinspector.core.health;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;

/**
 * One function's health as read at one moment, the sample that verification compares before and after a
 * reset and that the views show. Everything that could not be read is empty: unknown, never fine.
 *
 * @param present        the function's folder exists (it was not removed)
 * @param vendor         the vendor id; from {@code config} when {@code idsLive}, else the cached attribute
 * @param device         the device id, likewise
 * @param idsLive        read from the device's config space now, not from what the kernel cached at enumeration
 * @param powerState     sysfs {@code power_state} ({@code D0}, {@code D3hot}, {@code D3cold}, {@code unknown}, …)
 * @param link           the link as the function reports it now
 * @param aer            its AER totals
 * @param rootPortTotals for a root port: {@code aer_rootport_total_err_*}, the errors reported to it from below
 * @param driver         the bound driver's name, empty when none is bound (or the link is unreadable)
 */
public record FunctionHealth(PciAddress address, boolean present, OptionalInt vendor, OptionalInt device,
                             boolean idsLive, Optional<String> powerState, LinkStatus link, AerCounters aer,
                             AerCounters rootPortTotals, Optional<String> driver) {

    /** What a function that does not answer reads as: a master abort returns all ones. */
    public static final int NO_ANSWER = 0xffff;

    public FunctionHealth {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(powerState, "powerState");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(aer, "aer");
        Objects.requireNonNull(rootPortTotals, "rootPortTotals");
        Objects.requireNonNull(driver, "driver");
    }

    /** True when the ids could be read at all. */
    public boolean idsKnown() {
        return vendor.isPresent() && device.isPresent();
    }

    /** True when config space answered with a real vendor id (not all ones). Unknown ids are not an answer. */
    public boolean answers() {
        return present && idsLive && vendor.isPresent() && vendor.getAsInt() != NO_ANSWER;
    }

    /** {@code vvvv:dddd}, or empty when unknown. */
    public Optional<String> ids() {
        return idsKnown() ? Optional.of(String.format("%04x:%04x", vendor.getAsInt(), device.getAsInt()))
                : Optional.empty();
    }

    /** True when the power state is known and is D0. */
    public boolean inD0() {
        return powerState.filter("D0"::equals).isPresent();
    }

    /** Convenience: one AER total or empty. */
    public static OptionalLong total(AerCounters c, String which) {
        return switch (which) {
            case "correctable" -> c.correctable();
            case "nonfatal" -> c.nonFatal();
            case "fatal" -> c.fatal();
            default -> throw new IllegalArgumentException(which);
        };
    }
}

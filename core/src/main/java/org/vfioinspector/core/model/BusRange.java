package org.vfioinspector.core.model;

import java.util.OptionalInt;

/**
 * The buses behind a bridge ({@code secondary_bus_number}, {@code subordinate_bus_number}, or the
 * config header's); both empty for an endpoint or when unknown.
 */
public record BusRange(OptionalInt secondaryBus, OptionalInt subordinateBus) {

    public static final BusRange NONE = new BusRange(OptionalInt.empty(), OptionalInt.empty());
}

package org.vfioinspector.core.model;

import java.util.Optional;
import java.util.OptionalInt;

/** Where the platform puts a function: its {@code numa_node}, and {@code boot_vga} (the firmware's boot display). */
public record PlatformInfo(OptionalInt numaNode, Optional<Boolean> bootVga) {

    public static final PlatformInfo UNKNOWN = new PlatformInfo(OptionalInt.empty(), Optional.empty());
}

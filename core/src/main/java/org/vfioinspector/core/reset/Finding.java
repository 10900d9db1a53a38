package org.vfioinspector.core.reset;

import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * A blocker or warning about a reset: a stable code (for scripts and tests), the function it
 * concerns when there is one, and a sentence a person understands.
 */
public record Finding(String code, Optional<PciAddress> device, String message) {

    public static Finding of(String code, PciAddress device, String message) {
        return new Finding(code, Optional.ofNullable(device), message);
    }
}

package org.vfioinspector.app.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * What the document records do with a value read from JSON: a missing text or list is empty, a missing
 * optional is empty, and an address must be one ({@link PciAddress#parse}), else the document is not read.
 */
final class Wire {

    private Wire() {
    }

    static String text(String s) {
        return s == null ? "" : s;
    }

    static <T> List<T> list(List<T> values) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a list holds null");
        }
        return List.copyOf(values);
    }

    static <T> Optional<T> optional(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    /** The address as written (the CLI echoes {@code 03:00.0} as typed where it has not parsed it yet). */
    static String address(String a) {
        PciAddress.parse(a);
        return a;
    }

    static List<String> addresses(List<String> as) {
        return list(as).stream().map(Wire::address).toList();
    }

    static List<String> strings(List<PciAddress> as) {
        return as.stream().map(PciAddress::toString).toList();
    }

    static List<PciAddress> parsed(List<String> as) {
        return as.stream().map(PciAddress::parse).toList();
    }

    /** {@code ROLLED_BACK} as the contract writes it: {@code rolled-back}. */
    static String word(Enum<?> e) {
        return e.name().toLowerCase().replace('_', '-');
    }
}

package org.vfioinspector.core.reset;

import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/**
 * The function-reset methods the kernel has for a function, in the order it tries them.
 *
 * <p>Minimal body: only what {@code reset_method} shows. The inference for kernels without that
 * attribute is written elsewhere and replaces this body; the API is the shared contract.
 *
 * @param methods      the methods in the kernel's order; an empty list = reset disabled; empty Optional = unknown
 * @param source       where they come from
 * @param explanation  one sentence on how they were found (or why they cannot be known)
 */
public record KernelResetMethods(Optional<List<String>> methods, Source source, String explanation) {

    /** Where the methods come from. */
    public enum Source { SYSFS, INFERRED, UNKNOWN }

    public KernelResetMethods {
        methods = methods.map(List::copyOf);
    }

    public static KernelResetMethods of(PciDevice d, Topology t) {
        if (d.resetMethods().isPresent()) {
            return new KernelResetMethods(d.resetMethods(), Source.SYSFS, "Read from reset_method.");
        }
        return new KernelResetMethods(Optional.empty(), Source.UNKNOWN, "reset_method is absent (kernel before 5.15): "
                + "which reset methods the kernel found cannot be read.");
    }
}

package org.vfioinspector.app.report;

import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;

/**
 * Everything said about one PCI function, made once by {@link FunctionDescriber} and written by
 * {@code show} ({@link ShowText}), the window's details panel and the graph's tooltip
 * ({@link TooltipText}), so that they cannot tell different stories.
 *
 * @param heading  the address and what the function is, e.g. "0000:04:00.0  NVIDIA … [GeForce …]"
 * @param sections the facts, section by section; the first is the identity
 */
public record FunctionDescription(PciAddress address, String heading, List<DetailSection> sections) {

    public FunctionDescription {
        sections = List.copyOf(sections);
    }

    /** The first row with this key, in any section. */
    public Optional<DetailRow> row(String key) {
        return sections.stream().flatMap(s -> s.rows().stream()).filter(r -> r.key().equals(key)).findFirst();
    }
}

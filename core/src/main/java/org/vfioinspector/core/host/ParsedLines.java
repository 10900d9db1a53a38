package org.vfioinspector.core.host;

import java.util.List;

/**
 * What a line-oriented parser of a {@code /proc} table found.
 *
 * @param entries the well-formed lines, in file order
 * @param skipped how many non-empty lines were malformed and left out (headers are not counted)
 */
public record ParsedLines<T>(List<T> entries, int skipped) {

    public ParsedLines {
        entries = List.copyOf(entries);
        if (skipped < 0) {
            throw new IllegalArgumentException("skipped must not be negative, was " + skipped);
        }
    }
}

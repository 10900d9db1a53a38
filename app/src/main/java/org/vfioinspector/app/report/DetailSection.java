package org.vfioinspector.app.report;

import java.util.List;

/** A titled block of the details panel. */
public record DetailSection(String title, List<DetailRow> rows) {

    public DetailSection {
        rows = List.copyOf(rows);
    }
}

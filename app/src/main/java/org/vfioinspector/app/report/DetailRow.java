package org.vfioinspector.app.report;

/** One fact in the details panel; {@code hint} explains it in a tooltip (may be empty). */
public record DetailRow(String key, String value, String hint) {

    public static DetailRow of(String key, String value) {
        return new DetailRow(key, value, "");
    }
}

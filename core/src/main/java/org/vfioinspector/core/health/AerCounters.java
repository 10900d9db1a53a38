package org.vfioinspector.core.health;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A function's AER error totals as the kernel counts them since boot: the {@code TOTAL_ERR_*} lines of
 * sysfs {@code aer_dev_correctable}, {@code aer_dev_nonfatal} and {@code aer_dev_fatal}
 * (drivers/pci/pcie/aer.c). A total is empty when the kernel does not expose it (no AER capability, AER
 * owned by the firmware, an old kernel, or a snapshot without the file): unknown, never zero.
 */
public record AerCounters(OptionalLong correctable, OptionalLong nonFatal, OptionalLong fatal) {

    public static final AerCounters UNKNOWN = new AerCounters(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty());

    /** The line of each {@code aer_dev_*} file that holds its total. */
    static final String TOTAL_COR = "TOTAL_ERR_COR";
    static final String TOTAL_NONFATAL = "TOTAL_ERR_NONFATAL";
    static final String TOTAL_FATAL = "TOTAL_ERR_FATAL";

    /** True when at least one total could be read. */
    public boolean known() {
        return correctable.isPresent() || nonFatal.isPresent() || fatal.isPresent();
    }

    /**
     * How much each total grew from {@code before} to this; a total missing on either side is empty. A total
     * that went down (the counters cannot, short of the function being removed and added again) is reported
     * as it is, negative, so a caller can say so.
     */
    public AerCounters increaseSince(AerCounters before) {
        return new AerCounters(minus(correctable, before.correctable), minus(nonFatal, before.nonFatal),
                minus(fatal, before.fatal));
    }

    /** True when any known total is above zero (for an increase: new errors). */
    public boolean anyAboveZero() {
        return above(correctable) || above(nonFatal) || above(fatal);
    }

    /** {@code "correctable 0, non-fatal 0, fatal 0"}, {@code ?} for an unknown total, or {@code "unknown"}. */
    public String describe() {
        if (!known()) {
            return "unknown";
        }
        return "correctable " + text(correctable) + ", non-fatal " + text(nonFatal) + ", fatal " + text(fatal);
    }

    /**
     * The total of one {@code aer_dev_*} file: the number on its {@code key} line ({@link #TOTAL_COR} and so
     * on). Empty when the line is missing or is not a non-negative number.
     */
    static OptionalLong parseTotal(Optional<String> text, String key) {
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        for (String line : text.get().split("\n", 256)) {
            String t = line.strip();
            if (t.startsWith(key) && t.length() > key.length() && Character.isWhitespace(t.charAt(key.length()))) {
                return parseCount(t.substring(key.length()));
            }
        }
        return OptionalLong.empty();
    }

    /** A non-negative decimal count such as sysfs {@code aer_rootport_total_err_cor}; anything else is empty. */
    static OptionalLong parseCount(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 19) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(t));
    }

    private static OptionalLong minus(OptionalLong after, OptionalLong before) {
        return after.isPresent() && before.isPresent() ? OptionalLong.of(after.getAsLong() - before.getAsLong())
                : OptionalLong.empty();
    }

    private static boolean above(OptionalLong v) {
        return v.isPresent() && v.getAsLong() > 0;
    }

    private static String text(OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : "?";
    }
}

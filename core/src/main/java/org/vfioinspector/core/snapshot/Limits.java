package org.vfioinspector.core.snapshot;

/**
 * Bounds on what unpacking a snapshot may create, so that a hostile or broken archive cannot fill
 * the disk or exhaust memory. A real snapshot is a few thousand small files.
 *
 * @param maxEntries    most archive entries (files, directories and links together)
 * @param maxFileBytes  largest single file, checked against the tar header before any byte is read
 * @param maxTotalBytes most bytes of file content in the whole archive
 */
public record Limits(int maxEntries, long maxFileBytes, long maxTotalBytes) {

    /** 200,000 entries, 1 MiB per file, 512 MiB in total. */
    public static final Limits DEFAULT = new Limits(200_000, 1L << 20, 512L << 20);

    public Limits {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
        }
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive, was " + maxFileBytes);
        }
        if (maxTotalBytes < maxFileBytes) {
            throw new IllegalArgumentException("maxTotalBytes (" + maxTotalBytes
                    + ") must be at least maxFileBytes (" + maxFileBytes + ")");
        }
    }

    /** The same limits with a different entry count. */
    public Limits withMaxEntries(int entries) {
        return new Limits(entries, maxFileBytes, maxTotalBytes);
    }

    /** Human-readable size for messages: {@code 1 MiB}, {@code 512 MiB}, {@code 10 GiB}, {@code 300 bytes}. */
    static String size(long bytes) {
        if (bytes >= (1L << 30)) {
            return unit(bytes, 1L << 30, "GiB");
        }
        if (bytes >= (1L << 20)) {
            return unit(bytes, 1L << 20, "MiB");
        }
        if (bytes >= (1L << 10)) {
            return unit(bytes, 1L << 10, "KiB");
        }
        return bytes + " bytes";
    }

    private static String unit(long bytes, long unit, String name) {
        if (bytes % unit == 0) {
            return (bytes / unit) + " " + name;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", (double) bytes / unit, name);
    }
}

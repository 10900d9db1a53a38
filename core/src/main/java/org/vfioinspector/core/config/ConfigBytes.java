package org.vfioinspector.core.config;

/**
 * Bounds-checked little-endian reads over a config-space dump. Every read of the parser goes
 * through here, so no offset computed from untrusted pointers can reach past the array.
 *
 * <p>Reads return {@code -1} (or {@code -1L}) when the field is not inside the available bytes;
 * callers check {@link #has} first or treat a negative value as "not available".
 */
final class ConfigBytes {

    private final byte[] bytes;

    ConfigBytes(byte[] bytes) {
        this.bytes = bytes == null ? new byte[0] : bytes;
    }

    int length() {
        return bytes.length;
    }

    /** True when {@code size} bytes starting at {@code offset} are all present. */
    boolean has(int offset, int size) {
        return offset >= 0 && size >= 0 && offset <= bytes.length - size;
    }

    int u8(int offset) {
        return has(offset, 1) ? bytes[offset] & 0xff : -1;
    }

    int u16(int offset) {
        return has(offset, 2) ? (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8 : -1;
    }

    /** An unsigned 32-bit value, or {@code -1L} when not available. */
    long u32(int offset) {
        if (!has(offset, 4)) {
            return -1L;
        }
        return (long) u16(offset) | (long) u16(offset + 2) << 16;
    }
}

package org.vfioinspector.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks the two linked capability lists of a config-space dump. Both lists are chains of pointers
 * read from the device (or from a file someone handed us), so every step is bounded: a visited set
 * catches loops, a maximum entry count caps the work, and each pointer is checked against the dump.
 */
final class CapabilityWalker {

    /** 48 = (0x100 - 0x40) / 4: the most distinct capabilities the standard space can hold. */
    static final int MAX_STANDARD = 48;
    /** More than the kernel's own TTL for this list ((4096 - 256) / 8 = 480). */
    static final int MAX_EXTENDED = 512;

    private static final int FIRST_STANDARD = 0x40;
    private static final int FIRST_EXTENDED = 0x100;

    private CapabilityWalker() {
    }

    /** Walks the standard list whose first pointer is the byte at {@code pointerRegister}. */
    static List<Capability> standard(ConfigBytes b, int pointerRegister, List<String> notes) {
        List<Capability> caps = new ArrayList<>();
        boolean[] visited = new boolean[256];
        int ptr = b.u8(pointerRegister) & 0xfc; // the low two bits are reserved
        while (ptr != 0) {
            if (caps.size() >= MAX_STANDARD) {
                notes.add("capability list has more than " + MAX_STANDARD + " entries; stopped there");
                break;
            }
            if (ptr < FIRST_STANDARD) {
                notes.add(String.format("capability pointer 0x%02x points into the standard header; list stopped", ptr));
                break;
            }
            if (!b.has(ptr, 2)) {
                notes.add(String.format("capability at 0x%02x lies beyond the %d bytes available", ptr, b.length()));
                break;
            }
            if (visited[ptr]) {
                notes.add(String.format("capability list loops back to 0x%02x; stopped there", ptr));
                break;
            }
            visited[ptr] = true;
            int id = b.u8(ptr);
            if (id == 0xff) {
                // What the kernel also treats as the end: all ones is a function that no longer answers.
                notes.add(String.format("capability at 0x%02x reads as ff (function not responding?); stopped", ptr));
                break;
            }
            caps.add(Capability.of(id, ptr));
            ptr = b.u8(ptr + 1) & 0xfc;
        }
        return caps;
    }

    /** Walks the extended list from 0x100; the caller makes sure the dump reaches that far. */
    static List<ExtendedCapability> extended(ConfigBytes b, List<String> notes) {
        List<ExtendedCapability> caps = new ArrayList<>();
        boolean[] visited = new boolean[4096 / 4];
        int ptr = FIRST_EXTENDED;
        while (true) {
            if (caps.size() >= MAX_EXTENDED) {
                notes.add("extended capability list has more than " + MAX_EXTENDED + " entries; stopped there");
                break;
            }
            if (!b.has(ptr, 4)) {
                notes.add(String.format("extended capability at 0x%03x lies beyond the %d bytes available",
                        ptr, b.length()));
                break;
            }
            if (visited[ptr / 4]) {
                notes.add(String.format("extended capability list loops back to 0x%03x; stopped there", ptr));
                break;
            }
            visited[ptr / 4] = true;
            long header = b.u32(ptr);
            if (header == 0) {
                // A zero header at 0x100 is how a function says it has no extended capabilities.
                if (ptr != FIRST_EXTENDED) {
                    notes.add(String.format("extended capability at 0x%03x is empty; list stopped", ptr));
                }
                break;
            }
            if (header == 0xffff_ffffL) {
                notes.add(String.format("extended capability header at 0x%03x reads as ffffffff "
                        + "(function not responding or extended space not accessible); list stopped", ptr));
                break;
            }
            caps.add(ExtendedCapability.of((int) (header & 0xffff), (int) (header >> 16 & 0xf), ptr));
            int next = (int) (header >>> 20) & 0xffc;
            if (next == 0) {
                break;
            }
            if (next < FIRST_EXTENDED) {
                notes.add(String.format("extended capability at 0x%03x points to 0x%03x, below 0x100; list stopped",
                        ptr, next));
                break;
            }
            ptr = next;
        }
        return caps;
    }
}

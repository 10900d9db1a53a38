package org.vfioinspector.core.audit;

import java.util.Optional;

import org.vfioinspector.core.sysfs.HostRoot;

/** The name of the host acted on, for its audit records. */
public final class HostName {

    private HostName() {
    }

    /** {@code proc/sys/kernel/hostname} of the host root, when readable and plain ASCII without spaces. */
    public static Optional<String> of(HostRoot root) {
        return HostRoot.readText(root.resolve("proc/sys/kernel/hostname")).map(String::strip)
                .filter(h -> !h.isEmpty() && h.length() <= 255 && h.chars().allMatch(c -> c > 0x20 && c < 0x7f));
    }
}

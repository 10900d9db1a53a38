package org.vfioinspector.core.host;

/** One mounted filesystem ({@code proc/self/mountinfo} or {@code proc/mounts}). */
public record Mount(String source, String mountPoint, String fsType) {

    public boolean isRoot() {
        return mountPoint.equals("/");
    }
}

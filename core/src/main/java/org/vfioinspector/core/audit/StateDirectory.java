package org.vfioinspector.core.audit;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the bind journal lives: {@code /var/lib/vfio-inspector} for root, else
 * {@code $XDG_STATE_HOME/vfio-inspector}, falling back to {@code ~/.local/state/vfio-inspector} when the
 * variable is unset or not absolute (the XDG base directory rule).
 */
public final class StateDirectory {

    /** The system-wide state directory that root uses. */
    public static final Path SYSTEM = Path.of("/var/lib/vfio-inspector");

    private StateDirectory() {
    }

    /** Pure: the state directory for a process with this privilege and environment. */
    public static Path resolve(boolean root, Optional<String> xdgStateHome, String userHome) {
        if (root) {
            return SYSTEM;
        }
        Path base = xdgStateHome.filter(x -> x.startsWith("/")).map(Path::of)
                .orElse(Path.of(userHome, ".local", "state"));
        return base.resolve("vfio-inspector");
    }

    /** The state directory of this process, from its environment. */
    public static Path current(boolean root) {
        return resolve(root, Optional.ofNullable(System.getenv("XDG_STATE_HOME")), System.getProperty("user.home"));
    }
}

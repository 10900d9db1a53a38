package org.vfioinspector.app.session;

import java.nio.file.Path;
import java.util.Objects;

/** What to inspect: this machine, a directory or snapshot, or the demo. */
public record HostSource(Session.Source kind, Path path) {

    public HostSource {
        Objects.requireNonNull(kind, "kind");
        if (kind == Session.Source.PATH && path == null) {
            throw new IllegalArgumentException("a PATH source needs a path");
        }
        if (kind != Session.Source.PATH) {
            path = null;
        }
    }

    public static final HostSource LIVE = new HostSource(Session.Source.LIVE, null);
    public static final HostSource DEMO = new HostSource(Session.Source.DEMO, null);

    public static HostSource of(Path path) {
        return new HostSource(Session.Source.PATH, path);
    }

    /** What the launcher was given: {@code --demo}, {@code --root X}, or nothing. */
    public static HostSource fromArguments(boolean demo, Path root) {
        return demo ? DEMO : root != null ? of(root) : LIVE;
    }

    /** "this host", "demo topology", or the path. */
    public String describe() {
        return switch (kind) {
            case LIVE -> "this host";
            case DEMO -> "demo topology";
            case PATH -> path.toString();
        };
    }
}

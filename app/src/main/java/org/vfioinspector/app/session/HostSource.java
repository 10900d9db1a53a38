package org.vfioinspector.app.session;

import java.nio.file.Path;
import java.util.Objects;

import org.vfioinspector.app.report.ToolVersion;
import org.vfioinspector.core.remote.RemoteHost;
import org.vfioinspector.core.remote.RemoteOptions;

/**
 * What to inspect: this machine, a directory or snapshot, the demo, or a remote host over ssh.
 *
 * @param kind    where the data comes from
 * @param path    the directory or snapshot of a {@link Session.Source#PATH}; null otherwise
 * @param host    the host of a {@link Session.Source#REMOTE}; null otherwise
 * @param options how a {@link Session.Source#REMOTE} is captured; null otherwise
 */
public record HostSource(Session.Source kind, Path path, RemoteHost host, RemoteOptions options) {

    /** A Java system property naming the ssh command when {@code VFIO_INSPECTOR_SSH} is not set (for tests). */
    public static final String SSH_PROPERTY = "vfio.inspector.ssh";
    /** A Java system property naming the directory the remote capture reads instead of {@code /} (for tests). */
    public static final String CAPTURE_ROOT_PROPERTY = "vfio.inspector.remote.root";

    public HostSource {
        Objects.requireNonNull(kind, "kind");
        if (kind == Session.Source.PATH && path == null) {
            throw new IllegalArgumentException("a PATH source needs a path");
        }
        if (kind == Session.Source.REMOTE && (host == null || options == null)) {
            throw new IllegalArgumentException("a REMOTE source needs a host and options");
        }
        if (kind != Session.Source.PATH) {
            path = null;
        }
        if (kind != Session.Source.REMOTE) {
            host = null;
            options = null;
        }
    }

    public HostSource(Session.Source kind, Path path) {
        this(kind, path, null, null);
    }

    public static final HostSource LIVE = new HostSource(Session.Source.LIVE, null);
    public static final HostSource DEMO = new HostSource(Session.Source.DEMO, null);

    public static HostSource of(Path path) {
        return new HostSource(Session.Source.PATH, path);
    }

    /** A remote host, with the default timeout and the user's ssh ({@code VFIO_INSPECTOR_SSH}, or {@code ssh}). */
    public static HostSource remote(RemoteHost host, boolean sudo) {
        return remote(host, sudo, RemoteOptions.DEFAULT_TIMEOUT);
    }

    /** As {@link #remote(RemoteHost, boolean)} with a timeout for the whole capture. */
    public static HostSource remote(RemoteHost host, boolean sudo, java.time.Duration timeout) {
        RemoteOptions o = RemoteOptions.of(sudo, timeout, ToolVersion.VERSION);
        String ssh = System.getProperty(SSH_PROPERTY);
        if (System.getenv(org.vfioinspector.core.remote.SshCommand.ENV) == null && ssh != null && !ssh.isBlank()) {
            o = o.withSsh(org.vfioinspector.core.remote.SshCommand.split(ssh));
        }
        String root = System.getProperty(CAPTURE_ROOT_PROPERTY);
        if (root != null && !root.isBlank()) {
            o = o.withCaptureRoot(root);
        }
        return remote(host, o);
    }

    /** A remote host captured exactly as {@code options} say. */
    public static HostSource remote(RemoteHost host, RemoteOptions options) {
        return new HostSource(Session.Source.REMOTE, null, host, options);
    }

    /** What the launcher was given: {@code --demo}, {@code --root X}, or nothing. */
    public static HostSource fromArguments(boolean demo, Path root) {
        return demo ? DEMO : root != null ? of(root) : LIVE;
    }

    /** "this host", "demo topology", the path, or "host H over ssh". */
    public String describe() {
        return switch (kind) {
            case LIVE -> "this host";
            case DEMO -> "demo topology";
            case PATH -> path.toString();
            case REMOTE -> org.vfioinspector.core.remote.RemoteSnapshot.describe(host, options.sudo());
        };
    }
}

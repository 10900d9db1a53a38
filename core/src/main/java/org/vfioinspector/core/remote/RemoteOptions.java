package org.vfioinspector.core.remote;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to capture a remote host.
 *
 * @param sudo        run the capture through {@code sudo -n} (full config space and the VFIO holders); without
 *                    it, what the remote user cannot read stays unknown
 * @param timeout     for the whole capture (connecting, reading, sending)
 * @param ssh         the ssh program and its own arguments ({@link SshCommand#fromEnvironment})
 * @param captureRoot the directory on the remote host laid out like {@code /} to read ({@code /} but in tests)
 * @param toolVersion recorded in the snapshot's description file
 */
public record RemoteOptions(boolean sudo, Duration timeout, List<String> ssh, String captureRoot, String toolVersion) {

    /** The default timeout for a whole capture. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public RemoteOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(toolVersion, "toolVersion");
        ssh = List.copyOf(ssh);
        if (ssh.isEmpty()) {
            throw new IllegalArgumentException("no ssh command");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        if (!captureRoot.startsWith("/") || captureRoot.contains("\n") || captureRoot.contains("\0")) {
            throw new IllegalArgumentException("the capture root must be an absolute path: " + captureRoot);
        }
    }

    /** As the user's environment says ({@value SshCommand#ENV}), {@code /}, the given sudo and timeout. */
    public static RemoteOptions of(boolean sudo, Duration timeout, String toolVersion) {
        return new RemoteOptions(sudo, timeout, SshCommand.fromEnvironment(System.getenv()), "/", toolVersion);
    }

    public RemoteOptions withCaptureRoot(String root) {
        return new RemoteOptions(sudo, timeout, ssh, root, toolVersion);
    }

    public RemoteOptions withSsh(List<String> command) {
        return new RemoteOptions(sudo, timeout, command, captureRoot, toolVersion);
    }
}

package org.vfioinspector.core.remote;

import java.util.Objects;

/** A remote capture failed; the message is one line for the user, the problem says which kind of failure. */
public final class RemoteCaptureException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Problem {
        /** The ssh program could not be started. */
        NO_SSH,
        /** No route, connection refused or timed out, or the name does not resolve. */
        UNREACHABLE,
        /** The server refused every key or method ssh could offer without a prompt. */
        AUTH_REFUSED,
        /** The host key is not known, or it changed. */
        HOST_KEY,
        /** The remote host is not Linux. */
        NOT_LINUX,
        /** The remote host has no /sys (or no PCI bus in it). */
        NO_SYS,
        /** {@code sudo -n} wants a password (or sudo is missing). */
        SUDO,
        /** The capture took longer than the timeout. */
        TIMEOUT,
        /** What the remote host sent is not an acceptable snapshot (refused like an untrusted archive). */
        REFUSED,
        /** The remote side or ssh failed otherwise. */
        FAILED,
        /** A local file could not be written. */
        LOCAL_IO
    }

    private final Problem problem;

    public RemoteCaptureException(Problem problem, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public RemoteCaptureException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }
}

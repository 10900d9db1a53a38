package org.vfioinspector.core.vfio;

/**
 * Who this process runs as, for the "not root" check before any VFIO work (the group nodes are
 * root-only unless an administrator changed their owner).
 */
public final class ProcessIdentity {

    private ProcessIdentity() {
    }

    /** {@code geteuid()}. */
    public static int effectiveUid() {
        return Libc.INSTANCE.geteuid();
    }

    /** {@code getuid()}: the real user id (the audit log records it beside who asked through sudo or pkexec). */
    public static int realUid() {
        return Libc.INSTANCE.getuid();
    }

    public static boolean isRoot() {
        return effectiveUid() == 0;
    }
}

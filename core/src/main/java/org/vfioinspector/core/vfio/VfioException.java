package org.vfioinspector.core.vfio;

import java.io.IOException;
import java.util.Objects;

/**
 * A VFIO system call failed. Checked (an {@link IOException}) because every kernel answer here is an
 * expected outcome the caller must turn into a sentence: EPERM from {@code VFIO_GROUP_SET_CONTAINER}
 * means "group not viable", EINVAL from {@code VFIO_DEVICE_PCI_HOT_RESET} means "a dependent device is
 * not on vfio-pci or its group was not passed", and so on. The sentences live elsewhere; this class
 * only carries the facts.
 *
 * <p>{@link #errno()} is the Linux errno. {@code EPROTO} is also used when the kernel's answer is one
 * this tool cannot accept (an unexpected API version, an implausible device count).
 */
public final class VfioException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String target;
    private final int errno;
    private final String description;

    /**
     * @param operation the ioctl name as in the header ({@code VFIO_GROUP_SET_CONTAINER}) or {@code open}
     * @param target what it was applied to (a path, a BDF); may be empty
     * @param errno the errno value
     * @param description the C library's text for errno ({@code strerror}) or an explanation
     */
    public VfioException(String operation, String target, int errno, String description) {
        super(format(operation, target, errno, description));
        this.operation = Objects.requireNonNull(operation, "operation");
        this.target = target == null ? "" : target;
        this.errno = errno;
        this.description = description == null ? "" : description;
    }

    private static String format(String operation, String target, int errno, String description) {
        String on = target == null || target.isEmpty() ? "" : " on " + target;
        return operation + on + " failed: " + Errno.name(errno)
                + (description == null || description.isEmpty() ? "" : " (" + description + ")");
    }

    /** The operation: an ioctl name exactly as in {@code <linux/vfio.h>}, or {@code open}. */
    public String operation() {
        return operation;
    }

    /** The path or device name the operation was applied to; empty when not known. */
    public String target() {
        return target;
    }

    public int errno() {
        return errno;
    }

    /** {@code EPERM}, {@code EBUSY}, {@code EINVAL}, …; {@code "errno N"} for numbers not in the table. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** The C library's {@code strerror} text, or the reason for an {@code EPROTO}. */
    public String description() {
        return description;
    }
}

package org.vfioinspector.core.vfio;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A VFIO container ({@code /dev/vfio/vfio}): the IOMMU context groups are attached to.
 *
 * <p>Not thread-safe. {@link #close()} is idempotent; closing groups and devices first is the
 * caller's job (try-with-resources in nesting order does it).
 */
public final class VfioContainer extends FdHandle {

    private VfioContainer(Fd fd) {
        super(fd);
    }

    /**
     * Opens the container and checks that the kernel speaks {@code VFIO_API_VERSION}.
     *
     * @param devVfioVfio the container node under the host root, e.g. {@code hostRoot.resolve("dev/vfio/vfio")}
     * @throws VfioException when open fails (ENOENT: no vfio module; EACCES: not root) or the node is not a
     *         VFIO container (ENOTTY) or speaks another API version (EPROTO); the fd is closed then
     */
    public static VfioContainer open(Path devVfioVfio) throws VfioException {
        return open(devVfioVfio, Syscalls.LIVE);
    }

    static VfioContainer open(Path devVfioVfio, Syscalls sys) throws VfioException {
        Fd fd = Fd.open(sys, Objects.requireNonNull(devVfioVfio, "devVfioVfio"));
        try {
            VfioContainer container = new VfioContainer(fd);
            int version = container.getApiVersion();
            if (version != Vfio.VFIO_API_VERSION) {
                throw new VfioException("VFIO_GET_API_VERSION", fd.target(), Errno.EPROTO,
                        "the kernel speaks VFIO API version " + version + ", this tool speaks "
                                + Vfio.VFIO_API_VERSION);
            }
            return container;
        } catch (VfioException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /** {@code VFIO_GET_API_VERSION}; {@code VFIO_API_VERSION} (0) on every kernel so far. */
    public int getApiVersion() throws VfioException {
        return fd.ioctl("VFIO_GET_API_VERSION", Vfio.VFIO_GET_API_VERSION, 0L);
    }

    /**
     * {@code VFIO_CHECK_EXTENSION}: whether an IOMMU model such as {@code VFIO_TYPE1v2_IOMMU} is
     * available (the kernel answers a positive number when it is).
     */
    public boolean checkExtension(int extension) throws VfioException {
        return fd.ioctl("VFIO_CHECK_EXTENSION", Vfio.VFIO_CHECK_EXTENSION, extension) > 0;
    }

    /** {@code VFIO_SET_IOMMU}: choose the IOMMU model; needs at least one group attached (else EINVAL). */
    public void setIommu(int type) throws VfioException {
        fd.ioctl("VFIO_SET_IOMMU", Vfio.VFIO_SET_IOMMU, type);
    }
}

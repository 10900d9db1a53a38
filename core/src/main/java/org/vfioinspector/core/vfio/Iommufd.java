package org.vfioinspector.core.vfio;

import java.nio.file.Path;

import org.vfioinspector.core.vfio.VfioStructs.iommu_ioas_alloc;

/**
 * One iommufd context: an open {@code /dev/iommu} (Linux 6.2+, {@code CONFIG_IOMMUFD}). Device cdevs bound to it
 * ({@link VfioDevice#bindIommufd(Iommufd)}) are owned by it, which is what {@code VFIO_DEVICE_PCI_HOT_RESET} checks
 * on the cdev path. All its objects (devices, IOAS) share one id space. Closing it destroys them.
 */
public final class Iommufd extends FdHandle {

    private Iommufd(Fd fd) {
        super(fd);
    }

    static Iommufd open(Path devIommu, Syscalls sys) throws VfioException {
        return new Iommufd(Fd.open(sys, devIommu));
    }

    /** {@code IOMMU_IOAS_ALLOC}: a new I/O address space; returns its id. */
    public int ioasAlloc() throws VfioException {
        iommu_ioas_alloc req = new iommu_ioas_alloc();
        req.write();
        fd.ioctl("IOMMU_IOAS_ALLOC", Vfio.IOMMU_IOAS_ALLOC, req.getPointer());
        req.read();
        return req.out_ioas_id;
    }
}

package org.vfioinspector.core.host;

/**
 * What one open file of a process is, as far as VFIO is concerned, judged from the target of its
 * {@code proc/<pid>/fd/<n>} link written as a host path ({@code /dev/vfio/12}) or an anonymous
 * inode name ({@code anon_inode:kvm-vfio}).
 *
 * @param group the group number for {@link Kind#GROUP}, else -1
 * @param cdev  the device cdev name ({@code vfio3}) for {@link Kind#DEVICE_CDEV}, else null
 */
record FdTarget(Kind kind, String path, int group, String cdev) {

    enum Kind {
        /** {@code /dev/vfio/N} (or {@code /dev/vfio/noiommu-N}). */
        GROUP,
        /** {@code /dev/vfio/vfio}. */
        CONTAINER,
        /** {@code /dev/vfio/devices/vfioX}. */
        DEVICE_CDEV,
        /** {@code /dev/iommu}. */
        IOMMUFD,
        /** {@code /dev/kvm}. */
        KVM,
        /** KVM's VFIO pseudo device ({@code anon_inode:kvm-vfio}). */
        KVM_VFIO,
        OTHER
    }

    private static final FdTarget OTHER = new FdTarget(Kind.OTHER, "", -1, null);

    /** True for the files that make a process a VFIO holder (everything below /dev/vfio, and /dev/iommu). */
    boolean isVfio() {
        return kind == Kind.GROUP || kind == Kind.CONTAINER || kind == Kind.DEVICE_CDEV || kind == Kind.IOMMUFD;
    }

    static FdTarget classify(String target) {
        if (target == null) {
            return OTHER;
        }
        if (target.startsWith("anon_inode:")) {
            String name = target.substring("anon_inode:".length());
            // the kernel writes most anonymous inodes bare, a few in brackets ([eventfd])
            if (name.equals("kvm-vfio") || name.equals("[kvm-vfio]")) {
                return new FdTarget(Kind.KVM_VFIO, target, -1, null);
            }
            return OTHER;
        }
        switch (target) {
            case "/dev/vfio/vfio":
                return new FdTarget(Kind.CONTAINER, target, -1, null);
            case "/dev/iommu":
                return new FdTarget(Kind.IOMMUFD, target, -1, null);
            case "/dev/kvm":
                return new FdTarget(Kind.KVM, target, -1, null);
            default:
                break;
        }
        if (target.startsWith("/dev/vfio/devices/")) {
            String name = target.substring("/dev/vfio/devices/".length());
            return isCdevName(name) ? new FdTarget(Kind.DEVICE_CDEV, target, -1, name) : OTHER;
        }
        if (target.startsWith("/dev/vfio/")) {
            String name = target.substring("/dev/vfio/".length());
            // no-IOMMU mode (enable_unsafe_noiommu_mode) names the group node noiommu-N
            String digits = name.startsWith("noiommu-") ? name.substring("noiommu-".length()) : name;
            int n = smallNumber(digits);
            return n < 0 ? OTHER : new FdTarget(Kind.GROUP, target, n, null);
        }
        return OTHER;
    }

    /** {@code vfio3} or, in no-IOMMU mode, {@code noiommu-vfio3}. */
    private static boolean isCdevName(String name) {
        String n = name.startsWith("noiommu-") ? name.substring("noiommu-".length()) : name;
        return n.startsWith("vfio") && smallNumber(n.substring(4)) >= 0;
    }

    /** A decimal of 1..9 ASCII digits, else -1. */
    private static int smallNumber(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Integer.parseInt(s);
    }
}

package org.vfioinspector.core.vfio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.vfio.VfioErrors.Hints;

/** Each errno gets the sentence of the step it came from. */
class VfioErrorsTest {

    private static VfioException e(String op, String target, int errno) {
        return new VfioException(op, target, errno, "strerror");
    }

    @Test
    void samePermissionErrnoMeansRootOnOpenAndNotViableOnSetContainer() {
        assertThat(VfioErrors.explain(e("open", "/dev/vfio/7", Errno.EPERM), Hints.none())).contains("needs root");
        assertThat(VfioErrors.explain(e("VFIO_GROUP_SET_CONTAINER", "/dev/vfio/7", Errno.EPERM),
                Hints.forGroup(7).withHostDrivers(List.of("0000:07:00.1 (e1000e)"))))
                .startsWith("IOMMU group 7 is not viable: 0000:07:00.1 (e1000e) is bound to a host driver");
    }

    @Test
    void missingContainerNodeAsksForTheModule() {
        assertThat(VfioErrors.explain(e("open", "/dev/vfio/vfio", Errno.ENOENT), Hints.none()))
                .contains("modprobe vfio-pci");
        assertThat(VfioErrors.explain(e("open", "/dev/vfio/vfio", Errno.EACCES), Hints.none())).contains("root");
    }

    @Test
    void busyGroupNamesItsHolderOrSaysWhyItCannot() {
        Holder qemu = new Holder(77, "qemu-system-x86", "qemu", List.of("/dev/vfio/3"), false, false);
        VfioException busy = e("open", "/dev/vfio/3", Errno.EBUSY);
        assertThat(VfioErrors.explain(busy, Hints.forGroup(3).withHolders(List.of(qemu), true)))
                .contains("IOMMU group 3 is already open in another process (qemu-system-x86 (pid 77))");
        assertThat(VfioErrors.explain(busy, Hints.none().withHolders(List.of(), false)))
                .contains("IOMMU group 3").contains("run as root to see which process");
    }

    @Test
    void hotResetErrnosEachHaveTheirOwnSentence() {
        String einval = VfioErrors.explain(e("VFIO_DEVICE_PCI_HOT_RESET", "0000:01:00.0", Errno.EINVAL), Hints.none());
        String enotty = VfioErrors.explain(e("VFIO_DEVICE_PCI_HOT_RESET", "0000:01:00.0", Errno.ENOTTY), Hints.none());
        String eagain = VfioErrors.explain(e("VFIO_DEVICE_PCI_HOT_RESET", "0000:01:00.0", Errno.EAGAIN), Hints.none());
        String ebadf = VfioErrors.explain(e("VFIO_DEVICE_PCI_HOT_RESET", "0000:01:00.0", Errno.EBADF), Hints.none());
        assertThat(einval).contains("not bound to vfio-pci").contains("group was not passed");
        assertThat(enotty).contains("link did not come back");
        assertThat(eagain).contains("retry");
        assertThat(ebadf).contains("EBADF");
        assertThat(List.of(einval, enotty, eagain, ebadf)).doesNotHaveDuplicates();
    }

    @Test
    void infoErrnosExplainNoResetAndChangingTopology() {
        assertThat(VfioErrors.explain(e("VFIO_DEVICE_GET_PCI_HOT_RESET_INFO", "0000:00:1f.0", Errno.ENODEV),
                Hints.forDevice("0000:00:1f.0"))).contains("no slot or bus reset for 0000:00:1f.0");
        assertThat(VfioErrors.explain(e("VFIO_DEVICE_GET_PCI_HOT_RESET_INFO", "x", Errno.EAGAIN), Hints.none()))
                .contains("topology changed");
        assertThat(VfioErrors.explain(e("VFIO_DEVICE_GET_PCI_HOT_RESET_INFO", "x", Errno.ENOSPC), Hints.none()))
                .contains("kept growing");
    }

    @Test
    void unknownErrnoFallsBackToTheCallAndItsErrnoName() {
        assertThat(VfioErrors.explain(e("VFIO_DEVICE_GET_INFO", "0000:01:00.0", Errno.EIO), Hints.none()))
                .isEqualTo("VFIO_DEVICE_GET_INFO on 0000:01:00.0 failed: EIO (strerror).");
    }
}

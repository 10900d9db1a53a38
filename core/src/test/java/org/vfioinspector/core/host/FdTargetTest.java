package org.vfioinspector.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FdTargetTest {

    @Test
    void groupNodesCarryTheirNumber() {
        assertThat(FdTarget.classify("/dev/vfio/12")).extracting(FdTarget::kind, FdTarget::group)
                .containsExactly(FdTarget.Kind.GROUP, 12);
        assertThat(FdTarget.classify("/dev/vfio/noiommu-3").group()).isEqualTo(3);
    }

    @Test
    void containerCdevIommufdAndKvmAreRecognised() {
        assertThat(FdTarget.classify("/dev/vfio/vfio").kind()).isEqualTo(FdTarget.Kind.CONTAINER);
        assertThat(FdTarget.classify("/dev/vfio/devices/vfio3")).extracting(FdTarget::kind, FdTarget::cdev)
                .containsExactly(FdTarget.Kind.DEVICE_CDEV, "vfio3");
        assertThat(FdTarget.classify("/dev/iommu").kind()).isEqualTo(FdTarget.Kind.IOMMUFD);
        assertThat(FdTarget.classify("/dev/kvm").kind()).isEqualTo(FdTarget.Kind.KVM);
        assertThat(FdTarget.classify("anon_inode:kvm-vfio").kind()).isEqualTo(FdTarget.Kind.KVM_VFIO);
        assertThat(FdTarget.classify("anon_inode:[kvm-vfio]").kind()).isEqualTo(FdTarget.Kind.KVM_VFIO);
    }

    @Test
    void lookalikesAreNotVfio() {
        assertThat(FdTarget.classify("/dev/vfio/12x").isVfio()).isFalse();
        assertThat(FdTarget.classify("/dev/vfio/").isVfio()).isFalse();
        assertThat(FdTarget.classify("/dev/vfio/devices/nvme0").isVfio()).isFalse();
        assertThat(FdTarget.classify("/dev/vfio/99999999999").isVfio()).isFalse();
        assertThat(FdTarget.classify("/tmp/dev/vfio/12").isVfio()).isFalse();
        assertThat(FdTarget.classify("anon_inode:kvm-vm").kind()).isEqualTo(FdTarget.Kind.OTHER);
        assertThat(FdTarget.classify("socket:[1234]").kind()).isEqualTo(FdTarget.Kind.OTHER);
    }
}

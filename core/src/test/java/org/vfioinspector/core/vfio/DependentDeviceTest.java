package org.vfioinspector.core.vfio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.vfio.DependentDevice.Ownership;

class DependentDeviceTest {

    @Test
    void devfnSplitsIntoDeviceAndFunction() {
        DependentDevice d = new DependentDevice(7, 0x0001, 0x3a, (0x1c << 3) | 5, false, Ownership.PROVEN_BY_GROUP_FD);

        assertThat(d.address()).isEqualTo(new PciAddress(1, 0x3a, 0x1c, 5));
        assertThat(d.toString()).isEqualTo("0001:3a:1c.5 group 7");
    }

    @Test
    void inGroupKeepsTheAddress() {
        PciAddress a = PciAddress.parse("0000:09:02.0");

        DependentDevice d = DependentDevice.inGroup(11, a);

        assertThat(d.address()).isEqualTo(a);
        assertThat(d.devfn()).isEqualTo(0x10);
        assertThat(d.groupId()).isEqualTo(11);
    }

    @Test
    void outOfRangeFieldsAreRejected() {
        assertThatThrownBy(() -> new DependentDevice(1, 0x10000, 0, 0, false, Ownership.PROVEN_BY_GROUP_FD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segment");
        assertThatThrownBy(() -> new DependentDevice(1, 0, 256, 0, false, Ownership.PROVEN_BY_GROUP_FD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bus");
        assertThatThrownBy(() -> new DependentDevice(1, 0, 0, -1, false, Ownership.PROVEN_BY_GROUP_FD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("devfn");
    }

    @Test
    void ownershipMustAgreeWithTheReportingMode() {
        assertThatThrownBy(() -> new DependentDevice(4, 0, 1, 0, false, Ownership.OWNED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DependentDevice(-1, 0, 1, 0, true, Ownership.OPENED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new DependentDevice(-1, 0, 1, 0, true, Ownership.NOT_OWNED).ownership())
                .isEqualTo(Ownership.NOT_OWNED);
    }

    @Test
    void groupStatusAndDeviceInfoReadTheirFlagBits() {
        assertThat(GroupStatus.fromFlags(0x1)).isEqualTo(new GroupStatus(true, false));
        assertThat(GroupStatus.fromFlags(0x3)).isEqualTo(new GroupStatus(true, true));
        assertThat(GroupStatus.fromFlags(0x0)).isEqualTo(new GroupStatus(false, false));
        assertThat(new DeviceInfo(0x3, 9, 5).canReset()).isTrue();
        assertThat(new DeviceInfo(0x2, 9, 5).canReset()).isFalse();
        assertThat(new DeviceInfo(0x2, 9, 5).isPci()).isTrue();
    }
}

package org.vfioinspector.core.vfio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.vfio.DependentDevice.Ownership;

class HotResetCodecTest {

    @Test
    void sizeForIsTheHeaderPlusEightBytesPerDependent() {
        assertThat(HotResetInfoCodec.sizeFor(0)).isEqualTo(12);
        assertThat(HotResetInfoCodec.sizeFor(1)).isEqualTo(20);
        assertThat(HotResetInfoCodec.sizeFor(3)).isEqualTo(36);
        assertThatThrownBy(() -> HotResetInfoCodec.sizeFor(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HotResetInfoCodec.sizeFor(HotResetInfoCodec.MAX_COUNT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestCarriesItsOwnSizeAsArgsz() {
        Memory buf = HotResetInfoCodec.request(2);
        assertThat(buf.size()).isEqualTo(28);
        assertThat(buf.getInt(0)).isEqualTo(28);
        assertThat(buf.getInt(4)).isZero();
        assertThat(buf.getInt(8)).isZero();
    }

    /** Bytes laid out by hand at the C offsets, as vfio_pci_fill_devs() would leave them. */
    @Test
    void decodesThreeDependentsWrittenAsTheKernelWould() {
        Memory buf = new Memory(36);
        buf.clear();
        buf.setInt(0, 36);   // argsz
        buf.setInt(4, 0);    // flags: group mode
        buf.setInt(8, 3);    // count
        putDevice(buf, 0, 7, 0x0000, 0x07, 0x00);          // 0000:07:00.0
        putDevice(buf, 1, 7, 0x0000, 0x07, 0x01);          // 0000:07:00.1
        putDevice(buf, 2, 12, 0xffff, 0xfe, (0x1f << 3) | 7); // ffff:fe:1f.7, bytes above 0x7f

        HotResetInfo info = HotResetInfoCodec.decode(buf);

        assertThat(info.flags()).isZero();
        assertThat(info.devIdMode()).isFalse();
        assertThat(info.devices()).extracting(DependentDevice::address).containsExactly(
                PciAddress.parse("0000:07:00.0"), PciAddress.parse("0000:07:00.1"), PciAddress.parse("ffff:fe:1f.7"));
        assertThat(info.devices()).extracting(DependentDevice::groupId).containsExactly(7, 7, 12);
        assertThat(info.devices()).extracting(DependentDevice::ownership).containsOnly(Ownership.PROVEN_BY_GROUP_FD);
    }

    @Test
    void devIdRepliesMapDevidValuesToOwnership() {
        Memory buf = new Memory(36);
        buf.clear();
        buf.setInt(0, 36);
        buf.setInt(4, Vfio.VFIO_PCI_HOT_RESET_FLAG_DEV_ID);
        buf.setInt(8, 3);
        putDevice(buf, 0, 5, 0, 3, 0);
        putDevice(buf, 1, Vfio.VFIO_PCI_DEVID_OWNED, 0, 3, 1);
        putDevice(buf, 2, Vfio.VFIO_PCI_DEVID_NOT_OWNED, 0, 3, 2);

        HotResetInfo info = HotResetInfoCodec.decode(buf);

        assertThat(info.devIdMode()).isTrue();
        assertThat(info.devices()).extracting(DependentDevice::ownership)
                .containsExactly(Ownership.OPENED, Ownership.OWNED, Ownership.NOT_OWNED);
        assertThat(info.devices()).extracting(DependentDevice::devId).containsExactly(5, 0, -1);
        assertThat(info.devices()).allMatch(DependentDevice::devIdMode);
    }

    @Test
    void encodeThenDecodeGivesTheSameReply() {
        HotResetInfo original = new HotResetInfo(0, List.of(
                DependentDevice.inGroup(3, PciAddress.parse("0000:03:00.0")),
                DependentDevice.inGroup(9, PciAddress.parse("0001:80:02.3"))));

        Memory buf = HotResetInfoCodec.encode(original);

        assertThat(buf.getInt(0)).isEqualTo(HotResetInfoCodec.sizeFor(2));
        assertThat(HotResetInfoCodec.decode(buf)).isEqualTo(original);
    }

    @Test
    void decodeNeverReadsPastArgszWhenCountClaimsMore() {
        Memory buf = new Memory(20);
        buf.clear();
        buf.setInt(0, 20); // room for one dependent
        buf.setInt(8, 3);  // but a count of three
        putDevice(buf, 0, 4, 0, 1, 0);

        assertThat(HotResetInfoCodec.decode(buf).devices()).extracting(DependentDevice::address)
                .containsExactly(PciAddress.parse("0000:01:00.0"));
    }

    @Test
    void enospcReplyCarriesOnlyTheNeededCount() {
        Memory buf = HotResetInfoCodec.request(0);

        HotResetInfoCodec.writeReply(buf, 0, 4, List.of());

        assertThat(HotResetInfoCodec.header(buf).argsz).isEqualTo(12);
        assertThat(HotResetInfoCodec.header(buf).count).isEqualTo(4);
        assertThat(HotResetInfoCodec.decode(buf).devices()).isEmpty();
    }

    @Test
    void hotResetRequestListsGroupFdsAfterTheHeader() {
        Memory buf = HotResetRequestCodec.encode(new int[] {17, 23, 42});

        assertThat(buf.size()).isEqualTo(24);
        assertThat(buf.getInt(0)).as("argsz").isEqualTo(24);
        assertThat(buf.getInt(4)).as("flags").isZero();
        assertThat(buf.getInt(8)).as("count").isEqualTo(3);
        assertThat(buf.getIntArray(12, 3)).containsExactly(17, 23, 42);
        assertThat(HotResetRequestCodec.groupFds(buf)).containsExactly(17, 23, 42);
    }

    @Test
    void emptyHotResetRequestIsJustTheHeader() {
        Memory buf = HotResetRequestCodec.encode(new int[0]);

        assertThat(buf.size()).isEqualTo(12);
        assertThat(buf.getInt(0)).isEqualTo(12);
        assertThat(buf.getInt(8)).isZero();
    }

    private static void putDevice(Memory buf, int index, int groupId, int segment, int bus, int devfn) {
        long at = 12 + 8L * index;
        buf.setInt(at, groupId);
        buf.setShort(at + 4, (short) segment);
        buf.setByte(at + 6, (byte) bus);
        buf.setByte(at + 7, (byte) devfn);
    }
}

package org.vfioinspector.core.vfio;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import org.vfioinspector.core.vfio.VfioStructs.vfio_pci_dependent_device;
import org.vfioinspector.core.vfio.VfioStructs.vfio_pci_hot_reset_info;

/**
 * Buffer layout of {@code struct vfio_pci_hot_reset_info}: a 12-byte header ({@code argsz, flags,
 * count}) followed by {@code count} 8-byte {@code struct vfio_pci_dependent_device}. A plain buffer
 * with computed offsets is simpler than JNA's variable-length Structure arrays, and the offsets come
 * from the Structures the oracle test checks against the header.
 */
final class HotResetInfoCodec {

    static final int HEADER_SIZE = new vfio_pci_hot_reset_info().size();
    static final int DEVICE_SIZE = new vfio_pci_dependent_device().size();

    /** A PCI segment holds at most 256 buses × 256 functions; a larger count is not a real answer. */
    static final int MAX_COUNT = 256 * 256;

    private HotResetInfoCodec() {
    }

    /** {@code argsz} for room for {@code count} dependents: {@code 12 + 8 * count}. */
    static int sizeFor(int count) {
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("dependent device count must be 0.." + MAX_COUNT + ", was "
                    + Integer.toUnsignedString(count));
        }
        return HEADER_SIZE + DEVICE_SIZE * count;
    }

    /** A zeroed request buffer with room for {@code capacity} dependents and {@code argsz} set. */
    static Memory request(int capacity) {
        int size = sizeFor(capacity);
        Memory buf = new Memory(size);
        buf.clear();
        vfio_pci_hot_reset_info header = new vfio_pci_hot_reset_info(buf);
        header.argsz = size;
        header.write();
        return buf;
    }

    /** Reads the header of a request or reply. */
    static vfio_pci_hot_reset_info header(Pointer buf) {
        vfio_pci_hot_reset_info header = new vfio_pci_hot_reset_info(buf);
        header.read();
        return header;
    }

    /**
     * Decodes a reply. Decodes at most as many dependents as {@code argsz} has room for, so a
     * {@code count} larger than the buffer never reads past it; callers compare {@code count} first.
     */
    static HotResetInfo decode(Pointer buf) {
        vfio_pci_hot_reset_info header = header(buf);
        long room = Math.max(0, (Integer.toUnsignedLong(header.argsz) - HEADER_SIZE) / DEVICE_SIZE);
        long n = Math.min(Integer.toUnsignedLong(header.count), room);
        boolean devIdMode = (header.flags & Vfio.VFIO_PCI_HOT_RESET_FLAG_DEV_ID) != 0;
        List<DependentDevice> devices = new ArrayList<>((int) n);
        for (int i = 0; i < n; i++) {
            vfio_pci_dependent_device d = new vfio_pci_dependent_device(buf.share(HEADER_SIZE + (long) DEVICE_SIZE * i));
            d.read();
            devices.add(new DependentDevice(d.group_id, Short.toUnsignedInt(d.segment),
                    Byte.toUnsignedInt(d.bus), Byte.toUnsignedInt(d.devfn), devIdMode,
                    DependentDevice.Ownership.of(devIdMode, d.group_id)));
        }
        return new HotResetInfo(header.flags, devices);
    }

    /**
     * Writes a reply the way the kernel does: {@code flags} and {@code count} in the header
     * ({@code argsz} is the caller's and stays), then the devices. For ENOSPC the kernel writes only
     * the header, with the count it needs: pass no devices.
     */
    static void writeReply(Pointer buf, int flags, int count, List<DependentDevice> devices) {
        vfio_pci_hot_reset_info header = header(buf);
        header.flags = flags;
        header.count = count;
        header.write();
        for (int i = 0; i < devices.size(); i++) {
            DependentDevice dev = devices.get(i);
            vfio_pci_dependent_device d = new vfio_pci_dependent_device(buf.share(HEADER_SIZE + (long) DEVICE_SIZE * i));
            d.group_id = dev.groupId();
            d.segment = (short) dev.segment();
            d.bus = (byte) dev.bus();
            d.devfn = (byte) dev.devfn();
            d.write();
        }
    }

    /** A complete reply buffer for {@code info}, sized exactly; for tests and fixtures. */
    static Memory encode(HotResetInfo info) {
        Memory buf = request(info.devices().size());
        writeReply(buf, info.flags(), info.devices().size(), info.devices());
        return buf;
    }
}

package org.vfioinspector.core.vfio;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.vfioinspector.core.vfio.VfioStructs.vfio_pci_hot_reset;

/**
 * Buffer layout of {@code struct vfio_pci_hot_reset}: a 12-byte header ({@code argsz, flags, count})
 * followed by {@code count} {@code __s32 group_fds}.
 */
final class HotResetRequestCodec {

    static final int HEADER_SIZE = new vfio_pci_hot_reset().size();
    static final int FD_SIZE = Integer.BYTES;

    private HotResetRequestCodec() {
    }

    static int sizeFor(int count) {
        if (count < 0 || count > (Integer.MAX_VALUE - HEADER_SIZE) / FD_SIZE) {
            throw new IllegalArgumentException("group fd count out of range: " + count);
        }
        return HEADER_SIZE + FD_SIZE * count;
    }

    /** The request for a hot reset proving ownership with these group fds; flags are 0. */
    static Memory encode(int[] groupFds) {
        int size = sizeFor(groupFds.length);
        Memory buf = new Memory(size);
        buf.clear();
        vfio_pci_hot_reset header = new vfio_pci_hot_reset(buf);
        header.argsz = size;
        header.flags = 0;
        header.count = groupFds.length;
        header.write();
        buf.write(HEADER_SIZE, groupFds, 0, groupFds.length);
        return buf;
    }

    static vfio_pci_hot_reset header(Pointer buf) {
        vfio_pci_hot_reset header = new vfio_pci_hot_reset(buf);
        header.read();
        return header;
    }

    /** The group fds of a request, never more than {@code argsz} holds; the kernel-side view. */
    static int[] groupFds(Pointer buf) {
        vfio_pci_hot_reset header = header(buf);
        long room = Math.max(0, (Integer.toUnsignedLong(header.argsz) - HEADER_SIZE) / FD_SIZE);
        int n = (int) Math.min(Integer.toUnsignedLong(header.count), room);
        return buf.getIntArray(HEADER_SIZE, n);
    }
}

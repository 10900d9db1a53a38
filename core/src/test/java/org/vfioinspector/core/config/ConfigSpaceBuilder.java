package org.vfioinspector.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Writes realistic PCI config-space bytes for tests and fixture trees (a sysfs {@code config} file).
 *
 * <p>Capabilities are laid out in the order they are first added: standard ones from 0x40 upward,
 * extended ones from 0x100 upward, each list linked by its next pointers; the Status register's
 * capability-list bit is set when there is a standard capability. Adding a capability again replaces
 * its contents but keeps its place. {@link #build(int)} lays out a full 4096-byte image and returns
 * its first {@code length} bytes, so a 256-byte build has no extended capabilities and a 64-byte
 * build only the header, as sysfs would give them. {@link #rawWrite} changes bytes after the layout,
 * to craft corrupt lists.
 *
 * <pre>{@code
 * byte[] rootPort = ConfigSpaceBuilder.endpoint(0x1b36, 0x000c, 0x060400)
 *         .bridge(0, 1, 1)
 *         .pciExpress(PortType.ROOT_PORT, false, true, true, 1, 1, 1, 1)
 *         .aer().acs(0x5f, 0x1d)
 *         .build(4096);
 * }</pre>
 */
public final class ConfigSpaceBuilder {

    private static final int FULL = ConfigSpace.EXTENDED_SIZE;

    private final byte[] image = new byte[FULL];
    private int vendorId;
    private int deviceId;
    private int classCode;
    private int revision;
    private int headerType;
    private boolean multifunction;
    private int command;
    private int subsystemVendor = -1;
    private int subsystemDevice;
    private int primaryBus;
    private int secondaryBus;
    private int subordinateBus;

    private boolean noSoftReset;
    private PortType portType = PortType.ENDPOINT;
    private int pcieVersion = 2;
    private boolean flr;
    private boolean slotImplemented;
    private boolean hotPlugCapable;
    private int physicalSlot;
    private int maxSpeed;
    private int maxWidth;
    private int speed;
    private int width;
    private boolean dllReporting;
    private boolean dllActive;
    private int acsCapability;
    private int acsControl;
    private int[] sriov = new int[5];

    /** Standard capabilities: id → (size, writer taking the capability's offset), in insertion order. */
    private final Map<Integer, Layout> standard = new LinkedHashMap<>();
    private final Map<Integer, Layout> extended = new LinkedHashMap<>();
    private final List<byte[]> rawWrites = new ArrayList<>();
    private final List<Integer> rawOffsets = new ArrayList<>();

    private record Layout(int size, int version, IntConsumer writer) {
    }

    private ConfigSpaceBuilder(int vendorId, int deviceId, int classCode) {
        this.vendorId = vendorId;
        this.deviceId = deviceId;
        this.classCode = classCode;
        this.command = 0x0103; // I/O+ Mem+ SERR+, as an idle endpoint shows it
    }

    /** A function with header type 0. {@code classCode} is 24 bits, e.g. {@code 0x020000} for Ethernet. */
    public static ConfigSpaceBuilder endpoint(int vendorId, int deviceId, int classCode) {
        return new ConfigSpaceBuilder(vendorId, deviceId, classCode);
    }

    /** Makes this a PCI-to-PCI bridge (header type 1, class 0x0604xx) with these bus numbers. */
    public ConfigSpaceBuilder bridge(int primary, int secondary, int subordinate) {
        headerType = 1;
        if (classCode >> 8 != 0x0604) {
            classCode = 0x060400;
        }
        command = 0x0507; // I/O+ Mem+ BusMaster+ SERR+ DisINTx+, as pcieport leaves it
        primaryBus = primary;
        secondaryBus = secondary;
        subordinateBus = subordinate;
        if (subsystemVendor >= 0) {
            addBridgeSubsystem();
        }
        return this;
    }

    /** Makes this a CardBus bridge (header type 2, class 0x060700); its capability pointer is at 0x14. */
    public ConfigSpaceBuilder cardBus() {
        headerType = 2;
        classCode = 0x060700;
        return this;
    }

    public ConfigSpaceBuilder multifunction(boolean value) {
        multifunction = value;
        return this;
    }

    public ConfigSpaceBuilder revision(int value) {
        revision = value;
        return this;
    }

    public ConfigSpaceBuilder command(int value) {
        command = value;
        return this;
    }

    /**
     * Subsystem IDs: at 0x2c/0x2e for a header type 0 function, in a Bridge Subsystem Vendor ID
     * capability (0x0d) for a bridge, where bridges keep them.
     */
    public ConfigSpaceBuilder subsystem(int vendor, int device) {
        subsystemVendor = vendor;
        subsystemDevice = device;
        if (headerType == 1) {
            addBridgeSubsystem();
        }
        return this;
    }

    private void addBridgeSubsystem() {
        standard.put(Capability.BRIDGE_SUBSYSTEM, new Layout(8, 0, o -> {
            put16(o + 4, subsystemVendor);
            put16(o + 6, subsystemDevice);
        }));
    }

    /** A Power Management capability, version 3, with PMCSR NoSoftReset as given and the function in D0. */
    public ConfigSpaceBuilder powerManagement(boolean noSoftReset) {
        this.noSoftReset = noSoftReset;
        standard.put(Capability.POWER_MANAGEMENT, new Layout(8, 0, o -> {
            put16(o + 2, 0x0003);
            put16(o + 4, this.noSoftReset ? 0x0008 : 0x0000);
        }));
        return this;
    }

    /**
     * A PCI Express capability (version 2 unless {@link #pciExpressVersion} says otherwise).
     * Speeds are LnkCap/LnkSta codes (1 = 2.5 GT/s … 6 = 64 GT/s), widths are lanes. Hot-plug capable
     * is only written when a slot is implemented, as SltCap is only defined then.
     */
    public ConfigSpaceBuilder pciExpress(PortType type, boolean flrCapable, boolean slot, boolean hotPlug,
                                         int maxLinkSpeed, int maxLinkWidth, int linkSpeed, int linkWidth) {
        portType = type;
        flr = flrCapable;
        slotImplemented = slot;
        hotPlugCapable = hotPlug;
        maxSpeed = maxLinkSpeed;
        maxWidth = maxLinkWidth;
        speed = linkSpeed;
        width = linkWidth;
        standard.put(Capability.PCI_EXPRESS, new Layout(0x3c, 0, this::writePciExpress));
        return this;
    }

    public ConfigSpaceBuilder pciExpressVersion(int version) {
        pcieVersion = version;
        return this;
    }

    /** SltCap Physical Slot Number (bits 31:19); written when a slot is implemented. */
    public ConfigSpaceBuilder physicalSlot(int number) {
        physicalSlot = number;
        return this;
    }

    /** LnkCap Data Link Layer Link Active Reporting Capable and LnkSta Data Link Layer Link Active. */
    public ConfigSpaceBuilder dataLinkLayer(boolean reportingCapable, boolean active) {
        dllReporting = reportingCapable;
        dllActive = active;
        return this;
    }

    /** An MSI-X capability with one vector, table and PBA in BAR 0. */
    public ConfigSpaceBuilder msix() {
        standard.put(Capability.MSI_X, new Layout(12, 0, o -> put32(o + 8, 0x800)));
        return this;
    }

    /** A 64-bit MSI capability with one vector. */
    public ConfigSpaceBuilder msi() {
        standard.put(Capability.MSI, new Layout(0x14, 0, o -> put16(o + 2, 0x0080)));
        return this;
    }

    /** Any standard capability with only its header written, e.g. to test unknown IDs. */
    public ConfigSpaceBuilder capability(int id, int size) {
        standard.put(id, new Layout(Math.max(4, size), 0, o -> { }));
        return this;
    }

    /** An Advanced Error Reporting extended capability (version 2). */
    public ConfigSpaceBuilder aer() {
        extended.put(ExtendedCapability.AER, new Layout(0x48, 2, o -> put32(o + 0x0c, 0x00462030)));
        return this;
    }

    /** An ACS extended capability with these ACS Capability and ACS Control registers (see {@link AcsBit}). */
    public ConfigSpaceBuilder acs(int capabilityBits, int controlBits) {
        acsCapability = capabilityBits;
        acsControl = controlBits;
        extended.put(ExtendedCapability.ACS, new Layout(8, 1, o -> {
            put16(o + 4, acsCapability);
            put16(o + 6, acsControl);
        }));
        return this;
    }

    /** An SR-IOV extended capability; InitialVFs equals TotalVFs, VF Enable is set when {@code numVfs > 0}. */
    public ConfigSpaceBuilder sriov(int totalVfs, int numVfs, int firstVfOffset, int vfStride, int vfDeviceId) {
        sriov = new int[] {totalVfs, numVfs, firstVfOffset, vfStride, vfDeviceId};
        extended.put(ExtendedCapability.SRIOV, new Layout(0x40, 1, o -> {
            put16(o + 0x08, sriov[1] > 0 ? 0x0009 : 0); // VF Enable + VF MSE
            put16(o + 0x0c, sriov[0]);
            put16(o + 0x0e, sriov[0]);
            put16(o + 0x10, sriov[1]);
            put16(o + 0x14, sriov[2]);
            put16(o + 0x16, sriov[3]);
            put16(o + 0x1a, sriov[4]);
        }));
        return this;
    }

    /** Any extended capability with only its header written. */
    public ConfigSpaceBuilder extendedCapability(int id, int version, int size) {
        extended.put(id, new Layout(Math.max(4, size), version, o -> { }));
        return this;
    }

    /** Overwrites bytes after the layout, e.g. to make a capability list loop. */
    public ConfigSpaceBuilder rawWrite(int offset, byte... bytes) {
        if (offset < 0 || offset + bytes.length > FULL) {
            throw new IllegalArgumentException("raw write must stay within 4096 bytes, was at " + offset);
        }
        rawOffsets.add(offset);
        rawWrites.add(bytes.clone());
        return this;
    }

    /** Overwrites one little-endian 16-bit value after the layout. */
    public ConfigSpaceBuilder rawWrite16(int offset, int value) {
        return rawWrite(offset, (byte) value, (byte) (value >> 8));
    }

    /** Overwrites one little-endian 32-bit value after the layout. */
    public ConfigSpaceBuilder rawWrite32(int offset, int value) {
        return rawWrite(offset, (byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24));
    }

    /** Where the layout puts the standard capability {@code id}, or -1 when it has none. */
    public int capabilityOffset(int id) {
        return offsetIn(standard, 0x40, id);
    }

    /** Where the layout puts the extended capability {@code id}, or -1 when it has none. */
    public int extendedCapabilityOffset(int id) {
        return offsetIn(extended, 0x100, id);
    }

    /** The first {@code length} bytes (0..4096) of the laid-out config space. */
    public byte[] build(int length) {
        if (length < 0 || length > FULL) {
            throw new IllegalArgumentException("config space length must be 0..4096, was " + length);
        }
        Arrays.fill(image, (byte) 0);
        writeHeader();
        link(standard, 0x40, true);
        link(extended, 0x100, false);
        for (int i = 0; i < rawWrites.size(); i++) {
            byte[] bytes = rawWrites.get(i);
            System.arraycopy(bytes, 0, image, rawOffsets.get(i), bytes.length);
        }
        return Arrays.copyOf(image, length);
    }

    /** Writes {@link #build(int)} to {@code file}, creating parent directories, as a sysfs {@code config}. */
    public Path writeTo(Path file, int length) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return Files.write(file, build(length));
    }

    private void writeHeader() {
        put16(0x00, vendorId);
        put16(0x02, deviceId);
        put16(0x04, command);
        put16(0x06, standard.isEmpty() ? 0 : 0x0010);
        image[0x08] = (byte) revision;
        image[0x09] = (byte) classCode;
        image[0x0a] = (byte) (classCode >> 8);
        image[0x0b] = (byte) (classCode >> 16);
        image[0x0e] = (byte) (headerType | (multifunction ? 0x80 : 0));
        image[0x3d] = 1; // INTx pin A
        if (headerType == 1) {
            image[0x18] = (byte) primaryBus;
            image[0x19] = (byte) secondaryBus;
            image[0x1a] = (byte) subordinateBus;
        } else if (headerType == 0 && subsystemVendor >= 0) {
            put16(0x2c, subsystemVendor);
            put16(0x2e, subsystemDevice);
        }
    }

    private void link(Map<Integer, Layout> caps, int start, boolean isStandard) {
        int offset = start;
        int previous = -1;
        for (Map.Entry<Integer, Layout> e : caps.entrySet()) {
            Layout layout = e.getValue();
            if (isStandard) {
                image[offset] = (byte) (int) e.getKey();
                if (previous < 0) {
                    image[headerType == 2 ? 0x14 : 0x34] = (byte) offset;
                } else {
                    image[previous + 1] = (byte) offset;
                }
            } else {
                put32(offset, e.getKey() | layout.version << 16);
                if (previous >= 0) {
                    put32(previous, get32(previous) | offset << 20);
                }
            }
            layout.writer.accept(offset);
            previous = offset;
            offset += align4(layout.size);
        }
    }

    private static int offsetIn(Map<Integer, Layout> caps, int start, int id) {
        int offset = start;
        for (Map.Entry<Integer, Layout> e : caps.entrySet()) {
            if (e.getKey() == id) {
                return offset;
            }
            offset += align4(e.getValue().size);
        }
        return -1;
    }

    private void writePciExpress(int o) {
        put16(o + 2, pcieVersion & 0xf | (portType.code() & 0xf) << 4 | (slotImplemented ? 0x0100 : 0));
        put32(o + 0x04, 0x0000_8000 | (flr ? 0x1000_0000 : 0)); // RBE+, as every modern function has it
        put32(o + 0x0c, maxSpeed & 0xf | (maxWidth & 0x3f) << 4 | 0x400 | (dllReporting ? 0x0010_0000 : 0));
        put16(o + 0x12, speed & 0xf | (width & 0x3f) << 4 | (dllActive ? 0x2000 : 0));
        if (slotImplemented) {
            // AttnBtn PwrCtrl AttnInd PwrInd HotPlugSurprise HotPlugCapable, as QEMU's hot-plug ports have it
            put32(o + 0x14, (hotPlugCapable ? 0x7b : 0x02) | (physicalSlot & 0x1fff) << 19);
        }
    }

    private static int align4(int size) {
        return (size + 3) & ~3;
    }

    private void put16(int offset, int value) {
        image[offset] = (byte) value;
        image[offset + 1] = (byte) (value >> 8);
    }

    private void put32(int offset, int value) {
        put16(offset, value);
        put16(offset + 2, value >> 16);
    }

    private int get32(int offset) {
        return (image[offset] & 0xff) | (image[offset + 1] & 0xff) << 8
                | (image[offset + 2] & 0xff) << 16 | (image[offset + 3] & 0xff) << 24;
    }
}

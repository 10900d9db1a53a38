package org.vfioinspector.app.gui.graph;

import java.util.OptionalInt;

/**
 * The device-class glyphs of icons/glyphs (their README has the class table); the PNGs are copied
 * into this package's resources as {@code glyphs/NAME-48.png}.
 */
public enum Glyph {
    BRIDGE("bridge"), NETWORK("network"), STORAGE("storage"), DISPLAY("display"), AUDIO("audio"), USB("usb"),
    SERIAL_BUS("serial-bus"), PROCESSOR("processor"), MEMORY("memory"), SYSTEM("system"), UNKNOWN("unknown"),
    VF("vf");

    private final String file;

    Glyph(String file) {
        this.file = file;
    }

    /** The resource name, relative to the gui package. */
    public String resource() {
        return "glyphs/" + file + "-48.png";
    }

    /** The glyph for a 24-bit PCI class code, as the icons README maps them. */
    public static Glyph forClass(OptionalInt classCode) {
        if (classCode.isEmpty()) {
            return UNKNOWN;
        }
        int c = classCode.getAsInt();
        int base = c >> 16 & 0xff;
        int sub = c >> 8 & 0xff;
        return switch (base) {
            case 0x01 -> STORAGE;
            case 0x02 -> NETWORK;
            case 0x03 -> DISPLAY;
            case 0x04 -> AUDIO;
            case 0x05 -> MEMORY;
            case 0x06 -> BRIDGE;
            case 0x0b, 0x12 -> PROCESSOR;
            case 0x0c -> sub == 0x03 ? USB : SERIAL_BUS;
            case 0x00, 0xff -> UNKNOWN;
            default -> SYSTEM;
        };
    }
}

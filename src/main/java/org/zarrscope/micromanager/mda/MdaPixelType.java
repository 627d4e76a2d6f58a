package org.zarrscope.micromanager.mda;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.zarrscope.PixelType;

/**
 * Micro-Manager's pixel types, as its images and summary metadata name them, and how each is
 * stored: {@code GRAY8} as uint8, {@code GRAY16} as uint16, {@code GRAY32} as float32 (Micro-Manager
 * hands these out as {@code float[]}), {@code RGB32} (B, G, R, A bytes) as three uint8 channels.
 */
public enum MdaPixelType {
    GRAY8(1, 1, PixelType.UINT8),
    GRAY16(2, 1, PixelType.UINT16),
    GRAY32(4, 1, PixelType.FLOAT32),
    RGB32(4, 3, PixelType.RGB8);

    private final int bytesPerPixel;
    private final int components;
    private final PixelType stored;

    MdaPixelType(int bytesPerPixel, int components, PixelType stored) {
        this.bytesPerPixel = bytesPerPixel;
        this.components = components;
        this.stored = stored;
    }

    /** Bytes of one pixel as Micro-Manager holds it (4 for RGB32, alpha included). */
    public int bytesPerPixel() { return bytesPerPixel; }

    /** Colour components: 3 for RGB32, otherwise 1. */
    public int components() { return components; }

    /** How Zarrscope stores it. */
    public PixelType stored() { return stored; }

    /** By Micro-Manager's name, e.g. {@code GRAY16}; the error lists the names allowed. */
    public static MdaPixelType fromName(String name) {
        for (MdaPixelType type : values()) {
            if (type.name().equalsIgnoreCase(name.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("pixel type '" + name + "' is not supported; allowed: " + allowed());
    }

    /**
     * From an image's bytes per pixel and number of components (mmstudio's {@code Image} gives
     * these); 8 bytes per pixel (RGB64) is not supported.
     */
    public static MdaPixelType of(int bytesPerPixel, int components) {
        for (MdaPixelType type : values()) {
            if (type.bytesPerPixel == bytesPerPixel && type.components == components) {
                return type;
            }
        }
        throw new IllegalArgumentException("images of " + bytesPerPixel + " bytes per pixel and " + components
                + " component(s) are not supported; allowed: " + allowed());
    }

    private static String allowed() {
        return Arrays.stream(values()).map(type -> type.name() + " (" + type.bytesPerPixel + " bytes, "
                + type.components + (type.components == 1 ? " component)" : " components)"))
                .collect(Collectors.joining(", "));
    }
}

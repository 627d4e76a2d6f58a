package org.zarrscope;

/**
 * The pixel types a camera delivers, and how each is stored in Zarr.
 *
 * <p>{@link #RGB8} frames arrive as Micro-Manager's RGB32 layout (4 bytes per pixel, B-G-R-A) and
 * are stored as three {@code uint8} channels (R, G, B) per acquisition channel, because OME-Zarr
 * has no interleaved colour type and viewers expect colour on the channel axis.
 */
public enum PixelType {
    UINT8("uint8", "|u1", 1, 1, 1),
    UINT16("uint16", "<u2", 2, 2, 1),
    UINT32("uint32", "<u4", 4, 4, 1),
    FLOAT32("float32", "<f4", 4, 4, 1),
    RGB8("rgb8", "|u1", 1, 4, 3);

    private final String cliName;
    private final String zarrDtype;
    private final int bytesPerSample;
    private final int inputBytesPerPixel;
    private final int storedChannelsPerFrame;

    PixelType(String cliName, String zarrDtype, int bytesPerSample, int inputBytesPerPixel,
              int storedChannelsPerFrame) {
        this.cliName = cliName;
        this.zarrDtype = zarrDtype;
        this.bytesPerSample = bytesPerSample;
        this.inputBytesPerPixel = inputBytesPerPixel;
        this.storedChannelsPerFrame = storedChannelsPerFrame;
    }

    /** The name used on the command line and in error messages, e.g. {@code uint16}. */
    public String cliName() { return cliName; }

    /** Zarr v3 {@code data_type}. */
    public String zarrV3DataType() {
        return this == RGB8 ? "uint8" : cliName;
    }

    /** Zarr v2 {@code dtype} string, always little-endian. */
    public String zarrDtype() { return zarrDtype; }

    /** Bytes of one stored sample. */
    public int bytesPerSample() { return bytesPerSample; }

    /** Bytes of one pixel as the camera delivers it (4 for RGB32). */
    public int inputBytesPerPixel() { return inputBytesPerPixel; }

    /** Stored channels one camera frame becomes: 3 for RGB, otherwise 1. */
    public int storedChannelsPerFrame() { return storedChannelsPerFrame; }

    /** Looks a pixel type up by its CLI name; the error lists the allowed names. */
    public static PixelType fromName(String name) {
        for (PixelType type : values()) {
            if (type.cliName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new SettingsException("pixelType", "unknown pixel type '" + name + "'; allowed: " + allowedNames());
    }

    static String allowedNames() {
        StringBuilder names = new StringBuilder();
        for (PixelType type : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(type.cliName);
        }
        return names.toString();
    }
}

package org.zarrscope.micromanager.headless;

import org.zarrscope.PixelType;
import org.zarrscope.micromanager.HardwareException;

/**
 * What a Micro-Manager camera's frames look like, as MMCore reports it: size, bytes per pixel,
 * components (4 for RGB) and camera channels (more than one for a multi-camera device).
 */
public final class CameraFormat {
    private final int width;
    private final int height;
    private final int bytesPerPixel;
    private final int components;
    private final int cameraChannels;

    public CameraFormat(int width, int height, int bytesPerPixel, int components, int cameraChannels) {
        this.width = width;
        this.height = height;
        this.bytesPerPixel = bytesPerPixel;
        this.components = components;
        this.cameraChannels = cameraChannels;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int cameraChannels() {
        return cameraChannels;
    }

    /**
     * The pixel type MMCore's frames have: GRAY8 {@code byte[]}, GRAY16 {@code short[]}, GRAY32
     * {@code float[]}, RGB32 {@code byte[]} B-G-R-A.
     *
     * @throws HardwareException for formats Zarrscope does not store (RGB64)
     */
    public PixelType pixelType() throws HardwareException {
        if (components == 1 && bytesPerPixel == 1) {
            return PixelType.UINT8;
        }
        if (components == 1 && bytesPerPixel == 2) {
            return PixelType.UINT16;
        }
        if (components == 1 && bytesPerPixel == 4) {
            return PixelType.FLOAT32;
        }
        if (components == 4 && bytesPerPixel == 4) {
            return PixelType.RGB8;
        }
        throw new HardwareException("the camera delivers " + bytesPerPixel + " bytes per pixel in " + components
                + " components, which Zarrscope does not store; set the camera to 8 or 16 bit grey, 32-bit float "
                + "or 32-bit RGB (its PixelType property)");
    }

    @Override
    public String toString() {
        return width + " x " + height + ", " + bytesPerPixel + " bytes per pixel, " + components + " component(s)";
    }
}

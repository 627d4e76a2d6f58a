package org.zarrscope.micromanager.mda;

import org.zarrscope.micromanager.PixelSizeAffine;

/**
 * What an image says about itself beyond its pixels: frame size, pixel type, and the pixel size
 * and affine calibration Micro-Manager attaches to every image (its run summary has neither).
 * A run takes them from its first image.
 */
public final class MdaImageFormat {
    private final int width;
    private final int height;
    private final MdaPixelType pixelType;
    private final Double pixelSizeUm;
    private final double[] pixelSizeAffine;

    /**
     * @param bytesPerPixel   as mmstudio's {@code Image} gives it (4 for RGB32)
     * @param components      1 for grey, 3 for RGB
     * @param pixelSizeAffine Micro-Manager's {@code a, b, tx, c, d, ty}, or {@code null}; the identity
     *                        (and all zeros) mean uncalibrated and are kept as {@code null}
     * @throws IllegalArgumentException for a pixel type Zarrscope does not store (the message lists those it does)
     */
    public MdaImageFormat(int width, int height, int bytesPerPixel, int components, Double pixelSizeUm,
            double[] pixelSizeAffine) {
        this.width = width;
        this.height = height;
        this.pixelType = MdaPixelType.of(bytesPerPixel, components);
        this.pixelSizeUm = pixelSizeUm;
        this.pixelSizeAffine = PixelSizeAffine.calibrated(pixelSizeAffine);
    }

    public int width() { return width; }

    public int height() { return height; }

    public MdaPixelType pixelType() { return pixelType; }

    public Double pixelSizeUm() { return pixelSizeUm; }

    public double[] pixelSizeAffine() { return pixelSizeAffine == null ? null : pixelSizeAffine.clone(); }

    /**
     * The summary completed with this format: frame size and pixel type always (the image is what
     * the camera delivered), pixel size and affine where the summary has none.
     */
    MdaSummary completes(MdaSummary summary) {
        MdaSummary.Builder completed = summary.toBuilder().frameSize(width, height).pixelType(pixelType);
        if (summary.pixelSizeUm() == null) {
            completed.pixelSizeUm(pixelSizeUm);
        }
        if (summary.pixelSizeAffine() == null) {
            completed.pixelSizeAffine(pixelSizeAffine);
        }
        return completed.build();
    }
}

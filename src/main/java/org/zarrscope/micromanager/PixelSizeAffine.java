package org.zarrscope.micromanager;

/**
 * Micro-Manager's pixel-to-stage affine transform ({@code a, b, tx, c, d, ty}), as MMCoreJ gives it
 * in text ({@code getPixelSizeAffineAsString}: {@code a;b;tx;c;d;ty}) or mmstudio and AcqEngJ
 * attach it to images. Shared: the MDA route reads it from images and summaries, and the MMCore
 * adapter from the core (loaded beside the installation's MMCoreJ, it may reach only public types).
 */
public final class PixelSizeAffine {
    private PixelSizeAffine() {
    }

    /**
     * The six numbers, or null when none is calibrated: an empty text (no pixel size preset
     * matches), or an uncalibrated transform (see {@link #calibrated}).
     */
    public static double[] parse(String text) throws HardwareException {
        if (text == null || text.trim().isEmpty()) {
            return null;
        }
        String[] parts = text.split(";");
        if (parts.length != 6) {
            throw new HardwareException("Micro-Manager's pixel size affine transform '" + text
                    + "' does not have six numbers a;b;tx;c;d;ty");
        }
        double[] affine = new double[6];
        try {
            for (int i = 0; i < 6; i++) {
                affine[i] = Double.parseDouble(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new HardwareException("Micro-Manager's pixel size affine transform '" + text + "' is not six numbers", e);
        }
        return calibrated(affine);
    }

    /**
     * The affine, or null for the identity or all-zero transform Micro-Manager keeps for an
     * uncalibrated preset (mmstudio and AcqEngJ attach the identity to every image then, beside a
     * real pixel size: taken as a calibration it would make every pixel 1 µm).
     */
    public static double[] calibrated(double[] affine) {
        if (affine == null) {
            return null;
        }
        boolean identity = affine[0] == 1 && affine[1] == 0 && affine[2] == 0 && affine[3] == 0 && affine[4] == 1
                && affine[5] == 0;
        boolean zero = true;
        for (double value : affine) {
            zero &= value == 0;
        }
        return identity || zero ? null : affine.clone();
    }
}

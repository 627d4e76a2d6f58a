package org.zarrscope.micromanager.mmcore;

import org.zarrscope.micromanager.HardwareException;

/**
 * Micro-Manager's pixel-to-stage affine transform as MMCoreJ gives it in text
 * ({@code getPixelSizeAffineAsString}: six numbers {@code a;b;tx;c;d;ty}).
 */
final class PixelSizeAffine {
    private PixelSizeAffine() {
    }

    /**
     * The six numbers, or null when none is calibrated: an empty text (no pixel size preset
     * matches), or the identity or all-zero transform Micro-Manager keeps for an uncalibrated preset.
     */
    static double[] parse(String text) throws HardwareException {
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
        return calibrated(affine) ? affine : null;
    }

    /**
     * Whether {@code a, b, tx, c, d, ty} is a calibration: Micro-Manager reports the identity (or
     * all zeros) for a pixel size preset whose affine was never set, whatever its pixel size.
     */
    static boolean calibrated(double[] affine) {
        boolean identity = affine[0] == 1 && affine[1] == 0 && affine[2] == 0 && affine[3] == 0 && affine[4] == 1
                && affine[5] == 0;
        boolean zero = true;
        for (double value : affine) {
            zero &= value == 0;
        }
        return !identity && !zero;
    }
}

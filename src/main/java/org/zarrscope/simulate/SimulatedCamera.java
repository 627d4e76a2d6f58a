package org.zarrscope.simulate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;

/**
 * A camera without hardware: frames that look and compress like fluorescence images from an
 * sCMOS camera: a dark offset, bright Gaussian "cells" that drift over time, blur away from
 * focus and differ per channel, shot noise that grows with the signal, and read noise. Uniform
 * random or blank frames would make every codec look wrong (too slow or too fast).
 *
 * <p>Frames are a pure function of seed and coordinates, so a test can regenerate the pixels it
 * expects. Noise comes from a pre-computed table of normal deviates indexed by a fast hash: a
 * 2048×2048 frame takes tens of milliseconds, not seconds.
 */
public final class SimulatedCamera {
    private static final int NOISE_TABLE_SIZE = 1 << 16;
    private static final int CELLS = 24;
    private static final double POSITION_SHIFT_PX = 7;

    private final int width;
    private final int height;
    private final PixelType pixelType;
    private final long seed;
    private final float[] noise = new float[NOISE_TABLE_SIZE];
    private final double[] cellX = new double[CELLS];
    private final double[] cellY = new double[CELLS];
    private final double[] cellSigma = new double[CELLS];
    private final double[] cellBrightness = new double[CELLS];
    private final double[] cellDriftX = new double[CELLS];
    private final double[] cellDriftY = new double[CELLS];

    public SimulatedCamera(int width, int height, PixelType pixelType, long seed) {
        this.width = width;
        this.height = height;
        this.pixelType = pixelType;
        this.seed = seed;
        Random random = new Random(seed);
        for (int i = 0; i < NOISE_TABLE_SIZE; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        double scale = Math.max(4, Math.min(width, height) / 24.0);
        for (int cell = 0; cell < CELLS; cell++) {
            cellX[cell] = random.nextDouble() * width;
            cellY[cell] = random.nextDouble() * height;
            cellSigma[cell] = scale * (0.5 + random.nextDouble());
            cellBrightness[cell] = 300 + random.nextDouble() * 2500;
            cellDriftX[cell] = random.nextGaussian() * 0.5;
            cellDriftY[cell] = random.nextGaussian() * 0.5;
        }
    }

    public PixelType pixelType() {
        return pixelType;
    }

    /**
     * The frame at these coordinates, as the array type a camera delivers for the pixel type:
     * {@code byte[]} (uint8; RGB as B, G, R, A), {@code short[]}, {@code int[]} or {@code float[]}.
     */
    public Object frame(FrameCoordinates at) {
        if (pixelType == PixelType.RGB8) {
            byte[] bgra = new byte[width * height * 4];
            for (int component = 0; component < 3; component++) {
                float[] signal = signal(at, component);
                for (int i = 0; i < signal.length; i++) {
                    bgra[i * 4 + 2 - component] = (byte) clamp(signal[i] / 16, 255);
                }
            }
            for (int i = 0; i < width * height; i++) {
                bgra[i * 4 + 3] = (byte) 255;
            }
            return bgra;
        }
        float[] signal = signal(at, 0);
        switch (pixelType) {
            case UINT8: {
                byte[] pixels = new byte[signal.length];
                for (int i = 0; i < signal.length; i++) {
                    pixels[i] = (byte) clamp(signal[i] / 16, 255);
                }
                return pixels;
            }
            case UINT16: {
                short[] pixels = new short[signal.length];
                for (int i = 0; i < signal.length; i++) {
                    pixels[i] = (short) clamp(signal[i], 65535);
                }
                return pixels;
            }
            case UINT32: {
                int[] pixels = new int[signal.length];
                for (int i = 0; i < signal.length; i++) {
                    pixels[i] = (int) clamp(signal[i] * 16, Integer.MAX_VALUE);
                }
                return pixels;
            }
            default:
                return signal;
        }
    }

    /** The frame as little-endian bytes in the stored layout of one channel component (tests compare these). */
    public ByteBuffer storedPlane(FrameCoordinates at, int component) {
        Object pixels = frame(at);
        ByteBuffer plane = ByteBuffer.allocate(width * height * pixelType.bytesPerSample()).order(ByteOrder.LITTLE_ENDIAN);
        if (pixels instanceof short[]) {
            plane.asShortBuffer().put((short[]) pixels);
        } else if (pixels instanceof int[]) {
            plane.asIntBuffer().put((int[]) pixels);
        } else if (pixels instanceof float[]) {
            plane.asFloatBuffer().put((float[]) pixels);
        } else if (pixelType == PixelType.RGB8) {
            byte[] bgra = (byte[]) pixels;
            for (int i = 0; i < width * height; i++) {
                plane.put(i, bgra[i * 4 + 2 - component]);
            }
        } else {
            plane.put((byte[]) pixels);
        }
        plane.rewind();
        return plane;
    }

    private static long clamp(double value, long max) {
        return Math.max(0, Math.min(max, Math.round(value)));
    }

    /** Photo-electrons plus offset, before conversion to the pixel type. */
    private float[] signal(FrameCoordinates at, int component) {
        float[] signal = new float[width * height];
        java.util.Arrays.fill(signal, 100f);
        int channel = at.channel() * 3 + component;
        double defocus = 1 + 0.15 * Math.abs(at.z() - 2);
        for (int cell = 0; cell < CELLS; cell++) {
            if ((cell + channel) % 3 == 0) {
                continue; // each channel shows two thirds of the cells, as different stains would
            }
            double sigma = cellSigma[cell] * defocus;
            double peak = cellBrightness[cell] / (defocus * defocus) * (1 + 0.3 * (channel % 4));
            // another stage position sees the sample shifted: its frames differ from every other position's
            double centreX = cellX[cell] + cellDriftX[cell] * at.time() + at.position() * POSITION_SHIFT_PX;
            double centreY = cellY[cell] + cellDriftY[cell] * at.time() + at.position() * POSITION_SHIFT_PX;
            addCell(signal, centreX, centreY, sigma, peak);
        }
        int state = ((int) (seed * 0x9E3779B9L) ^ (at.time() * 0x85EBCA6B) ^ (channel * 0xC2B2AE35) ^ (at.z() * 0x27D4EB2F)
                ^ (at.position() * 0x165667B1)) | 1;
        for (int i = 0; i < signal.length; i++) {
            state ^= state << 13;
            state ^= state >>> 17;
            state ^= state << 5;
            float photons = signal[i] - 100f;
            float sigma = (float) Math.sqrt(Math.max(0f, photons) + 4f); // shot noise and 2 e- read noise
            signal[i] += sigma * noise[state & (NOISE_TABLE_SIZE - 1)];
        }
        return signal;
    }

    /** Adds a Gaussian spot; separable, so one exp per row and column rather than per pixel. */
    private void addCell(float[] signal, double centreX, double centreY, double sigma, double peak) {
        int reach = (int) Math.ceil(4 * sigma);
        int x0 = Math.max(0, (int) centreX - reach);
        int x1 = Math.min(width - 1, (int) centreX + reach);
        int y0 = Math.max(0, (int) centreY - reach);
        int y1 = Math.min(height - 1, (int) centreY + reach);
        if (x0 > x1 || y0 > y1) {
            return;
        }
        double inverse = -0.5 / (sigma * sigma);
        float[] across = new float[x1 - x0 + 1];
        for (int x = x0; x <= x1; x++) {
            across[x - x0] = (float) Math.exp((x - centreX) * (x - centreX) * inverse);
        }
        for (int y = y0; y <= y1; y++) {
            float down = (float) (peak * Math.exp((y - centreY) * (y - centreY) * inverse));
            int row = y * width;
            for (int x = x0; x <= x1; x++) {
                signal[row + x] += down * across[x - x0];
            }
        }
    }
}

package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zarrscope.contrast.ContrastEstimator;
import org.zarrscope.contrast.ContrastWindow;

/**
 * The contrast window of each channel comes from the pixels written: its start and end are the
 * 0.1 % and 99.9 % percentiles of the data, checked against the exact percentiles of every pixel
 * of every frame (sorted independently), with the sampling tolerance the estimator promises.
 */
class ContrastWindowsFollowTheDataTest {
    private static final int WIDTH = 512;
    private static final int HEIGHT = 384;
    private static final int PIXELS = WIDTH * HEIGHT;

    @Test
    void uint16WindowsAreTheRobustPercentilesOfEachChannel() {
        WriterSettings settings = settings(PixelType.UINT16, 2, WIDTH, HEIGHT);
        ContrastEstimator estimator = new ContrastEstimator(settings);
        Random random = new Random(1);
        double[][] all = new double[2][];
        for (int channel = 0; channel < 2; channel++) {
            all[channel] = new double[0];
        }
        for (int time = 0; time < 6; time++) {
            for (int channel = 0; channel < 2; channel++) {
                // channel 0: dim background with a few bright cells; channel 1: a wide, shifted range
                double[] values = new double[PIXELS];
                for (int i = 0; i < PIXELS; i++) {
                    values[i] = channel == 0
                            ? (random.nextInt(1000) < 5 ? 20_000 + random.nextInt(40_000) : 100 + random.nextInt(50))
                            : 5_000 + random.nextInt(30_000);
                }
                estimator.observe(FrameCoordinates.of(time, channel, 0), uint16(values));
                all[channel] = concat(all[channel], values);
            }
        }
        List<ContrastWindow> windows = estimator.windows();
        assertEquals(2, windows.size());
        for (int channel = 0; channel < 2; channel++) {
            ContrastWindow window = windows.get(channel);
            assertEquals(0, window.min());
            assertEquals(65_535, window.max());
            assertNearPercentile(all[channel], window.start(), 0.001, "start of channel " + channel);
            assertNearPercentile(all[channel], window.end(), 0.999, "end of channel " + channel);
        }
        assertTrue(windows.get(0).end() > 20_000, "the bright cells (0.5 % of pixels) set channel 0's end: " + windows.get(0));
        assertTrue(windows.get(0).start() >= 100 && windows.get(0).start() < 110, windows.get(0).toString());
    }

    @Test
    void framesNoLargerThanTheSampleAreCountedWhole() {
        // 128 x 128 = 16,384 pixels: every pixel is a sample, so the percentiles are exact
        WriterSettings settings = settings(PixelType.UINT8, 1, 128, 128);
        ContrastEstimator estimator = new ContrastEstimator(settings);
        double[] values = new double[128 * 128];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 200;
        }
        ByteBuffer frame = ByteBuffer.allocate(values.length);
        for (double value : values) {
            frame.put((byte) value);
        }
        estimator.observe(FrameCoordinates.of(0, 0, 0), frame);
        ContrastWindow window = estimator.windows().get(0);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        assertEquals(sorted[(int) Math.ceil(0.001 * sorted.length) - 1], window.start());
        assertEquals(sorted[(int) Math.ceil(0.999 * sorted.length) - 1], window.end());
        assertEquals(255, window.max());
    }

    @Test
    void float32WindowsSpanOrdersOfMagnitudeWithinTheBinPrecision() {
        WriterSettings settings = settings(PixelType.FLOAT32, 1, WIDTH, HEIGHT);
        ContrastEstimator estimator = new ContrastEstimator(settings);
        Random random = new Random(2);
        double[] all = new double[0];
        for (int time = 0; time < 4; time++) {
            double[] values = new double[PIXELS];
            ByteBuffer frame = ByteBuffer.allocate(PIXELS * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < PIXELS; i++) {
                // log-normal, from about 1e-3 to 1e3, with some negative noise and NaNs a viewer must skip
                double value = Math.exp(random.nextGaussian() * 2.3) - 0.05;
                if (i % 997 == 0) {
                    frame.putFloat(i * 4, Float.NaN);
                    values[i] = Double.NaN;
                } else {
                    frame.putFloat(i * 4, (float) value);
                    values[i] = (float) value;
                }
            }
            estimator.observe(FrameCoordinates.of(time, 0, 0), frame);
            all = concat(all, Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray());
        }
        ContrastWindow window = estimator.windows().get(0);
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        assertTrue(window.min() >= sorted[0] && window.min() < window.start(), "min is a sampled value: " + window);
        assertTrue(window.max() <= sorted[sorted.length - 1] && window.max() > window.end(), "max is a sampled value: " + window);
        assertNearPercentile(all, window.start(), 0.001, "float start", 1.0 / 128);
        assertNearPercentile(all, window.end(), 0.999, "float end", 1.0 / 128);
    }

    @Test
    void uint32WindowsUseTheLogarithmicBins() {
        WriterSettings settings = settings(PixelType.UINT32, 1, WIDTH, HEIGHT);
        ContrastEstimator estimator = new ContrastEstimator(settings);
        Random random = new Random(3);
        double[] values = new double[PIXELS];
        ByteBuffer frame = ByteBuffer.allocate(PIXELS * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < PIXELS; i++) {
            long value = 1_000_000L + random.nextInt(3_000_000) + (random.nextBoolean() ? 3_000_000_000L : 0);
            frame.putInt(i * 4, (int) value);
            values[i] = value;
        }
        estimator.observe(FrameCoordinates.of(0, 0, 0), frame);
        ContrastWindow window = estimator.windows().get(0);
        assertEquals(4_294_967_295.0, window.max());
        assertEquals(Math.rint(window.start()), window.start(), "integer types get integer windows");
        assertNearPercentile(values, window.start(), 0.001, "uint32 start", 1.0 / 128);
        assertNearPercentile(values, window.end(), 0.999, "uint32 end", 1.0 / 128);
        assertTrue(window.end() > 3_000_000_000.0, "values above 2^31 are unsigned: " + window);
    }

    @Test
    void rgbFramesGiveRedGreenAndBlueTheirOwnWindows() {
        WriterSettings settings = settings(PixelType.RGB8, 2, 64, 64);
        ContrastEstimator estimator = new ContrastEstimator(settings);
        for (int channel = 0; channel < 2; channel++) {
            ByteBuffer bgra = ByteBuffer.allocate(64 * 64 * 4);
            for (int i = 0; i < 64 * 64; i++) {
                int ramp = i % 50;
                bgra.put(i * 4 + 2, (byte) (channel * 10 + ramp));        // red
                bgra.put(i * 4 + 1, (byte) (100 + ramp));                 // green
                bgra.put(i * 4, (byte) (200 + ramp));                     // blue
                bgra.put(i * 4 + 3, (byte) 255);                          // alpha, never a channel
            }
            estimator.observe(FrameCoordinates.of(0, channel, 0), bgra);
        }
        List<ContrastWindow> windows = estimator.windows();
        assertEquals(6, windows.size(), "three stored channels per camera channel");
        double[] starts = windows.stream().mapToDouble(ContrastWindow::start).toArray();
        double[] ends = windows.stream().mapToDouble(ContrastWindow::end).toArray();
        assertEquals(Arrays.toString(new double[] {0, 100, 200, 10, 100, 200}), Arrays.toString(starts));
        assertEquals(Arrays.toString(new double[] {49, 149, 249, 59, 149, 249}), Arrays.toString(ends));
    }

    @Test
    void flatAndMissingChannelsGetUsableWindows() {
        WriterSettings settings = settings(PixelType.UINT16, 3, 32, 32);
        ContrastEstimator estimator = new ContrastEstimator(settings);
        estimator.observe(FrameCoordinates.of(0, 0, 0), uint16(Arrays.stream(new double[32 * 32]).map(v -> 100).toArray()));
        estimator.observe(FrameCoordinates.of(0, 1, 0), uint16(Arrays.stream(new double[32 * 32]).map(v -> 65_535).toArray()));
        List<ContrastWindow> windows = estimator.windows();
        assertWindow(windows.get(0), 0, 65_535, 100, 101);
        assertWindow(windows.get(1), 0, 65_535, 65_534, 65_535);
        assertWindow(windows.get(2), 0, 65_535, 0, 65_535); // channel 2 never came: the full range
    }

    private static void assertWindow(ContrastWindow window, double min, double max, double start, double end) {
        assertEquals(List.of(min, max, start, end), List.of(window.min(), window.max(), window.start(), window.end()));
    }

    private static void assertNearPercentile(double[] values, double estimate, double fraction, String what) {
        assertNearPercentile(values, estimate, fraction, what, 0);
    }

    /**
     * The estimate must lie between the exact percentiles at {@code fraction} ± the sampling error
     * allowance (half the fraction's distance from the nearer end, at least 0.02 %), widened
     * by the relative bin width {@code binWidth}.
     */
    private static void assertNearPercentile(double[] values, double estimate, double fraction, String what,
                                             double binWidth) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double allowance = Math.max(0.0002, Math.min(fraction, 1 - fraction) * 0.5);
        double low = sorted[(int) Math.floor(Math.max(0, fraction - allowance) * (sorted.length - 1))];
        double high = sorted[(int) Math.ceil(Math.min(1, fraction + allowance) * (sorted.length - 1))];
        low -= Math.abs(low) * binWidth;
        high += Math.abs(high) * binWidth;
        assertTrue(estimate >= low && estimate <= high, what + ": " + estimate + " is not between the exact "
                + (fraction - allowance) + " and " + (fraction + allowance) + " quantiles " + low + " and " + high);
    }

    private static ByteBuffer uint16(double[] values) {
        ByteBuffer frame = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            frame.putShort(i * 2, (short) values[i]);
        }
        return frame;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static WriterSettings settings(PixelType type, int channels, int width, int height) {
        return WriterSettings.builder().output(Paths.get("unused")).pixelType(type).channels(channels)
                .frameSize(width, height).build();
    }
}

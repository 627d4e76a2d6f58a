package org.zarrscope.contrast;

import com.lmax.disruptor.EventHandler;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.WriterSettings;
import org.zarrscope.ingest.FrameSlot;

/**
 * Estimates each stored channel's contrast window while frames arrive, so the {@code omero}
 * metadata can be written at the end without a second pass over the data. A pixel observer of the
 * ingest ring: it reads every frame in its ring slot (or the handed-over array in place), before
 * the chunk assembler takes it.
 *
 * <p>Each frame contributes about {@value #SAMPLES_PER_FRAME} pixels, in runs of 16 neighbours
 * (which share cache lines) spread evenly over the frame an odd number of pixels apart (so an even
 * frame width never keeps the runs in the same columns); the runs move on by 16 pixels with each
 * frame of the channel, so a long acquisition samples every pixel position. On a 2048×2048 uint16 frame that costs tens of microseconds (see
 * docs/benchmarks.md). The window runs from the {@value #LOW_PERCENTILE} % to the
 * {@value #HIGH_PERCENTILE} % percentile of all samples of the channel, over all positions, so
 * every position and well of a run is displayed alike; see {@link IntensityHistogram} for the
 * precision. The slider range ({@code min}/{@code max}) is the pixel type's range for integer
 * types and the lowest/highest sample for float32.
 *
 * <p>Only this observer's thread touches the histograms while frames arrive. Read
 * {@link #windows()} after the ring has drained: the ring's sequence barrier makes every sample
 * visible by then.
 */
public final class ContrastEstimator implements EventHandler<FrameSlot> {
    /** Samples taken from each frame (all pixels of frames this small or smaller). */
    public static final int SAMPLES_PER_FRAME = 16_384;
    /** Percentile where the window starts. */
    public static final double LOW_PERCENTILE = 0.1;
    /** Percentile where the window ends. */
    public static final double HIGH_PERCENTILE = 99.9;
    /**
     * Pixels read one after the other: a run shares its cache lines, so sampling costs about one
     * memory access per run rather than per sample.
     */
    private static final int RUN = 16;

    private final PixelType type;
    private final int pixels;
    private final int stride;
    private final IntensityHistogram[] histograms;
    private final long[] framesSeen;

    public ContrastEstimator(WriterSettings settings) {
        type = settings.pixelType();
        pixels = Math.multiplyExact(settings.width(), settings.height());
        // frames no larger than the sample are read whole; larger ones in runs an odd number of pixels apart
        stride = pixels <= SAMPLES_PER_FRAME ? RUN : (pixels / (SAMPLES_PER_FRAME / RUN)) | 1;
        histograms = new IntensityHistogram[settings.storedChannels()];
        for (int c = 0; c < histograms.length; c++) {
            histograms[c] = newHistogram(type);
        }
        framesSeen = new long[settings.channels()];
    }

    private static IntensityHistogram newHistogram(PixelType type) {
        switch (type) {
            case UINT8:
            case RGB8: return IntensityHistogram.exact(256);
            case UINT16: return IntensityHistogram.exact(65_536);
            default: return IntensityHistogram.logarithmic();
        }
    }

    @Override
    public void onEvent(FrameSlot slot, long sequence, boolean endOfBatch) {
        Object handedOver = slot.handedOver();
        if (handedOver == null || handedOver instanceof byte[]) {
            observe(slot.coordinates(), slot.bytes());
        } else {
            observe(slot.coordinates(), handedOver);
        }
    }

    /** Samples one camera frame: little-endian samples, RGB as B, G, R, A bytes (a ring slot's layout). */
    public void observe(FrameCoordinates frame, ByteBuffer frameBytes) {
        int channel = frame.channel();
        int offset = nextOffset(channel);
        switch (type) {
            case UINT8:
                sampleBytes(frameBytes, offset, 1, 0, histograms[channel]);
                break;
            case RGB8:
                for (int component = 0; component < 3; component++) {
                    // stored channel 3c+k holds red, green, blue: bytes 2, 1, 0 of each B-G-R-A pixel
                    sampleBytes(frameBytes, offset, 4, 2 - component, histograms[3 * channel + component]);
                }
                break;
            case UINT16:
                sampleShorts(frameBytes.asShortBuffer(), offset, histograms[channel]);
                break;
            case UINT32:
                sampleUnsignedInts(frameBytes.asIntBuffer(), offset, histograms[channel]);
                break;
            default:
                sampleFloats(frameBytes.asFloatBuffer(), offset, histograms[channel]);
        }
    }

    /** Samples one camera frame handed over as a {@code short[]}, {@code int[]} or {@code float[]}, read in place. */
    public void observe(FrameCoordinates frame, Object samples) {
        int channel = frame.channel();
        int offset = nextOffset(channel);
        if (samples instanceof short[]) {
            sampleShorts(ShortBuffer.wrap((short[]) samples), offset, histograms[channel]);
        } else if (samples instanceof int[]) {
            sampleUnsignedInts(IntBuffer.wrap((int[]) samples), offset, histograms[channel]);
        } else {
            sampleFloats(FloatBuffer.wrap((float[]) samples), offset, histograms[channel]);
        }
    }

    /** Where this frame's runs start: 16 pixels on from the channel's previous frame. */
    private int nextOffset(int channel) {
        return (int) (framesSeen[channel]++ * RUN % stride);
    }

    private void sampleBytes(ByteBuffer frame, int offset, int pixelBytes, int byteInPixel, IntensityHistogram to) {
        for (int run = offset; run < pixels; run += stride) {
            for (int i = run, end = Math.min(run + RUN, pixels); i < end; i++) {
                to.countExact(frame.get(i * pixelBytes + byteInPixel) & 0xff);
            }
        }
    }

    private void sampleShorts(ShortBuffer frame, int offset, IntensityHistogram to) {
        for (int run = offset; run < pixels; run += stride) {
            for (int i = run, end = Math.min(run + RUN, pixels); i < end; i++) {
                to.countExact(frame.get(i) & 0xffff);
            }
        }
    }

    private void sampleUnsignedInts(IntBuffer frame, int offset, IntensityHistogram to) {
        for (int run = offset; run < pixels; run += stride) {
            for (int i = run, end = Math.min(run + RUN, pixels); i < end; i++) {
                to.countFloat((float) (frame.get(i) & 0xffff_ffffL));
            }
        }
    }

    private void sampleFloats(FloatBuffer frame, int offset, IntensityHistogram to) {
        for (int run = offset; run < pixels; run += stride) {
            for (int i = run, end = Math.min(run + RUN, pixels); i < end; i++) {
                to.countFloat(frame.get(i));
            }
        }
    }

    /**
     * One window per stored channel ({@code c} of the array; RGB: red, green, blue per camera
     * channel). A channel without samples gets {@link ContrastWindow#fullRange}; one whose
     * percentiles coincide (a flat image) gets a window one unit wide, so viewers never divide by zero.
     */
    public List<ContrastWindow> windows() {
        List<ContrastWindow> windows = new ArrayList<>(histograms.length);
        for (IntensityHistogram histogram : histograms) {
            windows.add(window(histogram));
        }
        return windows;
    }

    private ContrastWindow window(IntensityHistogram histogram) {
        if (histogram.total() == 0) {
            return ContrastWindow.fullRange(type);
        }
        boolean integer = type != PixelType.FLOAT32;
        double min = integer ? 0 : histogram.lowest();
        double max = integer ? ContrastWindow.typeMax(type) : histogram.highest();
        double start = Math.max(min, histogram.lowerEdgeAt(LOW_PERCENTILE / 100));
        double end = Math.min(max, histogram.upperEdgeAt(HIGH_PERCENTILE / 100));
        if (integer) {
            start = Math.floor(start); // uint32 bin edges may fall between integers
            end = Math.ceil(end);
        }
        if (end <= start) { // a flat image: one unit wide, inside min..max where the type allows
            if (start + 1 <= max) {
                end = start + 1;
            } else {
                start = end - 1;
                min = Math.min(min, start);
            }
        }
        return new ContrastWindow(min, max, start, end);
    }
}

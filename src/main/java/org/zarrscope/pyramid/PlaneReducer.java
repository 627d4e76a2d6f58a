package org.zarrscope.pyramid;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.zarrscope.PixelType;

/**
 * The one reduction kernel of the pyramid: makes a level-{@code n+1} plane from a level-{@code n}
 * plane by 2× in y and x, each output pixel from its 2×2 block by a {@link Downsampling} method.
 * The after-run {@link PyramidBuilder} and the {@link StreamingPyramid} both reduce through it, so
 * the two modes give identical pixels.
 *
 * <p>Only y and x are reduced, never z: the streaming pyramid sees one plane at a time and, for
 * an order such as {@code tczyx} with chunks of one slice, a z neighbour may arrive much later or
 * never (an early stop), so a z reduction could not be done plane by plane; a plane-local rule is
 * the one both modes can apply the same way. (z stacks are also rarely large enough for a z
 * pyramid to pay off in viewers.)
 *
 * <p>A level of an odd size {@code n} has {@code ceil(n / 2)} pixels along that axis; an edge
 * block holds only the pixels that exist (1, 2 or 4) and the method applies to those, e.g. the
 * mean of the 2 pixels of the last column. Rounding is {@link Downsampling}'s.
 *
 * <p>Samples are little-endian, as stored ({@code uint8}, {@code uint16}, {@code uint32} read as
 * unsigned, {@code float32}); {@link PixelType#RGB8} planes are stored {@code uint8} channels.
 *
 * <p>Speed: rows are moved in bulk between the buffers and primitive arrays, where the loops run
 * without a buffer's bounds and scope checks (about twice as fast as reading the buffers sample by
 * sample); one subclass per sample type, so each type's loop is compiled for its own samples. The
 * mean of full 2×2 blocks of 8- and 16-bit samples, the common case, has a loop of its own that
 * works on 64 bits at once (4 or 8 samples of each row, "SIMD within a register"): about 1.5×
 * faster than sample by sample, with the same integer arithmetic, so the same pixels. A
 * reducer keeps its row arrays and buffer views between calls, so it allocates nothing while the
 * same buffers come back, and is <b>not thread-safe</b>: one per thread.
 */
public abstract class PlaneReducer {
    final Downsampling method;

    private PlaneReducer(Downsampling method) {
        this.method = method;
    }

    /** A reducer of {@code method} for samples of {@code type}, for one thread. */
    public static PlaneReducer of(Downsampling method, PixelType type) {
        switch (type) {
            case UINT8:
            case RGB8: return new Unsigned8(method);
            case UINT16: return new Unsigned16(method);
            case UINT32: return new Unsigned32(method);
            default: return new Float32(method);
        }
    }

    /** Output samples of an input of {@code size} samples: {@code ceil(size / 2)}. */
    public static int reducedSize(int size) {
        return (size + 1) / 2;
    }

    /**
     * Reduces a whole plane of {@code height × width} samples whose rows are
     * {@code sourceRowBytes} apart into a plane of {@code ceil(height/2) × ceil(width/2)} samples
     * whose rows are {@code targetRowBytes} apart. Buffers are little-endian; their positions and
     * limits are not used or moved. Offsets and row lengths are in whole samples (multiples of
     * the sample size), as every chunk and plane buffer lays them out.
     */
    public final void reducePlane(ByteBuffer source, int sourceOffset, int sourceRowBytes, int height, int width,
                                  ByteBuffer target, int targetOffset, int targetRowBytes) {
        for (int row = 0; 2 * row < height; row++) {
            int upper = sourceOffset + 2 * row * sourceRowBytes;
            boolean lowerExists = 2 * row + 1 < height;
            reduceRows(source, upper, lowerExists ? source : null, upper + sourceRowBytes, width, target,
                    targetOffset + row * targetRowBytes);
        }
    }

    /**
     * Reduces one pair of rows of {@code width} samples, starting at byte offsets of the buffers,
     * to one row of {@code ceil(width / 2)}.
     *
     * @param lower the lower row's buffer, or {@code null} at the bottom edge of an odd height
     */
    public final void reduceRows(ByteBuffer upper, int upperOffset, ByteBuffer lower, int lowerOffset, int width,
                                 ByteBuffer target, int targetOffset) {
        checkOrder(upper);
        checkOrder(target);
        load(upper, upperOffset, width, true);
        if (lower != null) {
            checkOrder(lower);
            load(lower, lowerOffset, width, false);
            combineRowPair(width);
        } else {
            combineLastRow(width);
        }
        store(target, targetOffset, reducedSize(width));
    }

    /**
     * Reduces a camera frame handed over as an array, read in place ({@code byte[]},
     * {@code short[]}, {@code int[]} or {@code float[]} of this reducer's samples, rows of
     * {@code width} samples), into {@code target} as {@link #reducePlane} does: no frame-sized
     * copy to bytes first, only each row pair into the reducer's own row arrays, as from a buffer.
     */
    public final void reduceFrame(Object frame, int height, int width, ByteBuffer target, int targetRowBytes) {
        checkOrder(target);
        for (int row = 0; 2 * row < height; row++) {
            loadArray(frame, 2 * row * width, width, true);
            if (2 * row + 1 < height) {
                loadArray(frame, (2 * row + 1) * width, width, false);
                combineRowPair(width);
            } else {
                combineLastRow(width);
            }
            store(target, row * targetRowBytes, reducedSize(width));
        }
    }

    private static void checkOrder(ByteBuffer buffer) {
        if (buffer.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("pyramid planes are little-endian; a big-endian buffer was given");
        }
    }

    /** Copies a row of {@code width} samples at byte {@code offset} into the upper or lower row array. */
    abstract void load(ByteBuffer buffer, int offset, int width, boolean upper);

    /** Copies a row of {@code width} samples of a frame array, from sample {@code from}, into the upper or lower row array. */
    abstract void loadArray(Object frame, int from, int width, boolean upper);

    /** Reduces the upper and lower row arrays into the output row array. */
    abstract void combineRowPair(int width);

    /** Reduces the upper row array alone (the bottom row of an odd height): blocks of 2, and 1 in the corner. */
    abstract void combineLastRow(int width);

    /** Copies {@code count} samples of the output row array to byte {@code offset}. */
    abstract void store(ByteBuffer buffer, int offset, int count);

    /** Four unsigned samples: top-left, top-right, bottom-left, bottom-right. */
    final long combine(long a, long b, long c, long d) {
        switch (method) {
            case MEAN: return (a + b + c + d + 2) / 4;
            case NEAREST: return a;
            case MIN: return Math.min(Math.min(a, b), Math.min(c, d));
            default: return Math.max(Math.max(a, b), Math.max(c, d));
        }
    }

    /** The two samples of an edge block, the top-left one first. */
    final long combine(long a, long b) {
        switch (method) {
            case MEAN: return (a + b + 1) / 2;
            case NEAREST: return a;
            case MIN: return Math.min(a, b);
            default: return Math.max(a, b);
        }
    }

    final float combine(float a, float b, float c, float d) {
        switch (method) {
            case MEAN: return (float) ((((double) a + b) + c + d) / 4);
            case NEAREST: return a;
            case MIN: return Math.min(Math.min(a, b), Math.min(c, d));
            default: return Math.max(Math.max(a, b), Math.max(c, d));
        }
    }

    final float combine(float a, float b) {
        switch (method) {
            case MEAN: return (float) (((double) a + b) / 2);
            case NEAREST: return a;
            case MIN: return Math.min(a, b);
            default: return Math.max(a, b);
        }
    }

    /**
     * Typed views of the last few buffers seen (the upper, lower and target buffers of a run of
     * calls), each covering its whole buffer, so a row is moved with one bulk copy.
     */
    private static final class Views<T extends Buffer> {
        private final Function<ByteBuffer, T> view;
        private final ByteBuffer[] buffers = new ByteBuffer[3];
        private final List<T> views = new ArrayList<>(Arrays.asList(null, null, null));
        private int next;

        Views(Function<ByteBuffer, T> view) {
            this.view = view;
        }

        /** The view of {@code buffer}, positioned at sample {@code index}. */
        T at(ByteBuffer buffer, int index) {
            for (int i = 0; i < buffers.length; i++) {
                if (buffers[i] == buffer) {
                    T found = views.get(i);
                    found.position(index);
                    return found;
                }
            }
            ByteBuffer whole = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            whole.clear();
            T made = view.apply(whole);
            buffers[next] = buffer;
            views.set(next, made);
            next = (next + 1) % buffers.length;
            made.position(index);
            return made;
        }
    }

    /** 8 little-endian bytes of a {@code byte[]} as one {@code long}, at any byte index. */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private static byte[] fit(byte[] row, int length) {
        return row.length >= length ? row : new byte[length];
    }

    private static final class Unsigned8 extends PlaneReducer {
        /** The low byte of each 16-bit lane: a 64-bit word holds 4 lanes, each wide enough for a sum of 4 bytes. */
        private static final long LANES = 0x00FF00FF00FF00FFL;
        private static final long HALF = 0x0002000200020002L;
        private final Views<ByteBuffer> views = new Views<>(whole -> whole);
        private byte[] upper = new byte[0];
        private byte[] lower = new byte[0];
        private byte[] out = new byte[0];

        Unsigned8(Downsampling method) {
            super(method);
        }

        @Override
        void load(ByteBuffer buffer, int offset, int width, boolean isUpper) {
            if (isUpper) {
                upper = fit(upper, width);
                views.at(buffer, offset).get(upper, 0, width);
            } else {
                lower = fit(lower, width);
                views.at(buffer, offset).get(lower, 0, width);
            }
        }

        @Override
        void loadArray(Object frame, int from, int width, boolean isUpper) {
            byte[] row = fit(isUpper ? upper : lower, width);
            System.arraycopy((byte[]) frame, from, row, 0, width);
            if (isUpper) {
                upper = row;
            } else {
                lower = row;
            }
        }

        @Override
        void combineRowPair(int width) {
            out = fit(out, reducedSize(width));
            int i = 0;
            if (method == Downsampling.MEAN) {
                // 8 samples of each row per step: the even and odd samples in 16-bit lanes, summed
                // lane by lane, (sum + 2) >> 2 kept, and the 4 results packed into 4 bytes
                for (; 2 * i + 8 <= width; i += 4) {
                    long a = (long) LONGS.get(upper, 2 * i);
                    long b = (long) LONGS.get(lower, 2 * i);
                    long sum = (a & LANES) + ((a >>> 8) & LANES) + (b & LANES) + ((b >>> 8) & LANES) + HALF;
                    long mean = (sum >>> 2) & LANES;
                    long pairs = mean | (mean >>> 8);
                    INTS.set(out, i, (int) ((pairs & 0xFFFFL) | ((pairs >>> 16) & 0xFFFF0000L)));
                }
                for (; i < width / 2; i++) {
                    out[i] = (byte) (((upper[2 * i] & 0xFF) + (upper[2 * i + 1] & 0xFF) + (lower[2 * i] & 0xFF)
                            + (lower[2 * i + 1] & 0xFF) + 2) >> 2);
                }
            }
            for (; i < width / 2; i++) {
                out[i] = (byte) combine(upper[2 * i] & 0xFFL, upper[2 * i + 1] & 0xFFL, lower[2 * i] & 0xFFL,
                        lower[2 * i + 1] & 0xFFL);
            }
            if (width % 2 != 0) {
                out[i] = (byte) combine(upper[2 * i] & 0xFFL, lower[2 * i] & 0xFFL);
            }
        }

        @Override
        void combineLastRow(int width) {
            out = fit(out, reducedSize(width));
            int i = 0;
            for (; i < width / 2; i++) {
                out[i] = (byte) combine(upper[2 * i] & 0xFFL, upper[2 * i + 1] & 0xFFL);
            }
            if (width % 2 != 0) {
                out[i] = upper[2 * i];
            }
        }

        @Override
        void store(ByteBuffer buffer, int offset, int count) {
            views.at(buffer, offset).put(out, 0, count);
        }
    }

    /** 16-bit samples, kept as little-endian bytes so the mean loop can read 4 at once. */
    private static final class Unsigned16 extends PlaneReducer {
        /** The low 16 bits of each 32-bit lane: a 64-bit word holds 2 lanes, each wide enough for a sum of 4 samples. */
        private static final long LANES = 0x0000FFFF0000FFFFL;
        private static final long HALF = 0x0000000200000002L;
        private final Views<ByteBuffer> views = new Views<>(whole -> whole);
        private byte[] upper = new byte[0];
        private byte[] lower = new byte[0];
        private byte[] out = new byte[0];

        Unsigned16(Downsampling method) {
            super(method);
        }

        private static long sample(byte[] row, int index) {
            return (short) SHORTS.get(row, 2 * index) & 0xFFFFL;
        }

        @Override
        void load(ByteBuffer buffer, int offset, int width, boolean isUpper) {
            if (isUpper) {
                upper = fit(upper, 2 * width);
                views.at(buffer, offset).get(upper, 0, 2 * width);
            } else {
                lower = fit(lower, 2 * width);
                views.at(buffer, offset).get(lower, 0, 2 * width);
            }
        }

        /**
         * The row arrays as little-endian shorts, for frames handed over as {@code short[]}: one
         * bulk copy per row; a view is made again only when its row array has grown.
         */
        private ShortBuffer upperShorts;
        private ShortBuffer lowerShorts;
        private byte[] upperViewed;
        private byte[] lowerViewed;

        @Override
        void loadArray(Object frame, int from, int width, boolean isUpper) {
            if (isUpper) {
                upper = fit(upper, 2 * width);
                if (upperViewed != upper) {
                    upperViewed = upper;
                    upperShorts = ByteBuffer.wrap(upper).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
                }
                upperShorts.clear();
                upperShorts.put((short[]) frame, from, width);
            } else {
                lower = fit(lower, 2 * width);
                if (lowerViewed != lower) {
                    lowerViewed = lower;
                    lowerShorts = ByteBuffer.wrap(lower).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
                }
                lowerShorts.clear();
                lowerShorts.put((short[]) frame, from, width);
            }
        }

        @Override
        void combineRowPair(int width) {
            out = fit(out, 2 * reducedSize(width));
            int i = 0;
            if (method == Downsampling.MEAN) {
                // 4 samples of each row per step: the even and odd samples in 32-bit lanes, summed
                // lane by lane, (sum + 2) >> 2 kept, and the 2 results packed into 4 bytes
                for (; 2 * i + 4 <= width; i += 2) {
                    long a = (long) LONGS.get(upper, 4 * i);
                    long b = (long) LONGS.get(lower, 4 * i);
                    long sum = (a & LANES) + ((a >>> 16) & LANES) + (b & LANES) + ((b >>> 16) & LANES) + HALF;
                    long mean = (sum >>> 2) & LANES;
                    INTS.set(out, 2 * i, (int) (mean | (mean >>> 16)));
                }
            }
            for (; i < width / 2; i++) {
                SHORTS.set(out, 2 * i, (short) combine(sample(upper, 2 * i), sample(upper, 2 * i + 1),
                        sample(lower, 2 * i), sample(lower, 2 * i + 1)));
            }
            if (width % 2 != 0) {
                SHORTS.set(out, 2 * i, (short) combine(sample(upper, 2 * i), sample(lower, 2 * i)));
            }
        }

        @Override
        void combineLastRow(int width) {
            out = fit(out, 2 * reducedSize(width));
            int i = 0;
            for (; i < width / 2; i++) {
                SHORTS.set(out, 2 * i, (short) combine(sample(upper, 2 * i), sample(upper, 2 * i + 1)));
            }
            if (width % 2 != 0) {
                SHORTS.set(out, 2 * i, (short) sample(upper, 2 * i));
            }
        }

        @Override
        void store(ByteBuffer buffer, int offset, int count) {
            views.at(buffer, offset).put(out, 0, 2 * count);
        }
    }

    private static final class Unsigned32 extends PlaneReducer {
        private static final long MASK = 0xFFFFFFFFL;
        private final Views<IntBuffer> views = new Views<>(ByteBuffer::asIntBuffer);
        private int[] upper = new int[0];
        private int[] lower = new int[0];
        private int[] out = new int[0];

        Unsigned32(Downsampling method) {
            super(method);
        }

        @Override
        void load(ByteBuffer buffer, int offset, int width, boolean isUpper) {
            if (isUpper) {
                upper = fit(upper, width);
                views.at(buffer, offset / 4).get(upper, 0, width);
            } else {
                lower = fit(lower, width);
                views.at(buffer, offset / 4).get(lower, 0, width);
            }
        }

        @Override
        void loadArray(Object frame, int from, int width, boolean isUpper) {
            int[] row = fit(isUpper ? upper : lower, width);
            System.arraycopy((int[]) frame, from, row, 0, width);
            if (isUpper) {
                upper = row;
            } else {
                lower = row;
            }
        }

        @Override
        void combineRowPair(int width) {
            out = fit(out, reducedSize(width));
            int i = 0;
            for (; i < width / 2; i++) {
                out[i] = (int) combine(upper[2 * i] & MASK, upper[2 * i + 1] & MASK, lower[2 * i] & MASK,
                        lower[2 * i + 1] & MASK);
            }
            if (width % 2 != 0) {
                out[i] = (int) combine(upper[2 * i] & MASK, lower[2 * i] & MASK);
            }
        }

        @Override
        void combineLastRow(int width) {
            out = fit(out, reducedSize(width));
            int i = 0;
            for (; i < width / 2; i++) {
                out[i] = (int) combine(upper[2 * i] & MASK, upper[2 * i + 1] & MASK);
            }
            if (width % 2 != 0) {
                out[i] = upper[2 * i];
            }
        }

        @Override
        void store(ByteBuffer buffer, int offset, int count) {
            views.at(buffer, offset / 4).put(out, 0, count);
        }

        private static int[] fit(int[] row, int length) {
            return row.length >= length ? row : new int[length];
        }
    }

    private static final class Float32 extends PlaneReducer {
        private final Views<FloatBuffer> views = new Views<>(ByteBuffer::asFloatBuffer);
        private float[] upper = new float[0];
        private float[] lower = new float[0];
        private float[] out = new float[0];

        Float32(Downsampling method) {
            super(method);
        }

        @Override
        void load(ByteBuffer buffer, int offset, int width, boolean isUpper) {
            if (isUpper) {
                upper = fit(upper, width);
                views.at(buffer, offset / 4).get(upper, 0, width);
            } else {
                lower = fit(lower, width);
                views.at(buffer, offset / 4).get(lower, 0, width);
            }
        }

        @Override
        void loadArray(Object frame, int from, int width, boolean isUpper) {
            float[] row = fit(isUpper ? upper : lower, width);
            System.arraycopy((float[]) frame, from, row, 0, width);
            if (isUpper) {
                upper = row;
            } else {
                lower = row;
            }
        }

        @Override
        void combineRowPair(int width) {
            out = fit(out, reducedSize(width));
            int i = 0;
            for (; i < width / 2; i++) {
                out[i] = combine(upper[2 * i], upper[2 * i + 1], lower[2 * i], lower[2 * i + 1]);
            }
            if (width % 2 != 0) {
                out[i] = combine(upper[2 * i], lower[2 * i]);
            }
        }

        @Override
        void combineLastRow(int width) {
            out = fit(out, reducedSize(width));
            int i = 0;
            for (; i < width / 2; i++) {
                out[i] = combine(upper[2 * i], upper[2 * i + 1]);
            }
            if (width % 2 != 0) {
                out[i] = upper[2 * i];
            }
        }

        @Override
        void store(ByteBuffer buffer, int offset, int count) {
            views.at(buffer, offset / 4).put(out, 0, count);
        }

        private static float[] fit(float[] row, int length) {
            return row.length >= length ? row : new float[length];
        }
    }
}

package org.zarrscope.pyramid;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * Stateless and thread-safe; allocation-free. One subclass per sample type, each with its own
 * loops, so that reducing one type at full speed does not depend on which types ran before.
 */
public abstract class PlaneReducer {
    final Downsampling method;

    private PlaneReducer(Downsampling method) {
        this.method = method;
    }

    /**
     * The reducer of {@code method} for samples of {@code type}. Each sample type has its own
     * class, so the JIT compiles each one's loop for its own samples.
     */
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
     * limits are not used or moved.
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
     * Reduces one pair of rows of {@code width} samples to one row of {@code ceil(width / 2)}.
     *
     * @param lower the lower row's buffer, or {@code null} at the bottom edge of an odd height
     */
    public final void reduceRows(ByteBuffer upper, int upperOffset, ByteBuffer lower, int lowerOffset, int width,
                                 ByteBuffer target, int targetOffset) {
        checkOrder(upper);
        checkOrder(target);
        if (lower != null) {
            checkOrder(lower);
            reduceRowPair(upper, upperOffset, lower, lowerOffset, width, target, targetOffset);
        } else {
            reduceLastRow(upper, upperOffset, width, target, targetOffset);
        }
    }

    private static void checkOrder(ByteBuffer buffer) {
        if (buffer.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("pyramid planes are little-endian; a big-endian buffer was given");
        }
    }

    abstract void reduceRowPair(ByteBuffer upper, int a, ByteBuffer lower, int b, int width, ByteBuffer target,
                                int out);

    /** The bottom row of an odd height: blocks of 2 pixels, and 1 in the corner. */
    abstract void reduceLastRow(ByteBuffer upper, int a, int width, ByteBuffer target, int out);

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

    private static final class Unsigned8 extends PlaneReducer {
        Unsigned8(Downsampling method) {
            super(method);
        }

        @Override
        void reduceRowPair(ByteBuffer upper, int a, ByteBuffer lower, int b, int width, ByteBuffer target, int out) {
            for (int i = 0; i < width / 2; i++, a += 2, b += 2, out++) {
                target.put(out, (byte) combine(upper.get(a) & 0xFFL, upper.get(a + 1) & 0xFFL, lower.get(b) & 0xFFL,
                        lower.get(b + 1) & 0xFFL));
            }
            if (width % 2 != 0) {
                target.put(out, (byte) combine(upper.get(a) & 0xFFL, lower.get(b) & 0xFFL));
            }
        }

        @Override
        void reduceLastRow(ByteBuffer upper, int a, int width, ByteBuffer target, int out) {
            for (int i = 0; i < width / 2; i++, a += 2, out++) {
                target.put(out, (byte) combine(upper.get(a) & 0xFFL, upper.get(a + 1) & 0xFFL));
            }
            if (width % 2 != 0) {
                target.put(out, upper.get(a));
            }
        }
    }

    private static final class Unsigned16 extends PlaneReducer {
        Unsigned16(Downsampling method) {
            super(method);
        }

        @Override
        void reduceRowPair(ByteBuffer upper, int a, ByteBuffer lower, int b, int width, ByteBuffer target, int out) {
            for (int i = 0; i < width / 2; i++, a += 4, b += 4, out += 2) {
                target.putShort(out, (short) combine(upper.getShort(a) & 0xFFFFL, upper.getShort(a + 2) & 0xFFFFL,
                        lower.getShort(b) & 0xFFFFL, lower.getShort(b + 2) & 0xFFFFL));
            }
            if (width % 2 != 0) {
                target.putShort(out, (short) combine(upper.getShort(a) & 0xFFFFL, lower.getShort(b) & 0xFFFFL));
            }
        }

        @Override
        void reduceLastRow(ByteBuffer upper, int a, int width, ByteBuffer target, int out) {
            for (int i = 0; i < width / 2; i++, a += 4, out += 2) {
                target.putShort(out, (short) combine(upper.getShort(a) & 0xFFFFL, upper.getShort(a + 2) & 0xFFFFL));
            }
            if (width % 2 != 0) {
                target.putShort(out, upper.getShort(a));
            }
        }
    }

    private static final class Unsigned32 extends PlaneReducer {
        private static final long MASK = 0xFFFFFFFFL;

        Unsigned32(Downsampling method) {
            super(method);
        }

        @Override
        void reduceRowPair(ByteBuffer upper, int a, ByteBuffer lower, int b, int width, ByteBuffer target, int out) {
            for (int i = 0; i < width / 2; i++, a += 8, b += 8, out += 4) {
                target.putInt(out, (int) combine(upper.getInt(a) & MASK, upper.getInt(a + 4) & MASK,
                        lower.getInt(b) & MASK, lower.getInt(b + 4) & MASK));
            }
            if (width % 2 != 0) {
                target.putInt(out, (int) combine(upper.getInt(a) & MASK, lower.getInt(b) & MASK));
            }
        }

        @Override
        void reduceLastRow(ByteBuffer upper, int a, int width, ByteBuffer target, int out) {
            for (int i = 0; i < width / 2; i++, a += 8, out += 4) {
                target.putInt(out, (int) combine(upper.getInt(a) & MASK, upper.getInt(a + 4) & MASK));
            }
            if (width % 2 != 0) {
                target.putInt(out, upper.getInt(a));
            }
        }
    }

    private static final class Float32 extends PlaneReducer {
        Float32(Downsampling method) {
            super(method);
        }

        @Override
        void reduceRowPair(ByteBuffer upper, int a, ByteBuffer lower, int b, int width, ByteBuffer target, int out) {
            for (int i = 0; i < width / 2; i++, a += 8, b += 8, out += 4) {
                target.putFloat(out, combine(upper.getFloat(a), upper.getFloat(a + 4), lower.getFloat(b),
                        lower.getFloat(b + 4)));
            }
            if (width % 2 != 0) {
                target.putFloat(out, combine(upper.getFloat(a), lower.getFloat(b)));
            }
        }

        @Override
        void reduceLastRow(ByteBuffer upper, int a, int width, ByteBuffer target, int out) {
            for (int i = 0; i < width / 2; i++, a += 8, out += 4) {
                target.putFloat(out, combine(upper.getFloat(a), upper.getFloat(a + 4)));
            }
            if (width % 2 != 0) {
                target.putFloat(out, upper.getFloat(a));
            }
        }
    }
}

package org.zarrscope.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Blosc's byte shuffle of one block, as c-blosc 1.x lays it out: byte {@code j} of every sample
 * goes to stream {@code j} (all first bytes, then all second bytes, ...), and the bytes after the
 * last whole sample stay at the end unchanged. For 16-bit camera data this puts the slowly
 * varying high bytes together, which is what makes LZ4 find matches.
 *
 * <p>2- and 4-byte samples, the ones cameras give, are moved eight at a time with 64-bit loads and
 * stores: on the 2-core test machine a per-byte loop moved 0.6–1.4 GB/s of 16-bit samples, these
 * 2–3.5 GB/s, heap or direct alike (docs/blosc-bindings.md). Buffers are addressed by absolute index through
 * little-endian views, so their position, limit and byte order are never read or changed, and
 * heap and direct buffers take the same code.
 */
final class ByteShuffle {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EVEN_BYTES = 0x00FF00FF00FF00FFL;
    private static final long EVEN_SHORTS = 0x0000FFFF0000FFFFL;
    private static final long LOW_INT = 0xFFFFFFFFL;

    private ByteShuffle() {
    }

    /** Shuffles {@code length} bytes of {@code source} from {@code from} into {@code target} at {@code to}. */
    static void shuffle(ByteBuffer source, int from, ByteBuffer target, int to, int length, int typeSize) {
        int samples = length / typeSize;
        int done = 0;
        if (typeSize == 2) {
            done = shuffle2(source, from, target, to, samples);
        } else if (typeSize == 4) {
            done = shuffle4(source, from, target, to, samples);
        }
        for (int stream = 0; stream < typeSize; stream++) {
            for (int sample = done; sample < samples; sample++) {
                target.put(to + stream * samples + sample, source.get(from + sample * typeSize + stream));
            }
        }
        copyTail(source, from, target, to, length, samples * typeSize);
    }

    /** The inverse of {@link #shuffle}. */
    static void unshuffle(ByteBuffer source, int from, ByteBuffer target, int to, int length, int typeSize) {
        int samples = length / typeSize;
        int done = 0;
        if (typeSize == 2) {
            done = unshuffle2(source, from, target, to, samples);
        } else if (typeSize == 4) {
            done = unshuffle4(source, from, target, to, samples);
        }
        for (int stream = 0; stream < typeSize; stream++) {
            for (int sample = done; sample < samples; sample++) {
                target.put(to + sample * typeSize + stream, source.get(from + stream * samples + sample));
            }
        }
        copyTail(source, from, target, to, length, samples * typeSize);
    }

    private static void copyTail(ByteBuffer source, int from, ByteBuffer target, int to, int length, int whole) {
        for (int i = whole; i < length; i++) {
            target.put(to + i, source.get(from + i));
        }
    }

    /** Eight 16-bit samples per step: two loads, one store per stream. Returns the samples done. */
    private static int shuffle2(ByteBuffer source, int from, ByteBuffer target, int to, int samples) {
        int steps = samples & ~7;
        for (int i = 0; i < steps; i += 8) {
            long a = (long) LONGS.get(source, from + 2 * i);
            long b = (long) LONGS.get(source, from + 2 * i + 8);
            LONGS.set(target, to + i, evenBytes(a) | evenBytes(b) << 32);
            LONGS.set(target, to + samples + i, evenBytes(a >>> 8) | evenBytes(b >>> 8) << 32);
        }
        return steps;
    }

    private static int unshuffle2(ByteBuffer source, int from, ByteBuffer target, int to, int samples) {
        int steps = samples & ~7;
        for (int i = 0; i < steps; i += 8) {
            long low = (long) LONGS.get(source, from + i);
            long high = (long) LONGS.get(source, from + samples + i);
            LONGS.set(target, to + 2 * i, toEvenBytes(low) | toEvenBytes(high) << 8);
            LONGS.set(target, to + 2 * i + 8, toEvenBytes(low >>> 32) | toEvenBytes(high >>> 32) << 8);
        }
        return steps;
    }

    /**
     * Eight 32-bit samples per step, as two rounds of the 16-bit case: first the low and high
     * halves of each sample are parted, then the bytes of each half.
     */
    private static int shuffle4(ByteBuffer source, int from, ByteBuffer target, int to, int samples) {
        int steps = samples & ~7;
        for (int i = 0; i < steps; i += 8) {
            int at = from + 4 * i;
            long a = (long) LONGS.get(source, at);
            long b = (long) LONGS.get(source, at + 8);
            long c = (long) LONGS.get(source, at + 16);
            long d = (long) LONGS.get(source, at + 24);
            long lowHalves1 = evenShorts(a) | evenShorts(b) << 32;
            long lowHalves2 = evenShorts(c) | evenShorts(d) << 32;
            long highHalves1 = evenShorts(a >>> 16) | evenShorts(b >>> 16) << 32;
            long highHalves2 = evenShorts(c >>> 16) | evenShorts(d >>> 16) << 32;
            LONGS.set(target, to + i, evenBytes(lowHalves1) | evenBytes(lowHalves2) << 32);
            LONGS.set(target, to + samples + i, evenBytes(lowHalves1 >>> 8) | evenBytes(lowHalves2 >>> 8) << 32);
            LONGS.set(target, to + 2 * samples + i, evenBytes(highHalves1) | evenBytes(highHalves2) << 32);
            LONGS.set(target, to + 3 * samples + i, evenBytes(highHalves1 >>> 8) | evenBytes(highHalves2 >>> 8) << 32);
        }
        return steps;
    }

    private static int unshuffle4(ByteBuffer source, int from, ByteBuffer target, int to, int samples) {
        int steps = samples & ~7;
        for (int i = 0; i < steps; i += 8) {
            long byte0 = (long) LONGS.get(source, from + i);
            long byte1 = (long) LONGS.get(source, from + samples + i);
            long byte2 = (long) LONGS.get(source, from + 2 * samples + i);
            long byte3 = (long) LONGS.get(source, from + 3 * samples + i);
            long lowHalves1 = toEvenBytes(byte0) | toEvenBytes(byte1) << 8;
            long lowHalves2 = toEvenBytes(byte0 >>> 32) | toEvenBytes(byte1 >>> 32) << 8;
            long highHalves1 = toEvenBytes(byte2) | toEvenBytes(byte3) << 8;
            long highHalves2 = toEvenBytes(byte2 >>> 32) | toEvenBytes(byte3 >>> 32) << 8;
            int at = to + 4 * i;
            LONGS.set(target, at, toEvenShorts(lowHalves1) | toEvenShorts(highHalves1) << 16);
            LONGS.set(target, at + 8, toEvenShorts(lowHalves1 >>> 32) | toEvenShorts(highHalves1 >>> 32) << 16);
            LONGS.set(target, at + 16, toEvenShorts(lowHalves2) | toEvenShorts(highHalves2) << 16);
            LONGS.set(target, at + 24, toEvenShorts(lowHalves2 >>> 32) | toEvenShorts(highHalves2 >>> 32) << 16);
        }
        return steps;
    }

    /** Bytes 0, 2, 4, 6 of {@code x} packed into bytes 0–3 of the result (the rest zero). */
    private static long evenBytes(long x) {
        x &= EVEN_BYTES;
        x = (x | x >>> 8) & EVEN_SHORTS;
        return (x | x >>> 16) & LOW_INT;
    }

    /** Bytes 0–3 of {@code x} spread to bytes 0, 2, 4, 6 (the odd bytes zero). */
    private static long toEvenBytes(long x) {
        x &= LOW_INT;
        x = (x | x << 16) & EVEN_SHORTS;
        return (x | x << 8) & EVEN_BYTES;
    }

    /** 16-bit words 0 and 2 of {@code x} packed into bytes 0–3 of the result. */
    private static long evenShorts(long x) {
        x &= EVEN_SHORTS;
        return (x | x >>> 16) & LOW_INT;
    }

    /** Bytes 0–3 of {@code x} as 16-bit words 0 and 2 (words 1 and 3 zero). */
    private static long toEvenShorts(long x) {
        x &= LOW_INT;
        return (x | x << 16) & EVEN_SHORTS;
    }
}

package org.zarrscope.codec;

import java.nio.ByteBuffer;

/**
 * Blosc 1.x frames written and read in Java around LZ4, Zstandard or zlib, with no copy of the
 * chunk's bytes except Blosc's own byte shuffle of each block into a small block buffer that stays
 * in the cache. c-blosc through blosc-java (see {@link BloscCodec}) copies every chunk into native
 * memory and back out through new Java arrays; this codec hands the caller's buffers, heap or
 * direct, straight to the compressors. Without a shuffle, a block passes through the block buffer
 * only where a compressor cannot read it in place: zstd-jni between a heap and a direct buffer,
 * and read-only heap buffers. {@link CodecSpec} uses this codec where {@link #writes} says.
 *
 * <p>The frames are the ones c-blosc 1.21 writes, with the same header fields and compressor
 * settings for a {@code clevel}; only the block size is Zarrscope's own, and zstd blocks are split
 * like the others ({@link BloscBlocks}). Frames this class does not read (blosclz, snappy, bit
 * shuffle, written by others) are handed to c-blosc.
 */
final class BloscFrameCodec implements Codec {
    private final BloscCompressor compressor;
    private final int clevel;
    private final BloscShuffle shuffle;
    private final int typeSize;
    private final BloscBlocks blocks;
    /** Decompressors by {@code BLOSC_*_FORMAT}, made when a frame of that format is first read. */
    private final BloscCompressor[] readers = new BloscCompressor[8];
    private ByteBuffer heapBlock = ByteBuffer.allocate(0);
    private ByteBuffer directBlock = ByteBuffer.allocateDirect(0);
    private Codec cBlosc;
    /**
     * Whether the c-blosc installed on this computer reads every frame: it reads byte-shuffled
     * LZ4 2.5–3 times as fast as Java unshuffles it (docs/blosc-bindings.md).
     */
    private final boolean installedBloscReads;

    /**
     * Whether Zarrscope writes these frames itself, or c-blosc ({@link BloscCodec}) does: itself
     * for zstd and zlib, and for LZ4 when nothing is shuffled (no shuffle, or 1-byte samples).
     * LZ4 compresses about as fast as Java byte-shuffles: c-blosc's SIMD shuffle plus blosc-java's
     * copies took a third to 40 % less time than the Java shuffle without copies
     * (docs/blosc-bindings.md), so byte-shuffled LZ4 stays with c-blosc; blosclz and bit shuffle are
     * c-blosc's alone.
     */
    static boolean writes(String cname, BloscShuffle shuffle, int typeSize) {
        boolean shuffles = shuffle == BloscShuffle.SHUFFLE && typeSize > 1;
        switch (cname) {
            case "zstd":
            case "zlib":
                return shuffle != BloscShuffle.BITSHUFFLE;
            case "lz4":
                return shuffle != BloscShuffle.BITSHUFFLE && !shuffles;
            default:
                return false;
        }
    }

    /** The codec for {@code cname} ({@link #writes}) at {@code clevel} 0–9, with Zarrscope's block sizes. */
    static BloscFrameCodec of(String cname, int clevel, BloscShuffle shuffle, int typeSize) {
        return of(cname, clevel, shuffle, typeSize, InstalledBlosc.isUsed());
    }

    /** {@link #of}, with frames read in Java ({@code installedBloscReads} false) even where c-blosc is installed. */
    static BloscFrameCodec of(String cname, int clevel, BloscShuffle shuffle, int typeSize, boolean installedBloscReads) {
        int level = Math.max(1, clevel); // level 0 copies; the compressor only names itself in the header
        BloscBlocks blocks = new BloscBlocks(typeSize);
        switch (cname) {
            case "lz4":
                return new BloscFrameCodec(new Lz4BloscCompressor(level), clevel, shuffle, typeSize, blocks, installedBloscReads);
            case "zstd":
                return new BloscFrameCodec(new ZstdBloscCompressor(level), clevel, shuffle, typeSize, blocks, installedBloscReads);
            case "zlib":
                return new BloscFrameCodec(new ZlibBloscCompressor(level), clevel, shuffle, typeSize, blocks, installedBloscReads);
            default:
                throw new IllegalArgumentException("blosc compressor '" + cname + "' is c-blosc's own; use BloscCodec");
        }
    }

    BloscFrameCodec(BloscCompressor compressor, int clevel, BloscShuffle shuffle, int typeSize, BloscBlocks blocks,
                    boolean installedBloscReads) {
        if (shuffle == BloscShuffle.BITSHUFFLE) {
            throw new IllegalArgumentException("bit shuffle is c-blosc's own; use BloscCodec");
        }
        this.compressor = compressor;
        this.clevel = clevel;
        this.shuffle = shuffle;
        this.typeSize = typeSize;
        this.blocks = blocks;
        this.installedBloscReads = installedBloscReads;
        readers[compressor.format()] = compressor;
    }

    @Override
    public int compress(ByteBuffer source, ByteBuffer target) {
        int rawBytes = source.remaining();
        if (target.remaining() < maxCompressedLength(rawBytes)) {
            throw new IllegalArgumentException("blosc target has " + target.remaining() + " bytes left, needs "
                    + maxCompressedLength(rawBytes));
        }
        int start = target.position();
        int blockSize = blocks.blockSize(rawBytes);
        int flags = (shuffle == BloscShuffle.SHUFFLE ? BloscHeader.BYTE_SHUFFLE : 0)
                | (blocks.splits(blockSize) ? 0 : BloscHeader.DONT_SPLIT);
        int length = clevel > 0 && rawBytes >= BloscHeader.MIN_BUFFER_SIZE
                ? writeBlocks(source, target, start, blockSize, flags)
                : -1;
        if (length < 0) {
            flags |= BloscHeader.MEMCPYED;
            length = writeCopy(source, target, start);
        }
        BloscHeader.write(target, start, compressor.format(), flags, typeSize, rawBytes, blockSize, length);
        target.position(start + length);
        return length;
    }

    /**
     * The blocks and their offsets, after the header at {@code start}; -1 if the frame would be
     * longer than a plain copy, which c-blosc writes instead. Like c-blosc, a stream is stored as it
     * is when it does not shrink, and one that would end past the copy's length may still be tried
     * in the room left; the target's extra room ({@link #maxCompressedLength}) lets every other
     * stream be given its compressor's full bound, which never fails.
     */
    private int writeBlocks(ByteBuffer source, ByteBuffer target, int start, int blockSize, int flags) {
        int rawBytes = source.remaining();
        int blockCount = (rawBytes + blockSize - 1) / blockSize;
        int limit = start + BloscHeader.LENGTH + rawBytes;
        int writableEnd = start + maxCompressedLength(rawBytes);
        int out = start + BloscHeader.LENGTH + 4 * blockCount;
        boolean shuffles = (flags & BloscHeader.BYTE_SHUFFLE) != 0 && typeSize > 1;
        boolean gathers = !shuffles && (!accessible(source)
                || compressor.needsOneKind() && source.isDirect() != target.isDirect());
        ByteBuffer block = shuffles || gathers ? block(target.isDirect(), blockSize) : null;
        for (int index = 0; index < blockCount; index++) {
            int from = source.position() + index * blockSize;
            int blockBytes = Math.min(blockSize, rawBytes - index * blockSize);
            BloscHeader.putInt(target, start + BloscHeader.LENGTH + 4 * index, out - start);
            ByteBuffer input = source;
            int at = from;
            if (shuffles) {
                ByteShuffle.shuffle(source, from, block, 0, blockBytes, typeSize);
            } else if (gathers) {
                copy(source, from, block, 0, blockBytes);
            }
            if (block != null) {
                input = block;
                at = 0;
            }
            int streams = BloscHeader.streams((flags & BloscHeader.DONT_SPLIT) != 0, typeSize, blockBytes,
                    blockBytes < blockSize);
            int streamBytes = blockBytes / streams;
            for (int stream = 0; stream < streams; stream++) {
                int streamAt = at + stream * streamBytes;
                int room = Math.min(compressor.maxCompressedLength(streamBytes), writableEnd - out - 4);
                int compressed = room > 0 ? compressor.compress(input, streamAt, streamBytes, target, out + 4, room)
                        : BloscCompressor.DOES_NOT_FIT;
                if (compressed == BloscCompressor.DOES_NOT_FIT || compressed >= streamBytes) {
                    compressed = streamBytes;
                    if (out + 4 + compressed <= limit) {
                        copy(input, streamAt, target, out + 4, streamBytes);
                    }
                }
                if (out + 4 + compressed > limit) {
                    return -1;
                }
                BloscHeader.putInt(target, out, compressed);
                out += 4 + compressed;
            }
        }
        return out - start;
    }

    /** The raw bytes after the header (flag {@link BloscHeader#MEMCPYED}). */
    private static int writeCopy(ByteBuffer source, ByteBuffer target, int start) {
        copy(source, source.position(), target, start + BloscHeader.LENGTH, source.remaining());
        return BloscHeader.LENGTH + source.remaining();
    }

    @Override
    public void decompress(ByteBuffer source, ByteBuffer target) {
        int at = source.position();
        BloscHeader header = BloscHeader.checked(source, target.remaining());
        if (header.has(BloscHeader.MEMCPYED)) {
            if (header.frameBytes != BloscHeader.LENGTH + header.rawBytes) {
                throw new IllegalArgumentException("copied blosc frame of " + header.frameBytes + " bytes for "
                        + header.rawBytes + " raw bytes");
            }
            copy(source, at + BloscHeader.LENGTH, target, target.position(), header.rawBytes);
        } else if (header.rawBytes > 0 && (installedBloscReads || !readsInJava(header))) {
            cBlosc().decompress(source, target);
            return;
        } else if (header.rawBytes > 0) {
            if (accessible(source)) {
                readBlocks(source, at, header, target);
            } else {
                readBlocks(heapCopy(source), 0, header, target);
            }
        }
        target.position(target.limit());
    }

    /** LZ4, zlib and zstd frames, byte-shuffled or not; c-blosc reads the rest. */
    private static boolean readsInJava(BloscHeader header) {
        int format = header.format();
        boolean byteShuffled = header.has(BloscHeader.BYTE_SHUFFLE) && header.typeSize > 1;
        return (format == Lz4BloscCompressor.FORMAT || format == ZlibBloscCompressor.FORMAT
                || format == ZstdBloscCompressor.FORMAT) && (byteShuffled || !header.has(BloscHeader.BIT_SHUFFLE));
    }

    /** Decompresses (and unshuffles) every block of the frame at index {@code at} into {@code target}. */
    private void readBlocks(ByteBuffer frame, int at, BloscHeader header, ByteBuffer target) {
        int blockSize = header.blockSize;
        int typeSize = header.typeSize;
        if (blockSize <= 0 || blockSize > header.rawBytes || typeSize == 0) {
            throw new IllegalArgumentException("corrupt blosc header: block size " + blockSize + ", type size "
                    + typeSize + " for " + header.rawBytes + " bytes");
        }
        int blockCount = (int) ((header.rawBytes + (long) blockSize - 1) / blockSize);
        if (BloscHeader.LENGTH + 4L * blockCount > header.frameBytes) {
            throw new IllegalArgumentException("blosc frame of " + header.frameBytes + " bytes is too short for its "
                    + blockCount + " block offsets");
        }
        BloscCompressor reader = reader(header.format());
        boolean unshuffles = header.has(BloscHeader.BYTE_SHUFFLE) && typeSize > 1;
        ByteBuffer block = unshuffles ? block(frame.isDirect(), blockSize) : null;
        int end = at + header.frameBytes;
        for (int index = 0; index < blockCount; index++) {
            int blockBytes = Math.min(blockSize, header.rawBytes - index * blockSize);
            int to = target.position() + index * blockSize;
            int in = at + BloscHeader.intAt(frame, at + BloscHeader.LENGTH + 4 * index);
            int streams = BloscHeader.streams(header.has(BloscHeader.DONT_SPLIT), typeSize, blockBytes,
                    blockBytes < blockSize);
            int streamBytes = blockBytes / streams;
            ByteBuffer output = unshuffles ? block : target;
            int outputAt = unshuffles ? 0 : to;
            for (int stream = 0; stream < streams; stream++) {
                if (in < at + BloscHeader.LENGTH || in > end - 4) {
                    throw new IllegalArgumentException("corrupt blosc frame: block " + index + " starts outside it");
                }
                int length = BloscHeader.intAt(frame, in);
                in += 4;
                if (length < 0 || length > end - in) {
                    throw new IllegalArgumentException("corrupt blosc frame: stream of " + length + " bytes in block "
                            + index + " runs past its end");
                }
                int streamAt = outputAt + stream * streamBytes;
                if (length == streamBytes) {
                    copy(frame, in, output, streamAt, streamBytes);
                } else {
                    reader.decompress(frame, in, length, output, streamAt, streamBytes);
                }
                in += length;
            }
            if (unshuffles) {
                ByteShuffle.unshuffle(block, 0, target, to, blockBytes, typeSize);
            }
        }
    }

    /** The decompressor for frames of that format; the level given only matters for compression. */
    private BloscCompressor reader(int format) {
        if (readers[format] == null) {
            readers[format] = format == Lz4BloscCompressor.FORMAT ? new Lz4BloscCompressor(1)
                    : format == ZstdBloscCompressor.FORMAT ? new ZstdBloscCompressor(1)
                    : new ZlibBloscCompressor(1);
        }
        return readers[format];
    }

    /** c-blosc, for frames of the compressors and filters this class does not read, or all of them when it is installed. */
    private Codec cBlosc() {
        if (cBlosc == null) {
            cBlosc = installedBloscReads ? InstalledBloscCodec.forReading() : BloscCodec.forReading();
        }
        return cBlosc;
    }

    /** Whether a compressor can read {@code buffer} in place: direct, or a writable heap buffer with its array. */
    private static boolean accessible(ByteBuffer buffer) {
        return buffer.isDirect() || buffer.hasArray();
    }

    private static ByteBuffer heapCopy(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer.duplicate()).flip();
        return copy;
    }

    /** The block buffer of that kind, at least {@code bytes} long. */
    private ByteBuffer block(boolean direct, int bytes) {
        if (direct) {
            if (directBlock.capacity() < bytes) {
                directBlock = ByteBuffer.allocateDirect(bytes);
            }
            return directBlock;
        }
        if (heapBlock.capacity() < bytes) {
            heapBlock = ByteBuffer.allocate(bytes);
        }
        return heapBlock;
    }

    private static void copy(ByteBuffer source, int from, ByteBuffer target, int to, int length) {
        ByteBuffer in = source.duplicate();
        in.limit(from + length).position(from);
        ByteBuffer out = target.duplicate();
        out.position(to);
        out.put(in);
    }

    @Override
    public int maxCompressedLength(int rawLength) {
        int blockSize = blocks.blockSize(rawLength);
        return rawLength + BloscHeader.LENGTH + compressor.maxCompressedLength(blockSize) - blockSize;
    }

    /** One block buffer (of the target's kind), and the compressor's native state. */
    @Override
    public long workingBytes(int rawLength) {
        return blocks.blockSize(rawLength) + compressor.nativeBytes();
    }
}

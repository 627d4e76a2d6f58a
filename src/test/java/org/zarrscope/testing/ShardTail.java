package org.zarrscope.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The index at the end of a {@code sharding_indexed} shard ({@code index_location: "end"},
 * {@code index_codecs: [bytes little-endian, crc32c]}), parsed straight from the spec rather than
 * with Zarrscope's {@code ShardIndex}: the last {@code 16 × innerChunks + 4} bytes are
 * little-endian {@code uint64 (offset, nbytes)} pairs, one per inner chunk in C order over the
 * shard's inner chunk grid, then the little-endian CRC32C of those pairs.
 */
public final class ShardTail {
    /** The marker of an inner chunk that was never written: all 64 bits set. */
    public static final long EMPTY = 0xFFFFFFFFFFFFFFFFL;

    private final int innerChunks;
    private final long[] offsets;
    private final long[] lengths;
    private final long indexStart;
    private final long storedCrc;
    private final long computedCrc;

    private ShardTail(int innerChunks, long[] offsets, long[] lengths, long indexStart, long storedCrc,
                      long computedCrc) {
        this.innerChunks = innerChunks;
        this.offsets = offsets;
        this.lengths = lengths;
        this.indexStart = indexStart;
        this.storedCrc = storedCrc;
        this.computedCrc = computedCrc;
    }

    /** Bytes of the index of {@code innerChunks} chunks, checksum included. */
    public static int indexBytes(int innerChunks) {
        return innerChunks * 16 + 4;
    }

    /**
     * Parses the tail of a whole shard file.
     *
     * @throws IllegalArgumentException if the file is too short to hold the index
     */
    public static ShardTail parse(byte[] shard, int innerChunks) {
        int indexBytes = indexBytes(innerChunks);
        if (shard.length < indexBytes) {
            throw new IllegalArgumentException(shard.length + " bytes cannot hold a shard index of " + indexBytes);
        }
        int start = shard.length - indexBytes;
        ByteBuffer index = ByteBuffer.wrap(shard, start, indexBytes).slice().order(ByteOrder.LITTLE_ENDIAN);
        long[] offsets = new long[innerChunks];
        long[] lengths = new long[innerChunks];
        for (int i = 0; i < innerChunks; i++) {
            offsets[i] = index.getLong(i * 16);
            lengths[i] = index.getLong(i * 16 + 8);
        }
        CRC32C crc = new CRC32C();
        crc.update(shard, start, innerChunks * 16);
        long stored = index.getInt(innerChunks * 16) & 0xFFFFFFFFL;
        return new ShardTail(innerChunks, offsets, lengths, start, stored, crc.getValue());
    }

    public int innerChunks() { return innerChunks; }

    /** The offset of inner chunk {@code i} (C order), {@link #EMPTY} when never written. */
    public long offset(int i) { return offsets[i]; }

    /** The byte count of inner chunk {@code i} (C order), {@link #EMPTY} when never written. */
    public long length(int i) { return lengths[i]; }

    /** Both entries of inner chunk {@code i} are the empty marker. */
    public boolean isEmpty(int i) { return offsets[i] == EMPTY && lengths[i] == EMPTY; }

    /** Where the index begins: the file size less {@link #indexBytes}. */
    public long indexStart() { return indexStart; }

    public long storedCrc() { return storedCrc; }

    public long computedCrc() { return computedCrc; }

    public boolean crcMatches() { return storedCrc == computedCrc; }
}

package org.zarrscope.zarr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The index of a {@code sharding_indexed} shard: for every inner chunk in C order, its offset
 * and length in the shard as little-endian {@code uint64} pairs, (2^64−1, 2^64−1) for a chunk that
 * was never written, followed by the little-endian CRC32C of those bytes. Written at the end of
 * the shard.
 */
public final class ShardIndex {
    /** The marker of an empty inner chunk: all 64 bits set, i.e. 2^64−1 unsigned. */
    public static final long EMPTY = -1L;

    private final long[] entries;

    /** An index of {@code innerChunks} chunks, all empty. */
    public ShardIndex(int innerChunks) {
        entries = new long[innerChunks * 2];
        Arrays.fill(entries, EMPTY);
    }

    /** Records where inner chunk {@code inner} (C-order position in the shard) lies. */
    public void set(int inner, long offset, long length) {
        entries[inner * 2] = offset;
        entries[inner * 2 + 1] = length;
    }

    public long offset(int inner) { return entries[inner * 2]; }

    public long length(int inner) { return entries[inner * 2 + 1]; }

    public int size() { return entries.length / 2; }

    /** Bytes of an index of {@code innerChunks} chunks, checksum included. */
    public static int encodedLength(int innerChunks) {
        return innerChunks * 16 + 4;
    }

    /** The encoded index with its CRC32C, ready to write. */
    public ByteBuffer encode() {
        ByteBuffer bytes = ByteBuffer.allocate(encodedLength(size())).order(ByteOrder.LITTLE_ENDIAN);
        for (long entry : entries) {
            bytes.putLong(entry);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), 0, entries.length * 8);
        bytes.putInt((int) crc.getValue());
        bytes.flip();
        return bytes;
    }

    /**
     * Reads an index from the last {@link #encodedLength} bytes of a shard.
     *
     * @throws IllegalArgumentException if the checksum does not match
     */
    public static ShardIndex decode(ByteBuffer encoded, int innerChunks) {
        ByteBuffer bytes = encoded.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        byte[] body = new byte[innerChunks * 16];
        bytes.get(body);
        CRC32C crc = new CRC32C();
        crc.update(body, 0, body.length);
        int stored = bytes.getInt();
        if (stored != (int) crc.getValue()) {
            throw new IllegalArgumentException("shard index checksum mismatch");
        }
        ShardIndex index = new ShardIndex(innerChunks);
        ByteBuffer entries = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < innerChunks; i++) {
            index.set(i, entries.getLong(), entries.getLong());
        }
        return index;
    }
}

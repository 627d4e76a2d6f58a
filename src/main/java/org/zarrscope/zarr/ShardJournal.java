package org.zarrscope.zarr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The journal kept beside a shard being filled, under the shard's key plus {@link #SUFFIX}: one
 * record per inner chunk stored, appended after the chunk's bytes, so that the records describe
 * the shard's index should its writer die before writing it. Read back, whole records pointing
 * inside the shard's bytes give the index; the rest are what the crash cut off.
 */
public final class ShardJournal {
    /** Suffix of the journal's key beside its shard's. */
    public static final String SUFFIX = ".journal";
    /** One record: inner chunk (int), offset (long), length (long), little-endian. */
    public static final int RECORD_BYTES = 20;

    private final ShardIndex index;
    private final int listed;
    private final int damaged;
    private final long end;

    private ShardJournal(ShardIndex index, int listed, int damaged, long end) {
        this.index = index;
        this.listed = listed;
        this.damaged = damaged;
        this.end = end;
    }

    /** The record of inner chunk {@code inner} (C-order position in its shard) stored at {@code offset}. */
    static ByteBuffer record(int inner, long offset, long length) {
        ByteBuffer record = ByteBuffer.allocate(RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(inner).putLong(offset).putLong(length).flip();
        return record;
    }

    /**
     * Reads the records a journal holds.
     *
     * @param innerChunks inner chunks per shard, from the array's metadata
     * @param shardBytes bytes of the shard written: a record pointing past them lost its chunk
     */
    public static ShardJournal read(ByteBuffer records, int innerChunks, long shardBytes) {
        ByteBuffer bytes = records.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ShardIndex index = new ShardIndex(innerChunks);
        long end = 0;
        int listed = 0;
        int damaged = 0;
        while (bytes.remaining() >= RECORD_BYTES) {
            int inner = bytes.getInt();
            long offset = bytes.getLong();
            long length = bytes.getLong();
            // a kill can leave a record unwritten (zeros) or its chunk's bytes short of it
            if (inner < 0 || inner >= innerChunks || offset < 0 || length <= 0 || offset + length > shardBytes) {
                damaged++;
                continue;
            }
            index.set(inner, offset, length);
            end = Math.max(end, offset + length);
            listed++;
        }
        if (bytes.hasRemaining()) {
            damaged++; // a record the crash cut off
        }
        return new ShardJournal(index, listed, damaged, end);
    }

    /** The index of the inner chunks the whole records list; the others empty. */
    public ShardIndex index() { return index; }

    /** Inner chunks the whole records list. */
    public int listed() { return listed; }

    /** Records cut off, unwritten, or pointing past the shard's bytes: chunks lost. */
    public int damaged() { return damaged; }

    /** The end of the last listed chunk: where the index goes. */
    public long end() { return end; }
}

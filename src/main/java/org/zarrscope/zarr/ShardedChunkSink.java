package org.zarrscope.zarr;

import java.util.Arrays;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.zarrscope.Axis;
import org.zarrscope.store.Store;

/**
 * Writes inner chunks into {@code sharding_indexed} shards as they are compressed: each chunk is
 * appended at an offset reserved atomically, with a positional write, so writer threads fill the
 * same shard in parallel and nothing is ever read back or rewritten. A shard is written under a
 * hidden temporary name with a small journal beside it (inner chunk, offset, length per record);
 * when its last inner chunk has arrived the index goes at the end, the shard is renamed into
 * place and the journal removed; where the store forces it to a disk first, on a thread of its
 * own ({@link ShardCompletions}), so that the writer threads do not wait for the disk. Readers
 * therefore only ever see complete shards, and after a crash {@code zarrscope recover} rebuilds
 * unfinished shards from their journals.
 *
 * <p>One file handle per shard being filled: how many are open at once follows from the shard
 * shape and the acquisition order, like the open chunks of the memory plan.
 *
 * <p>A store that cannot write in place ({@link Store#writesInPlace} is false: an object store)
 * gets each shard in one {@link Store#put} instead: its compressed inner chunks are held in
 * memory, in the order they arrive (as they would lie in the file), until the last one arrives
 * or the run ends, then put with the index after them. The cost is memory outside the memory
 * budget: the compressed bytes of every shard being filled at once, and a second copy of a shard
 * while it is put. Such a shard has no journal: a killed writer loses the shards it held, and
 * {@code zarrscope recover} has nothing to rebuild them from.
 */
final class ShardedChunkSink implements ChunkSink {
    private final Store store;
    private final String arrayPath;
    /** Whether shards are filled with positional writes, else held in memory and put whole. */
    private final boolean inPlace;
    private final int[] chunksPerShard = new int[5];
    private final int[] chunksAlong = new int[5];
    /** Shards along each axis, to number a shard (time outermost, so an unbounded time axis does not matter). */
    private final long[] shardsAlong = new long[5];
    private final int innerPerShard;
    /** The shards being filled, by their number in the grid of shards: a shard's key is built only when it opens. */
    private final ConcurrentHashMap<Long, Shard> filling = new ConcurrentHashMap<>();
    /** Full shards written in place are completed here: off the writer threads where that waits for a disk. */
    private final ShardCompletions completions;

    ShardedChunkSink(Store store, String arrayPath, ArrayLayout layout) {
        this.store = store;
        this.arrayPath = arrayPath;
        this.inPlace = store.writesInPlace();
        this.completions = new ShardCompletions(store.commitWaitsForADisk());
        int[] shard = layout.shardShape();
        int[] chunk = layout.chunkShape();
        int[] size = layout.arrayShape(0);
        int inner = 1;
        for (Axis axis : Axis.values()) {
            int d = axis.dimension();
            chunksPerShard[d] = shard[d] / chunk[d];
            chunksAlong[d] = axis == Axis.TIME && layout.isTimeUnbounded() ? Integer.MAX_VALUE
                    : (size[d] + chunk[d] - 1) / chunk[d];
            shardsAlong[d] = ((long) chunksAlong[d] + chunksPerShard[d] - 1) / chunksPerShard[d];
            inner *= chunksPerShard[d];
        }
        innerPerShard = inner;
    }

    @Override
    public void write(int[] chunkIndex, ByteBuffer encoded) throws IOException {
        completions.throwIfFailed();
        int[] shardIndex = new int[5];
        int inner = 0;
        long number = 0;
        for (int d = 0; d < 5; d++) {
            shardIndex[d] = chunkIndex[d] / chunksPerShard[d];
            inner = inner * chunksPerShard[d] + chunkIndex[d] % chunksPerShard[d];
            number = number * shardsAlong[d] + shardIndex[d];
        }
        Shard shard;
        try {
            shard = filling.computeIfAbsent(number, n -> open(ChunkKeys.v3(arrayPath, shardIndex), shardIndex));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (shard.append(inner, encoded)) {
            filling.remove(number);
        }
    }

    private Shard open(String key, int[] shardIndex) {
        int expected = 1;
        for (int d = 0; d < 5; d++) {
            long first = (long) shardIndex[d] * chunksPerShard[d];
            expected *= (int) Math.min(chunksPerShard[d], chunksAlong[d] - first);
        }
        if (!inPlace) {
            return new ShardInMemory(key, expected);
        }
        try {
            Store.PartialFile data = store.openPartial(key);
            try {
                return new ShardInPlace(key, data, store.openPartial(key + ShardJournal.SUFFIX), expected);
            } catch (IOException e) {
                data.delete();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String describe(int[] chunkIndex) {
        int[] shardIndex = new int[5];
        for (int d = 0; d < 5; d++) {
            shardIndex[d] = chunkIndex[d] / chunksPerShard[d];
        }
        return ChunkKeys.v3(arrayPath, shardIndex) + " (inner chunk " + Arrays.toString(chunkIndex) + ")";
    }

    /**
     * Waits for the full shards being completed, then gives every shard still being filled (an
     * early stop) its index, with empty entries for chunks never written.
     */
    @Override
    public void close() throws IOException {
        IOException first = null;
        try {
            completions.awaitAll();
        } catch (IOException e) { // go on: the shards still being filled get their index all the same
            first = e;
        }
        for (Shard shard : new ArrayList<>(filling.values())) {
            try {
                shard.complete();
            } catch (IOException e) { // go on: every other shard still gets its index
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        filling.clear();
        if (first != null) {
            throw first;
        }
    }

    /** One shard being filled. */
    private interface Shard {
        /** Adds one inner chunk; true when it was the shard's last and the shard is complete. */
        boolean append(int inner, ByteBuffer encoded) throws IOException;

        /** Writes the shard with its index as it is: inner chunks never written are empty. */
        void complete() throws IOException;
    }

    /** A shard filled with positional writes, journaled, and committed into place. */
    private final class ShardInPlace implements Shard {
        private final String key;
        private final Store.PartialFile data;
        private final Store.PartialFile journal;
        private final int expected;
        private final ShardIndex index = new ShardIndex(innerPerShard);
        private final AtomicLong end = new AtomicLong();
        private final AtomicLong journalEnd = new AtomicLong();
        private final AtomicInteger received = new AtomicInteger();

        ShardInPlace(String key, Store.PartialFile data, Store.PartialFile journal, int expected) {
            this.key = key;
            this.data = data;
            this.journal = journal;
            this.expected = expected;
        }

        @Override
        public boolean append(int inner, ByteBuffer encoded) throws IOException {
            int length = encoded.remaining();
            long offset = end.getAndAdd(length);
            data.write(encoded, offset);
            journal.write(ShardJournal.record(inner, offset, length), journalEnd.getAndAdd(ShardJournal.RECORD_BYTES));
            // indexed only once journaled: a chunk whose write failed is absent, as the writer counts it
            index.set(inner, offset, length); // each inner chunk has its own slots; received publishes them
            if (received.incrementAndGet() == expected) {
                completions.submit(this::complete);
                return true;
            }
            return false;
        }

        /**
         * Writes the index after the last inner chunk and moves the shard into place. If that
         * fails the shard stays a hidden partial file with its journal, for {@code recover}.
         */
        @Override
        public void complete() throws IOException {
            try {
                data.write(index.encode(), end.get());
                data.commit();
            } catch (IOException e) {
                data.close();
                journal.close();
                throw new IOException("cannot complete the shard " + key + " (" + received.get() + " inner chunks written, "
                        + "readable after zarrscope recover): " + e.getMessage(), e);
            }
            journal.delete();
        }
    }

    /** A shard for a store that cannot write in place: its inner chunks in memory until it is put whole. */
    private final class ShardInMemory implements Shard {
        private final String key;
        private final int expected;
        private final ShardIndex index = new ShardIndex(innerPerShard);
        /** Copies of the inner chunks in the order they arrived, which is their order in the shard. */
        private final List<byte[]> chunks = new ArrayList<>();
        private long end;

        ShardInMemory(String key, int expected) {
            this.key = key;
            this.expected = expected;
        }

        /** Copies the chunk: the writer thread reuses its buffer as soon as this returns. */
        @Override
        public boolean append(int inner, ByteBuffer encoded) throws IOException {
            byte[] chunk = new byte[encoded.remaining()];
            encoded.duplicate().get(chunk);
            synchronized (this) {
                index.set(inner, end, chunk.length);
                end += chunk.length;
                chunks.add(chunk);
                if (chunks.size() < expected) {
                    return false;
                }
                complete();
                return true;
            }
        }

        /**
         * Puts the chunks and the index as one value. If that fails the chunks are kept, so that
         * finishing the run tries again; they are lost only with the writer.
         */
        @Override
        public synchronized void complete() throws IOException {
            ByteBuffer encodedIndex = index.encode();
            long bytes = end + encodedIndex.remaining();
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new IOException("the shard " + key + " of " + store.describe() + " holds " + bytes + " bytes, more "
                        + "than one put to a store that cannot write in place takes (2 GiB); choose a smaller shard shape");
            }
            ByteBuffer shard = ByteBuffer.allocate((int) bytes);
            for (byte[] chunk : chunks) {
                shard.put(chunk);
            }
            shard.put(encodedIndex).flip();
            try {
                store.put(key, shard);
            } catch (IOException e) {
                throw new IOException("cannot write the shard " + key + " (" + chunks.size() + " inner chunks, held in "
                        + "memory: a store that cannot write in place keeps no journal for recover): " + e.getMessage(), e);
            }
        }
    }
}

package org.zarrscope.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link Store} in memory: the whole dataset as a map of keys to bytes. For tests that exercise
 * the pipeline without a disk, and for building metadata that is then written somewhere else.
 * Thread-safe: the writer's threads put chunks, append to journals and fill shards at once.
 *
 * <p>A partial value neither committed nor deleted stays in the store, as a temporary file stays
 * in a folder, so a writer abandoned without finishing leaves what {@code zarrscope recover}
 * repairs (a test of recovery needs no killed process).
 */
public final class MemoryStore implements Store {
    private final Map<String, byte[]> values = new ConcurrentSkipListMap<>();
    private final Map<String, MemoryPartialFile> partials = new ConcurrentSkipListMap<>();
    private final String name;

    /** @param name how error messages name this store */
    public MemoryStore(String name) {
        this.name = name;
    }

    @Override
    public void put(String key, ByteBuffer value) {
        byte[] bytes = new byte[value.remaining()];
        value.duplicate().get(bytes);
        values.put(key, bytes);
    }

    @Override
    public ByteBuffer get(String key) {
        byte[] bytes = values.get(key);
        return bytes == null ? null : ByteBuffer.wrap(bytes.clone());
    }

    @Override
    public long size(String key) {
        byte[] bytes = values.get(key);
        return bytes == null ? -1 : bytes.length;
    }

    @Override
    public List<String> list(String prefix) {
        return below(prefix, values);
    }

    /** The keys of {@code map} below {@code prefix}, in order (the map is sorted). */
    private static List<String> below(String prefix, Map<String, ?> map) {
        List<String> keys = new ArrayList<>();
        for (String key : map.keySet()) {
            if (prefix.isEmpty() || key.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Override
    public String describe() {
        return name + " (in memory)";
    }

    @Override
    public boolean writesInPlace() {
        return true;
    }

    /** A new, empty partial value; one left under the same key before is dropped, as a file would be truncated. */
    @Override
    public PartialFile openPartial(String key) {
        MemoryPartialFile partial = new MemoryPartialFile(key);
        partials.put(key, partial);
        return partial;
    }

    @Override
    public List<String> listPartials(String prefix) {
        return below(prefix, partials);
    }

    @Override
    public LeftPartial reopenPartial(String key) {
        return partials.get(key);
    }

    @Override
    public OutputStream openAppend(String key) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                values.merge(key, Arrays.copyOfRange(bytes, offset, offset + length), MemoryStore::concat);
            }
        };
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }

    /** Nothing to force: memory does not survive a power loss in any case. */
    @Override
    public void sync() {
    }

    /** A value built by positional writes, growing as needed; it becomes visible at {@link #commit}. */
    private final class MemoryPartialFile implements LeftPartial {
        private final String key;
        private byte[] bytes = new byte[0];
        private int length;

        MemoryPartialFile(String key) {
            this.key = key;
        }

        @Override
        public synchronized void write(ByteBuffer source, long position) throws IOException {
            int end = Math.toIntExact(position + source.remaining());
            if (end > bytes.length) {
                // doubling, but never past what an array can hold (the doubling itself would overflow past 1 GiB)
                bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(end, 2L * bytes.length)));
            }
            source.get(bytes, (int) position, source.remaining());
            length = Math.max(length, end);
        }

        @Override
        public synchronized void commit() {
            values.put(key, Arrays.copyOf(bytes, length));
            partials.remove(key, this);
        }

        @Override
        public synchronized void delete() {
            bytes = new byte[0];
            length = 0;
            partials.remove(key, this);
        }

        /** Nothing to release: it stays listed until committed or deleted, as a closed temporary file stays. */
        @Override
        public void close() {
        }

        @Override
        public synchronized long size() {
            return length;
        }

        @Override
        public synchronized ByteBuffer read(long offset, int count) throws IOException {
            if (offset < 0 || offset + count > length) {
                throw new IOException("the partial value of " + key + " in " + describe() + " holds " + length
                        + " bytes; bytes " + offset + " to " + (offset + count) + " were asked for");
            }
            return ByteBuffer.wrap(Arrays.copyOfRange(bytes, (int) offset, (int) offset + count));
        }

        /** Zeroes what it drops, so a later write past the new end leaves zeros between, as a file does. */
        @Override
        public synchronized void truncate(long size) {
            if (size < length) {
                Arrays.fill(bytes, (int) size, length, (byte) 0);
                length = (int) size;
            }
        }
    }
}

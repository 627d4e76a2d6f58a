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
 */
public final class MemoryStore implements Store {
    private final Map<String, byte[]> values = new ConcurrentSkipListMap<>();
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
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        for (String key : values.keySet()) {
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
    public PartialFile openPartial(String key) {
        return new MemoryPartialFile(key);
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
    private final class MemoryPartialFile implements PartialFile {
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
        }

        @Override
        public synchronized void delete() {
            bytes = new byte[0];
            length = 0;
        }

        @Override
        public void close() {
        }
    }
}

package org.zarrscope.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link Store} whose values live on the heap, for a dataset's documents that end up somewhere
 * other than in files of their own (inlined in a kerchunk reference file). Choose it only for
 * small values: every byte put is held until the store is dropped. Nothing is durable.
 */
public final class MemoryStore implements Store {
    private final ConcurrentSkipListMap<String, byte[]> values = new ConcurrentSkipListMap<>();
    private final String name;

    /** @param name what {@link #describe()} says, e.g. the file the values are collected for */
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
        String folder = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        for (String key : values.keySet()) {
            if (key.startsWith(folder)) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public PartialFile openPartial(String key) {
        return new MemoryPartialFile(key);
    }

    /** Each {@code write} replaces the value with the bytes so far: append is visible at once, as the contract asks. */
    @Override
    public OutputStream openAppend(String key) {
        ByteArrayOutputStream appended = new ByteArrayOutputStream();
        byte[] existing = values.get(key);
        if (existing != null) {
            appended.write(existing, 0, existing.length);
        }
        return new OutputStream() {
            @Override
            public void write(int b) {
                appended.write(b);
                values.put(key, appended.toByteArray());
            }

            @Override
            public void write(byte[] b, int off, int len) {
                appended.write(b, off, len);
                values.put(key, appended.toByteArray());
            }
        };
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }

    /** Nothing to force: the values are gone with the process whatever is done. */
    @Override
    public void sync() {
    }

    private final class MemoryPartialFile implements PartialFile {
        private final String key;
        private byte[] bytes = new byte[0];

        MemoryPartialFile(String key) {
            this.key = key;
        }

        @Override
        public synchronized void write(ByteBuffer value, long position) throws IOException {
            long end = position + value.remaining();
            if (end > Integer.MAX_VALUE) {
                throw new IOException(key + " in " + name + ": " + end + " bytes do not fit in memory");
            }
            if (end > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) end);
            }
            value.get(bytes, (int) position, value.remaining());
        }

        @Override
        public synchronized void commit() {
            values.put(key, bytes);
        }

        @Override
        public void delete() {
            bytes = new byte[0];
        }

        @Override
        public void close() {
            // not made visible, as the contract asks; there is no temporary file to leave behind
        }
    }
}

package org.zarrscope.micromanager;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import org.zarrscope.store.Store;

/**
 * A {@link Store} that says which keys have just become readable: a value once {@link #put}
 * (a chunk, or a metadata document), a shard once committed. This is how a {@link LiveDataset}
 * learns that frames can be read back from disk, with no hook inside the writer: chunks and
 * shards become visible to readers exactly there.
 *
 * <p>The listener runs on the writer's threads, right after the value is in place.
 */
final class WatchedStore implements Store {
    private final Store store;
    private final Consumer<String> readable;

    WatchedStore(Store store, Consumer<String> readable) {
        this.store = store;
        this.readable = readable;
    }

    @Override
    public void put(String key, ByteBuffer value) throws IOException {
        store.put(key, value);
        readable.accept(key);
    }

    @Override
    public ByteBuffer get(String key) throws IOException {
        return store.get(key);
    }

    /** Passed through, so that readers (the after-run pyramid, the viewer) read only the bytes they ask for. */
    @Override
    public ByteBuffer getRange(String key, long offset, int length) throws IOException {
        return store.getRange(key, offset, length);
    }

    @Override
    public ByteBuffer getTail(String key, int length) throws IOException {
        return store.getTail(key, length);
    }

    @Override
    public boolean readRange(String key, long offset, ByteBuffer target) throws IOException {
        return store.readRange(key, offset, target);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return store.list(prefix);
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public PartialFile openPartial(String key) throws IOException {
        PartialFile partial = store.openPartial(key);
        return new PartialFile() {
            @Override
            public void write(ByteBuffer bytes, long position) throws IOException {
                partial.write(bytes, position);
            }

            @Override
            public void commit() throws IOException {
                partial.commit();
                readable.accept(key);
            }

            @Override
            public void delete() throws IOException {
                partial.delete();
            }

            @Override
            public void close() throws IOException {
                partial.close();
            }
        };
    }
}

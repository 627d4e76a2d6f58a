package org.zarrscope.micromanager.mda;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.zarrscope.store.ForwardingPartialFile;
import org.zarrscope.store.ForwardingStore;
import org.zarrscope.store.Store;

/**
 * A {@link Store} that says which keys have just become readable: a value once {@link #put}
 * (a chunk, or a metadata document), a shard once committed. This is how a {@link LiveDataset}
 * learns that frames can be read back from disk, with no hook inside the writer: chunks and
 * shards become visible to readers exactly there.
 *
 * <p>The listener runs on the writer's threads (for a shard, on the thread that completes it),
 * right after the value is in place.
 */
final class WatchedStore extends ForwardingStore {
    private final Consumer<String> readable;

    WatchedStore(Store store, Consumer<String> readable) {
        super(store);
        this.readable = readable;
    }

    @Override
    public void put(String key, ByteBuffer value) throws IOException {
        super.put(key, value);
        readable.accept(key);
    }

    @Override
    public PartialFile openPartial(String key) throws IOException {
        return new ForwardingPartialFile(super.openPartial(key)) {
            @Override
            public void commit() throws IOException {
                super.commit();
                readable.accept(key);
            }
        };
    }
}

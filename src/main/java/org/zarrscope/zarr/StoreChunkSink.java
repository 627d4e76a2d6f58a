package org.zarrscope.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.zarrscope.store.Store;

/** One store value per chunk, written atomically: unsharded Zarr v2 and v3. */
final class StoreChunkSink implements ChunkSink {
    private final Store store;
    private final Function<int[], String> keyOf;

    StoreChunkSink(Store store, Function<int[], String> keyOf) {
        this.store = store;
        this.keyOf = keyOf;
    }

    @Override
    public void write(int[] chunkIndex, ByteBuffer encoded) throws IOException {
        store.put(keyOf.apply(chunkIndex), encoded);
    }

    @Override
    public String describe(int[] chunkIndex) {
        return keyOf.apply(chunkIndex);
    }

    @Override
    public void close() {
        // every chunk was complete when written: nothing to finish
    }
}

package org.zarrscope.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.zarrscope.store.ForwardingStore;
import org.zarrscope.store.Store;

/**
 * A store that keeps a reference dataset's documents and drops the values of its chunks, whose
 * bytes stay where they are in the source: the writer makes the documents exactly as for a copy,
 * and no pixel is held in memory or written.
 */
final class ChunksLeftInSource extends ForwardingStore {
    private final Set<String> chunkKeys;
    private final AtomicInteger dropped = new AtomicInteger();

    ChunksLeftInSource(Store documents, Set<String> chunkKeys) {
        super(documents);
        this.chunkKeys = chunkKeys;
    }

    @Override
    public void put(String key, ByteBuffer value) throws IOException {
        if (chunkKeys.contains(key)) {
            dropped.incrementAndGet();
        } else {
            super.put(key, value);
        }
    }

    /** Chunk values dropped so far: one per image, if the writer's keys are those referred to. */
    int dropped() {
        return dropped.get();
    }
}

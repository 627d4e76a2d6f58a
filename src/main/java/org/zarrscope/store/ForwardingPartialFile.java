package org.zarrscope.store;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A {@link Store.PartialFile} that passes every call to another one: subclasses change only what
 * they watch (a commit that makes a shard readable), as {@link ForwardingStore} does for a store.
 */
public abstract class ForwardingPartialFile implements Store.PartialFile {
    private final Store.PartialFile partial;

    protected ForwardingPartialFile(Store.PartialFile partial) {
        this.partial = partial;
    }

    @Override
    public void write(ByteBuffer bytes, long position) throws IOException {
        partial.write(bytes, position);
    }

    @Override
    public void commit() throws IOException {
        partial.commit();
    }

    @Override
    public void delete() throws IOException {
        partial.delete();
    }

    @Override
    public void close() throws IOException {
        partial.close();
    }
}

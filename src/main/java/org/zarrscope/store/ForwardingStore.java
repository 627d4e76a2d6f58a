package org.zarrscope.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A {@link Store} that passes every call to another one: subclasses change only what they
 * watch or refuse (e.g. announce a chunk that became readable, fail a write as a full disk
 * would), and still read ranges the way the store underneath does.
 */
public abstract class ForwardingStore implements Store {
    private final Store store;

    protected ForwardingStore(Store store) {
        this.store = store;
    }

    @Override
    public void put(String key, ByteBuffer value) throws IOException {
        store.put(key, value);
    }

    @Override
    public ByteBuffer get(String key) throws IOException {
        return store.get(key);
    }

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
    public long size(String key) throws IOException {
        return store.size(key);
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
        return store.openPartial(key);
    }

    @Override
    public boolean writesInPlace() {
        return store.writesInPlace();
    }

    @Override
    public boolean commitWaitsForADisk() {
        return store.commitWaitsForADisk();
    }

    @Override
    public List<String> listPartials(String prefix) throws IOException {
        return store.listPartials(prefix);
    }

    @Override
    public LeftPartial reopenPartial(String key) throws IOException {
        return store.reopenPartial(key);
    }

    @Override
    public OutputStream openAppend(String key) throws IOException {
        return store.openAppend(key);
    }

    @Override
    public void delete(String key) throws IOException {
        store.delete(key);
    }

    @Override
    public void sync() throws IOException {
        store.sync();
    }
}

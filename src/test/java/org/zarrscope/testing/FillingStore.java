package org.zarrscope.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.store.ForwardingStore;

/**
 * A {@link FileSystemStore} on a pretend disk of a given size that fills up, for tests of a full
 * disk where no small file system can be mounted (CI). It counts the bytes of every file it writes,
 * as a file system would: a value put needs room for its new copy before the old one is replaced
 * (temporary file and rename); a partial file (a shard) grows with its positional writes, and a
 * write that does not fit writes what fits, then fails with "No space left on device"; deleting
 * one gives its bytes back. Unlike a real disk it counts bytes, not blocks.
 */
public final class FillingStore extends ForwardingStore {
    private final Map<String, Long> sizes = new HashMap<>();
    private long used;
    private long capacity = Long.MAX_VALUE;

    public FillingStore(Path root) throws IOException {
        super(new FileSystemStore(root));
    }

    /** Bytes of every file written so far and not deleted. */
    public synchronized long used() {
        return used;
    }

    /** Makes the disk {@code bytes} large from now on. */
    public synchronized void capacity(long bytes) {
        capacity = bytes;
    }

    @Override
    public void put(String key, ByteBuffer value) throws IOException {
        synchronized (this) {
            if (used + value.remaining() > capacity) {
                throw noSpace(key);
            }
            used += value.remaining() - sizes.getOrDefault(key, 0L);
            sizes.put(key, (long) value.remaining());
        }
        super.put(key, value);
    }

    private IOException noSpace(String key) {
        return new IOException("cannot write " + describe() + "/" + key + ": No space left on device");
    }

    @Override
    public PartialFile openPartial(String key) throws IOException {
        PartialFile file = super.openPartial(key);
        String temporary = "." + key + ".partial";
        synchronized (this) {
            sizes.put(temporary, 0L);
        }
        return new PartialFile() {
            @Override
            public void write(ByteBuffer bytes, long position) throws IOException {
                long fits;
                synchronized (FillingStore.this) {
                    long size = sizes.get(temporary);
                    // the file grows at most by what is free
                    long end = Math.min(position + bytes.remaining(), size + capacity - used);
                    fits = Math.max(0, end - position);
                    if (fits > 0 && end > size) {
                        used += end - size;
                        sizes.put(temporary, end);
                    }
                }
                if (fits < bytes.remaining()) {
                    if (fits > 0) {
                        ByteBuffer part = bytes.duplicate();
                        part.limit(part.position() + (int) fits);
                        file.write(part, position);
                    }
                    throw new IOException("No space left on device");
                }
                file.write(bytes, position);
            }

            @Override
            public void commit() throws IOException {
                file.commit();
                synchronized (FillingStore.this) {
                    Long replaced = sizes.put(key, sizes.remove(temporary));
                    used -= replaced == null ? 0 : replaced;
                }
            }

            @Override
            public void delete() throws IOException {
                file.delete();
                synchronized (FillingStore.this) {
                    used -= sizes.remove(temporary);
                }
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }
}

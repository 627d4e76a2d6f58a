package org.zarrscope.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Space set aside in a store while a dataset is written, handed back when it is finished, so
 * that a disk that fills up during the run still takes the few small writes that make what was
 * written readable (each partly filled shard's index, the documents that mark the dataset
 * {@code failed}). Without it a full disk refuses even those: measured on an 8 MB tmpfs, the
 * shard index and the temporary file of every metadata document failed with "No space left on
 * device", leaving every frame in an unfinished shard and the status {@code acquiring}.
 *
 * <p>It is a hidden temporary file ({@link Store#openPartial}), which readers never see and
 * {@code zarrscope recover} removes after a crash. Its bytes are pseudo-random: a file system
 * that compresses (btrfs, ZFS) would store zeros in next to nothing and the space would not be
 * there when needed.
 *
 * <p>A store that does not {@linkplain Store#writesInPlace write in place} (an object store) has
 * no disk that fills up under the writer, nor a way to hold space: nothing is set aside there.
 */
public final class SpaceReserve {
    /** The key of the reserve in the dataset's root; its temporary file starts with a dot. */
    public static final String KEY = "zarrscope-reserve";
    private static final int WRITE_BYTES = 64 << 10;

    /** The reserve's temporary file; {@code null} when nothing was set aside. */
    private final Store.PartialFile file;
    private boolean released;

    private SpaceReserve(Store.PartialFile file) {
        this.file = file;
    }

    /**
     * Sets aside {@code bytes} in {@code store}.
     *
     * @throws IOException naming the store and the size when the space is not there (a disk
     *                     nearly full before the run starts)
     */
    public static SpaceReserve take(Store store, long bytes) throws IOException {
        if (!store.writesInPlace()) {
            return new SpaceReserve(null);
        }
        Store.PartialFile file = store.openPartial(KEY);
        try {
            ByteBuffer block = ByteBuffer.allocate((int) Math.min(WRITE_BYTES, Math.max(1, bytes)));
            new SplittableRandom(bytes).ints(block.capacity()).forEach(value -> block.put((byte) value));
            for (long written = 0; written < bytes; written += block.capacity()) {
                block.clear().limit((int) Math.min(block.capacity(), bytes - written));
                file.write(block, written);
            }
            file.close();
        } catch (IOException e) {
            file.delete();
            throw new IOException("cannot set aside " + bytes + " bytes in " + store.describe() + " for finishing the "
                    + "dataset if the disk fills up: " + e.getMessage() + "; free some space first", e);
        }
        return new SpaceReserve(file);
    }

    /** Gives the space back; the writes that need it come next. Once only (the writer closes once): later calls do nothing. */
    public void release() throws IOException {
        if (!released) {
            released = true;
            if (file != null) {
                file.delete();
            }
        }
    }
}

package org.zarrscope.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Where a dataset's keys (Zarr metadata documents and chunks) are kept. Keys use {@code /} as
 * separator, relative to the dataset root. The chunk pipeline knows only this interface, so an
 * object store can take the file system's place.
 *
 * <p>Implementations must be safe for concurrent use by the chunk writers, and {@link #put} must
 * be atomic: a reader (or a crash) sees either the old value or the whole new one, never a part.
 */
public interface Store {
    /** Stores the remaining bytes of {@code value} under {@code key}, replacing any previous value atomically. */
    void put(String key, ByteBuffer value) throws IOException;

    /** The value of {@code key}, or {@code null} if there is none. */
    ByteBuffer get(String key) throws IOException;

    /**
     * {@code length} bytes of the value of {@code key} from byte {@code offset} (an inner chunk of
     * a shard), or {@code null} if there is no such key. This default reads the whole value;
     * stores that can read a part (files, object stores' range requests) override it.
     *
     * @throws IOException if the value is shorter than {@code offset + length}
     */
    default ByteBuffer getRange(String key, long offset, int length) throws IOException {
        ByteBuffer value = get(key);
        if (value == null) {
            return null;
        }
        if (offset + length > value.remaining()) {
            throw new IOException(key + " in " + describe() + " holds " + value.remaining() + " bytes, fewer than the "
                    + (offset + length) + " asked for");
        }
        value.position(value.position() + (int) offset).limit(value.position() + length);
        return value.slice();
    }

    /**
     * Reads {@code target.remaining()} bytes of the value of {@code key} from byte {@code offset}
     * into {@code target} (moving its position to its limit), as {@link #getRange} but into the
     * caller's buffer, so a reader of many chunks allocates and copies nothing more. This default
     * copies from {@code getRange}; stores that can read into a buffer (files) override it.
     *
     * @return false, with {@code target} unchanged, if there is no such key
     * @throws IOException if the value is shorter than {@code offset + target.remaining()}
     */
    default boolean readRange(String key, long offset, ByteBuffer target) throws IOException {
        ByteBuffer range = getRange(key, offset, target.remaining());
        if (range == null) {
            return false;
        }
        target.put(range);
        return true;
    }

    /**
     * The last {@code length} bytes of the value of {@code key} (a shard's index), or
     * {@code null} if there is no such key. This default reads the whole value.
     *
     * @throws IOException if the value is shorter than {@code length}
     */
    default ByteBuffer getTail(String key, int length) throws IOException {
        ByteBuffer value = get(key);
        if (value == null) {
            return null;
        }
        if (length > value.remaining()) {
            throw new IOException(key + " in " + describe() + " holds " + value.remaining() + " bytes, fewer than the "
                    + length + " asked for");
        }
        value.position(value.limit() - length);
        return value.slice();
    }

    /**
     * Bytes in the value of {@code key}, or -1 if there is none (a file's size, for {@code
     * zarrscope info}). This default reads the whole value; stores that know a value's size
     * without reading it (files, object stores' listings) override it.
     */
    default long size(String key) throws IOException {
        ByteBuffer value = get(key);
        return value == null ? -1 : value.remaining();
    }

    /** Keys directly or indirectly below {@code prefix} (a folder-like key, may be empty). */
    List<String> list(String prefix) throws IOException;

    /** A human-readable location for error messages, e.g. the dataset's folder. */
    String describe();

    /**
     * Whether {@link #openPartial} is supported: a value can be built with positional writes and
     * outlives its writer uncommitted. Stores that cannot write in place (object stores) say no,
     * and a sharded array then keeps each shard in memory until it is whole
     * ({@code ShardedChunkSink}).
     */
    boolean writesInPlace();

    /**
     * Whether committing a partial value waits for a disk (its bytes are forced to one first), so
     * that a writer does better to commit from a thread of its own than from one that compresses.
     * A store in memory, or one that forces nothing, says no: its commit is a rename.
     */
    default boolean commitWaitsForADisk() {
        return false;
    }

    /**
     * A value built piece by piece with positional writes (a shard), invisible to readers until
     * {@link PartialFile#commit}. Refused with {@link UnsupportedOperationException} by a store
     * that does not {@link #writesInPlace}.
     */
    PartialFile openPartial(String key) throws IOException;

    /**
     * Keys below {@code prefix} (may be empty) of partial values neither committed nor deleted,
     * sorted: what a killed writer left (shards being filled and their journals, the space
     * reserve, and in a file system a {@link #put} cut short). Empty for a store that does not
     * {@link #writesInPlace}.
     */
    List<String> listPartials(String prefix) throws IOException;

    /**
     * Reopens the partial value of {@code key} a killed writer left (see {@link #listPartials})
     * with its bytes, for recovery to finish and commit or to delete; {@code null} if there is none.
     */
    LeftPartial reopenPartial(String key) throws IOException;

    /**
     * Opens {@code key} for appending (a journal), creating it if needed. Each {@code write} has
     * reached the operating system when it returns: readers see it, and it survives the writing
     * process being killed. It is never forced to the disk, not even by {@link #sync}: power loss
     * is the operating system's.
     * Stores that cannot append (object stores) may refuse.
     */
    OutputStream openAppend(String key) throws IOException;

    /** Removes the value of {@code key}; nothing happens if there is none. */
    void delete(String key) throws IOException;

    /**
     * Makes every value put or committed so far survive a power loss, if this store keeps its
     * data durable (a file-system store may be told not to, to save the cost): the writer calls
     * it once, at the end of a run, so the cost is paid in one batch and off the camera's path.
     * Stores whose writes are durable when they return (object stores) do nothing.
     */
    void sync() throws IOException;

    /** A value under construction; its writes may come from several threads at once. */
    interface PartialFile {
        /** Writes all remaining bytes at {@code position}. */
        void write(ByteBuffer bytes, long position) throws IOException;

        /**
         * Closes it and makes it the value of its key, atomically. A durable store forces its bytes
         * to the disk first, so that after a power loss the key never names an empty or partial value.
         */
        void commit() throws IOException;

        /** Closes and removes it. */
        void delete() throws IOException;

        /** Closes it without making it visible; it stays as a temporary file. */
        void close() throws IOException;
    }

    /** A partial value reopened after its writer died: its size is known, and it can be read and cut. */
    interface LeftPartial extends PartialFile {
        /** Bytes it holds: up to the end of its furthest write. */
        long size() throws IOException;

        /**
         * {@code length} bytes from byte {@code offset} (a shard's journal).
         *
         * @throws IOException if it holds fewer than {@code offset + length} bytes
         */
        ByteBuffer read(long offset, int length) throws IOException;

        /** Drops every byte from {@code size} on (chunk bytes no journal record lists). */
        void truncate(long size) throws IOException;
    }
}

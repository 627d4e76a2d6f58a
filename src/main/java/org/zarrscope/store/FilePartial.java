package org.zarrscope.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * A temporary file written with positional writes, renamed over its target on commit; opened
 * empty by {@link FileSystemStore#openPartial}, or with what a killed writer left by
 * {@link FileSystemStore#reopenPartial}.
 */
final class FilePartial implements Store.LeftPartial {
    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final boolean durable;
    private final Fsync fsync;
    private final Set<Path> unsyncedFolders;

    /**
     * @param durable         whether commit forces the bytes before the rename (the store's choice)
     * @param fsync           how they are forced
     * @param unsyncedFolders the store's folders waiting for its sync, where a durable commit
     *     leaves the target's folder: the rename is forced with it
     */
    FilePartial(Path target, Path temporary, FileChannel channel, boolean durable, Fsync fsync,
                Set<Path> unsyncedFolders) {
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
        this.durable = durable;
        this.fsync = fsync;
        this.unsyncedFolders = unsyncedFolders;
    }

    @Override
    public void write(ByteBuffer bytes, long position) throws IOException {
        ByteBuffer remaining = bytes.duplicate();
        long at = position;
        while (remaining.hasRemaining()) {
            at += channel.write(remaining, at);
        }
    }

    @Override
    public void commit() throws IOException {
        if (durable) {
            fsync.file(channel, temporary);
        }
        channel.close();
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (durable) {
            unsyncedFolders.add(target.getParent()); // the rename, forced with its folder at sync
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(temporary);
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public ByteBuffer read(long offset, int length) throws IOException {
        return RangeReads.readFully(channel, temporary, offset, length);
    }

    @Override
    public void truncate(long size) throws IOException {
        channel.truncate(size);
    }
}

package org.zarrscope.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Positional reads of a whole byte range of a file, shared by the {@link FileSystemStore} and the
 * partial files it opens: a range the file does not hold fails with the file's name and size
 * rather than returning fewer bytes.
 */
final class RangeReads {
    private RangeReads() {
    }

    static ByteBuffer readFully(FileChannel channel, Path file, long offset, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        readFully(channel, file, offset, bytes);
        bytes.flip();
        return bytes;
    }

    static void readFully(FileChannel channel, Path file, long offset, ByteBuffer target) throws IOException {
        long size = channel.size();
        int length = target.remaining();
        if (offset < 0 || offset + length > size) {
            throw new IOException(file + " holds " + size + " bytes; bytes " + offset + " to " + (offset + length)
                    + " were asked for");
        }
        long position = offset;
        while (target.hasRemaining()) {
            int read = channel.read(target, position);
            if (read < 0) {
                throw new IOException(file + " ended before byte " + (offset + length));
            }
            position += read;
        }
    }
}

package org.zarrscope.convert;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** What every TIFF reader here takes from a file's bytes: its byte order, and reads that fill a buffer. */
final class TiffBytes {
    private TiffBytes() {
    }

    /**
     * The byte order a TIFF's first two bytes name ({@code II} little-endian, {@code MM}
     * big-endian), or {@code null} for neither: not a TIFF.
     */
    static ByteOrder byteOrder(ByteBuffer header) {
        int first = header.get(0) & 0xff;
        int second = header.get(1) & 0xff;
        if (first == 'I' && second == 'I') {
            return ByteOrder.LITTLE_ENDIAN;
        }
        return first == 'M' && second == 'M' ? ByteOrder.BIG_ENDIAN : null;
    }

    /**
     * Fills {@code into} (position to limit) from {@code offset}.
     *
     * @throws EOFException naming the file, where it ended and {@code what} was being read, if it
     *                      ends first (cut short, or shrunk since its index was read)
     */
    static void readFully(FileChannel channel, long offset, ByteBuffer into, Path file, String what)
            throws IOException {
        long at = offset;
        while (into.hasRemaining()) {
            int read = channel.read(into, at);
            if (read < 0) {
                throw new EOFException(file + " ends at byte " + at + " inside " + what + " (from byte " + offset + ")");
            }
            at += read;
        }
    }
}

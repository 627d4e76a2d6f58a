package org.zarrscope.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the pixels of one image file of mmstudio's "separate image files" storage are: a TIFF that
 * ImageJ's {@code TiffEncoder} wrote (big-endian, one IFD, the image uncompressed in one strip,
 * after the IFD and ImageJ's own tags). Only the header and the first IFD's strip tags are read,
 * in two small reads; the image's Micro-Manager JSON is in the position's {@code metadata.txt}, so
 * nothing else of the file is needed. Not {@link OmeTiffFile}: that one finds IFDs through the
 * index map and header markers of mmstudio's multipage files, which these files do not have.
 */
final class SinglePlaneTiffFile {
    private static final int HEADER_BYTES = 8;
    private static final int IFD_ENTRY_BYTES = 12;
    private static final int COMPRESSION = 259;
    private static final int STRIP_OFFSETS = 273;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int TIFF_SHORT = 3;

    /** An image's pixels: {@code length} bytes from {@code offset}, samples in {@code order}. */
    static final class Strip {
        final long offset;
        final long length;
        final ByteOrder order;

        private Strip(long offset, long length, ByteOrder order) {
            this.offset = offset;
            this.length = length;
            this.order = order;
        }
    }

    private SinglePlaneTiffFile() {
    }

    /**
     * The file's one strip, or {@code null} when the file is missing or does not hold it whole (a
     * crash cut it short: its header, IFD or pixels reach past its end).
     *
     * @throws IOException if the file is not a TIFF, is compressed or holds more than one strip:
     *                     not as mmstudio writes them
     */
    static Strip strip(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER_BYTES) {
                return null;
            }
            ByteBuffer header = read(channel, 0, HEADER_BYTES, file);
            ByteOrder order = byteOrder(header, file);
            header.order(order);
            long ifd = Integer.toUnsignedLong(header.getInt(4));
            if (ifd + 2 > size) {
                return null;
            }
            int count = Short.toUnsignedInt(read(channel, ifd, 2, file).order(order).getShort(0));
            if (ifd + 2 + (long) count * IFD_ENTRY_BYTES > size) {
                return null;
            }
            ByteBuffer entries = read(channel, ifd + 2, count * IFD_ENTRY_BYTES, file).order(order);
            long offset = -1;
            long length = -1;
            for (int i = 0; i < count; i++) {
                int at = i * IFD_ENTRY_BYTES;
                int tag = Short.toUnsignedInt(entries.getShort(at));
                long values = Integer.toUnsignedLong(entries.getInt(at + 4));
                boolean isShort = Short.toUnsignedInt(entries.getShort(at + 2)) == TIFF_SHORT;
                long value = isShort ? Short.toUnsignedInt(entries.getShort(at + 8))
                        : Integer.toUnsignedLong(entries.getInt(at + 8));
                if ((tag == STRIP_OFFSETS || tag == STRIP_BYTE_COUNTS) && values != 1) {
                    throw new IOException(file + " holds its image in " + values + " strips; convert reads "
                            + "single-strip TIFFs, as Micro-Manager writes them");
                }
                if (tag == COMPRESSION && value != 1) {
                    throw new IOException(file + " is compressed (TIFF compression " + value + "); convert reads "
                            + "uncompressed TIFFs, as Micro-Manager writes them");
                }
                if (tag == STRIP_OFFSETS) {
                    offset = value;
                } else if (tag == STRIP_BYTE_COUNTS) {
                    length = value;
                }
            }
            if (offset < 0 || length < 0) {
                throw new IOException(file + " has no StripOffsets or StripByteCounts in its first IFD");
            }
            return offset + length > size ? null : new Strip(offset, length, order);
        }
    }

    /** Reads the strip's bytes into {@code into}, from its position. */
    static void readPixels(Path file, Strip strip, ByteBuffer into) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer target = into.duplicate();
            target.limit(target.position() + Math.toIntExact(strip.length));
            TiffBytes.readFully(channel, strip.offset, target, file, "its pixels");
        }
    }

    private static ByteOrder byteOrder(ByteBuffer header, Path file) throws IOException {
        ByteOrder order = TiffBytes.byteOrder(header);
        if (order == null || header.order(order).getShort(2) != 42) {
            throw new IOException(file + " is not a TIFF (no TIFF header)");
        }
        return order;
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        TiffBytes.readFully(channel, offset, buffer, file, "its header or IFD");
        buffer.flip();
        return buffer;
    }
}

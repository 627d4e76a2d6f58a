package org.zarrscope.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One file of a Micro-Manager multipage OME-TIFF dataset ({@code <prefix>_MMStack[_<position>][_<n>].ome.tif},
 * as mmstudio's {@code MultipageTiffWriter} lays it out), read through its own index rather than
 * by walking the TIFF:
 *
 * <ul>
 *   <li>The 8-byte TIFF header (byte order, 42, first IFD), then four (marker, value) pairs of
 *       32-bit numbers: the index map's offset (marker 54773648), the display settings' and the
 *       comments' (both written at close), and the summary's length (marker 2355492), whose JSON
 *       follows at byte 40.</li>
 *   <li>The index map (marker 3453623, then a count): per image its channel, z, time and position
 *       indices and the offset of its IFD, five 32-bit numbers. mmstudio reserves room for every
 *       image the file could hold and fills entries as images arrive, so the list ends at the
 *       first entry whose offset is 0 (a run that crashed never wrote the count).</li>
 *   <li>Each image's IFD: one uncompressed strip ({@code StripOffsets}, {@code StripByteCounts}),
 *       and the image's Micro-Manager JSON (its format, coordinates and metadata) in tag 51123.
 *       mmstudio also writes blank IFDs (to complete the OME planes); the index map leaves them out,
 *       so reading through it skips them.</li>
 * </ul>
 *
 * The OME-XML (the first IFD's ImageDescription) is derived by mmstudio from the same summary and
 * image JSON, and written last, at close: it is not read, so a file a crash cut short still gives
 * every image it holds.
 */
final class OmeTiffFile implements AutoCloseable {
    private static final int INDEX_MAP_OFFSET_MARKER = 54773648;
    private static final int INDEX_MAP_MARKER = 3453623;
    private static final int SUMMARY_MARKER = 2355492;
    private static final int HEADER_BYTES = 40;
    private static final int INDEX_ENTRY_BYTES = 20;
    /** Index map entries read at a time: 80 KB. */
    private static final int INDEX_ENTRIES_PER_READ = 4096;
    private static final int IFD_ENTRY_BYTES = 12;
    private static final int STRIP_OFFSETS = 273;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int MM_METADATA = 51123;
    private static final int TIFF_SHORT = 3;

    /** An image the index map lists: its indices and where its IFD is. */
    static final class Entry {
        final int channel;
        final int z;
        final int time;
        final int position;
        final long ifdOffset;

        private Entry(int channel, int z, int time, int position, long ifdOffset) {
            this.channel = channel;
            this.z = z;
            this.time = time;
            this.position = position;
            this.ifdOffset = ifdOffset;
        }

        @Override
        public String toString() {
            return "time " + time + ", position " + position + ", z " + z + ", channel " + channel;
        }
    }

    /** Where an image's pixels and JSON are in its file, read from its IFD. */
    static final class Plane {
        final long pixelOffset;
        final long pixelBytes;
        final long metadataOffset;
        final long metadataBytes;

        private Plane(long pixelOffset, long pixelBytes, long metadataOffset, long metadataBytes) {
            this.pixelOffset = pixelOffset;
            this.pixelBytes = pixelBytes;
            this.metadataOffset = metadataOffset;
            this.metadataBytes = metadataBytes;
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final ByteOrder order;
    private final long size;
    private final String summaryJson;
    private final List<Entry> entries;

    private OmeTiffFile(Path path, FileChannel channel, ByteOrder order, long size, String summaryJson,
            List<Entry> entries) {
        this.path = path;
        this.channel = channel;
        this.order = order;
        this.size = size;
        this.summaryJson = summaryJson;
        this.entries = Collections.unmodifiableList(entries);
    }

    /**
     * Opens {@code file} and reads its summary and index map.
     *
     * @throws IOException if it is not a Micro-Manager multipage TIFF or its header or index map cannot be read
     */
    static OmeTiffFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            ByteBuffer header = size < HEADER_BYTES ? null
                    : read(channel, 0, HEADER_BYTES, ByteOrder.LITTLE_ENDIAN, file, "its header");
            ByteOrder order = header == null ? null : TiffBytes.byteOrder(header);
            if (order == null || header.order(order).getShort(2) != 42 || header.getInt(32) != SUMMARY_MARKER) {
                throw new IOException(file + " is an OME-TIFF file but not one Micro-Manager's multipage TIFF "
                        + "storage wrote (no summary metadata in its header); convert reads Micro-Manager's only");
            }
            int summaryBytes = header.getInt(36);
            if (summaryBytes < 0 || summaryBytes > size - HEADER_BYTES) {
                throw new IOException(file + " gives its summary " + Integer.toUnsignedString(summaryBytes)
                        + " bytes, more than the file holds");
            }
            String summary = text(read(channel, HEADER_BYTES, summaryBytes, order, file, "its summary"));
            if (header.getInt(8) != INDEX_MAP_OFFSET_MARKER) {
                throw new IOException(file + " has no index map offset at byte 8");
            }
            long indexMap = Integer.toUnsignedLong(header.getInt(12));
            ByteBuffer mapHeader = read(channel, indexMap, 8, order, file, "its index map");
            if (mapHeader.getInt(0) != INDEX_MAP_MARKER) {
                throw new IOException(file + " has no index map at byte " + indexMap);
            }
            long listed = Integer.toUnsignedLong(mapHeader.getInt(4));
            long room = Math.max(0, Math.min(listed, (size - indexMap - 8) / INDEX_ENTRY_BYTES));
            return new OmeTiffFile(file, channel, order, size, summary,
                    entries(channel, indexMap + 8, room, order, file));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The index map's entries up to the first whose offset is 0 (the end of those written: the rest
     * of the room mmstudio reserved, which for small images is tens of MB, is zeros and not read).
     */
    private static List<Entry> entries(FileChannel channel, long start, long room, ByteOrder order, Path file)
            throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (long read = 0; read < room; read += INDEX_ENTRIES_PER_READ) {
            int count = (int) Math.min(INDEX_ENTRIES_PER_READ, room - read);
            ByteBuffer map = read(channel, start + read * INDEX_ENTRY_BYTES, count * INDEX_ENTRY_BYTES, order, file,
                    "its index map");
            for (int i = 0; i < count; i++) {
                int at = i * INDEX_ENTRY_BYTES;
                long ifd = Integer.toUnsignedLong(map.getInt(at + 16));
                if (ifd == 0) {
                    return entries;
                }
                entries.add(new Entry(map.getInt(at), map.getInt(at + 4), map.getInt(at + 8), map.getInt(at + 12),
                        ifd));
            }
        }
        return entries;
    }

    Path path() {
        return path;
    }

    /** The summary JSON mmstudio wrote into the header. */
    String summaryJson() {
        return summaryJson;
    }

    /** The images the index map lists, in the order they were written. */
    List<Entry> entries() {
        return entries;
    }

    ByteOrder order() {
        return order;
    }

    /**
     * The image's IFD, or {@code null} when the file does not hold it whole: its IFD, pixels or
     * JSON reach past the end of the file, or its IFD is zeros (mmstudio sizes a file for the whole
     * run before writing, so a crash leaves zeros where images never came).
     */
    Plane plane(Entry entry) throws IOException {
        if (entry.ifdOffset + 2 > size) {
            return null;
        }
        int count = Short.toUnsignedInt(read(channel, entry.ifdOffset, 2, order, path, "an IFD").getShort(0));
        if (count == 0 || entry.ifdOffset + 2 + (long) count * IFD_ENTRY_BYTES > size) {
            return null;
        }
        ByteBuffer ifd = read(channel, entry.ifdOffset + 2, count * IFD_ENTRY_BYTES, order, path, "an IFD");
        long pixelOffset = 0;
        long pixelBytes = 0;
        long metadataOffset = 0;
        long metadataBytes = 0;
        for (int i = 0; i < count; i++) {
            int at = i * IFD_ENTRY_BYTES;
            int tag = Short.toUnsignedInt(ifd.getShort(at));
            int type = Short.toUnsignedInt(ifd.getShort(at + 2));
            long valueCount = Integer.toUnsignedLong(ifd.getInt(at + 4));
            long value = type == TIFF_SHORT && valueCount == 1 ? Short.toUnsignedInt(ifd.getShort(at + 8))
                    : Integer.toUnsignedLong(ifd.getInt(at + 8));
            if (tag == STRIP_OFFSETS) {
                pixelOffset = value;
            } else if (tag == STRIP_BYTE_COUNTS) {
                pixelBytes = value;
            } else if (tag == MM_METADATA) {
                metadataOffset = value;
                metadataBytes = valueCount;
            }
        }
        if (pixelOffset == 0 || pixelBytes == 0 || metadataOffset == 0 || metadataBytes == 0
                || pixelOffset + pixelBytes > size || metadataOffset + metadataBytes > size) {
            return null;
        }
        return new Plane(pixelOffset, pixelBytes, metadataOffset, metadataBytes);
    }

    /** Reads the image's pixel bytes into {@code into} (from its position, {@code pixelBytes} of them). */
    void readPixels(Plane plane, ByteBuffer into) throws IOException {
        ByteBuffer target = into.duplicate();
        target.limit(target.position() + Math.toIntExact(plane.pixelBytes));
        TiffBytes.readFully(channel, plane.pixelOffset, target, path, "an image's pixels");
    }

    /** The image's Micro-Manager JSON (tag 51123, without its closing NUL). */
    String readMetadata(Plane plane) throws IOException {
        return text(read(channel, plane.metadataOffset, Math.toIntExact(plane.metadataBytes), order, path,
                "an image's metadata"));
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot close " + path + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length, ByteOrder order, Path file,
            String what) throws IOException {
        if (length < 0) {
            throw new IOException(file + ": " + what + " has a negative length");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(order);
        TiffBytes.readFully(channel, offset, buffer, file, what);
        return buffer.flip().order(order);
    }

    /** UTF-8 text up to its first NUL (mmstudio ends the image JSON with one). */
    private static String text(ByteBuffer bytes) {
        int end = bytes.position();
        while (end < bytes.limit() && bytes.get(end) != 0) {
            end++;
        }
        return new String(bytes.array(), bytes.arrayOffset() + bytes.position(), end - bytes.position(),
                StandardCharsets.UTF_8);
    }
}

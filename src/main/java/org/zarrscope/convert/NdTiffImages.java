package org.zarrscope.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import mmcorej.org.json.JSONException;
import mmcorej.org.json.JSONObject;

/**
 * An NDTiff dataset's data files opened for positional reads, where {@link NdTiffIndex} says each
 * image is: its pixels straight into one direct buffer reused for every image, its tags as JSON.
 *
 * <p>Why not NDTiffStorage's reader, which {@link NdTiffSource} opens anyway: for every image it
 * reads into a fresh heap buffer (the JDK copies through a temporary direct buffer of its own) and
 * then copies pixel by pixel into a fresh {@code short[]}, so a conversion allocates 8 MiB twice
 * per 2048² image, and on the 2-core VM the heap those arrays make grow costs kernel time
 * (first-touch page faults). Here an image costs one kernel copy into memory that stays
 * resident, and the writer copies it once into its ring ({@code docs/benchmarks.md}, "Converting
 * NDTiff"). The pixel bytes are those NDTiffStorage reads, in the data file's byte order (TIFF's
 * {@code II} or {@code MM}); RGB images, 3 bytes a pixel on disk, are expanded to the
 * B, G, R, A that NDTiffStorage hands out. Not thread-safe: one thread reads.
 */
final class NdTiffImages implements AutoCloseable {
    private static final int UNCOMPRESSED = 0;

    private final Path folder;
    private final Map<String, FileChannel> files = new HashMap<>();
    private final Map<String, ByteOrder> orders = new HashMap<>();
    private final ByteBuffer disk;
    /** The B, G, R, A bytes of the last RGB image; none for a grey dataset. */
    private final BgraPixels bgra;

    /** @param largest the entry with the most pixel bytes: the buffers are made once, for it */
    NdTiffImages(Path folder, NdTiffIndex.Entry largest) {
        this.folder = folder;
        this.disk = ByteBuffer.allocateDirect(Math.toIntExact(largest.pixelBytes()));
        this.bgra = new BgraPixels(largest.rgb() ? (long) largest.width * largest.height : 0);
    }

    /**
     * An image's pixels as a writer takes them (position to limit, in the buffer's byte order:
     * grey samples, or B, G, R, A for RGB), in a buffer that the next call overwrites.
     *
     * @throws IOException if the file cannot be read, ends before the image does (it shrank since
     *                     the index was read), or the image is compressed
     */
    ByteBuffer pixels(NdTiffIndex.Entry entry) throws IOException {
        if (entry.pixelCompression != UNCOMPRESSED) {
            throw new IOException(folder.resolve(entry.dataFile) + ": the image " + entry.axes + " is compressed "
                    + "(NDTiff compression code " + entry.pixelCompression + "), which convert does not read");
        }
        ByteBuffer target = disk.duplicate().order(order(entry.dataFile));
        target.clear().limit(Math.toIntExact(entry.pixelBytes()));
        readFully(entry.dataFile, target, entry.pixelOffset, "pixels of " + entry.axes);
        target.flip();
        return entry.rgb() ? bgra.from(target) : target;
    }

    /** An image's tags (NDTiffStorage's image metadata). */
    JSONObject tags(NdTiffIndex.Entry entry) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(entry.metadataLength);
        readFully(entry.dataFile, bytes, entry.metadataOffset, "metadata of " + entry.axes);
        try {
            return new JSONObject(new String(bytes.array(), StandardCharsets.UTF_8));
        } catch (JSONException e) {
            throw new IOException(folder.resolve(entry.dataFile) + ": the metadata of the image " + entry.axes
                    + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** @throws UncheckedIOException with the first file that failed to close; every file is closed */
    @Override
    public void close() {
        IOException first = null;
        for (FileChannel channel : files.values()) {
            try {
                channel.close();
            } catch (IOException e) { // every other file is still closed; the first failure is reported
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        files.clear();
        if (first != null) {
            throw new UncheckedIOException("cannot close a data file of " + folder + ": " + first.getMessage(), first);
        }
    }

    private void readFully(String dataFile, ByteBuffer target, long offset, String what) throws IOException {
        TiffBytes.readFully(channel(dataFile), offset, target, folder.resolve(dataFile), "the " + what);
    }

    private FileChannel channel(String dataFile) throws IOException {
        FileChannel channel = files.get(dataFile);
        if (channel == null) {
            channel = FileChannel.open(folder.resolve(dataFile), StandardOpenOption.READ);
            files.put(dataFile, channel);
        }
        return channel;
    }

    /** A data file's byte order, from its header, read once per file. */
    ByteOrder order(String dataFile) throws IOException {
        ByteOrder order = orders.get(dataFile);
        if (order == null) {
            ByteBuffer header = ByteBuffer.allocate(2);
            readFully(dataFile, header, 0, "TIFF header");
            order = TiffBytes.byteOrder(header);
            if (order == null) {
                throw new IOException(folder.resolve(dataFile) + " is not a TIFF file (it starts with neither II "
                        + "nor MM)");
            }
            orders.put(dataFile, order);
        }
        return order;
    }
}

package org.zarrscope.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mmcorej.org.json.JSONException;
import mmcorej.org.json.JSONObject;
import org.zarrscope.micromanager.mda.MdaJson;

/**
 * An NDTiff dataset's {@code NDTiff.index}, read in the order its images were written, with each
 * image's bytes checked against the size of its data file.
 *
 * <p>NDTiffStorage's own reader cannot tell a complete image from one a crash cut off: it reads
 * whatever bytes the file still holds (the rest stay zeros), and it keeps the index in a sorted
 * map, which loses the order of acquisition. So the index is read here (its layout: per image the
 * axes as JSON and the data file's name, each after its length, then eight 32-bit numbers: pixel
 * offset, width, height, pixel type, pixel compression, metadata offset, metadata length,
 * metadata compression), stopping at an entry that is itself cut off; an image whose pixels or
 * metadata reach past the end of its file is listed as cut off. The offsets and lengths are where
 * {@link NdTiffImages} reads each image's pixels and tags.
 */
final class NdTiffIndex {
    static final String FILE_NAME = "NDTiff.index";
    /** NDTiffStorage's pixel type codes: 8 bit, 8-bit RGB; every other code (10 to 16 bit) is 2 bytes a pixel. */
    private static final int EIGHT_BIT = 0;
    private static final int EIGHT_BIT_RGB = 2;
    private static final int NUMBERS = 8;

    /** One image the index lists. */
    static final class Entry {
        final Map<String, Object> axes;
        final int width;
        final int height;
        final int pixelType;
        /** The data file's name, in the index's folder. */
        final String dataFile;
        /** Where the image's pixels start in its data file: one strip, so they are contiguous. */
        final long pixelOffset;
        /** NDTiffStorage's pixel compression code: 0 for none. */
        final int pixelCompression;
        /** Where the image's tags (JSON) start in its data file, and their length in bytes. */
        final long metadataOffset;
        final int metadataLength;

        private Entry(Map<String, Object> axes, int width, int height, int pixelType, String dataFile,
                long pixelOffset, int pixelCompression, long metadataOffset, int metadataLength) {
            this.axes = Collections.unmodifiableMap(axes);
            this.width = width;
            this.height = height;
            this.pixelType = pixelType;
            this.dataFile = dataFile;
            this.pixelOffset = pixelOffset;
            this.pixelCompression = pixelCompression;
            this.metadataOffset = metadataOffset;
            this.metadataLength = metadataLength;
        }

        /** Bytes of the image's pixels in its data file (uncompressed). */
        long pixelBytes() {
            return (long) width * height * bytesPerPixel();
        }

        /**
         * Bytes of one pixel on disk: 1 for 8 bit, 3 for RGB, else 2. NDTiffStorage is handed RGB
         * images as 4 bytes a pixel (B, G, R, A) but writes them as 3 (R, G, B: the alpha dropped).
         */
        int bytesPerPixel() {
            return pixelType == EIGHT_BIT ? 1 : pixelType == EIGHT_BIT_RGB ? 3 : 2;
        }

        boolean rgb() {
            return pixelType == EIGHT_BIT_RGB;
        }
    }

    private final List<Entry> complete;
    private final List<Map<String, Object>> cutOff;

    private NdTiffIndex(List<Entry> complete, List<Map<String, Object>> cutOff) {
        this.complete = Collections.unmodifiableList(complete);
        this.cutOff = Collections.unmodifiableList(cutOff);
    }

    /**
     * Reads the index of the images in {@code folder} (the folder the index and data files are in).
     *
     * @throws IOException if there is no index or it cannot be read
     */
    static NdTiffIndex read(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        ByteBuffer index;
        try {
            index = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (NoSuchFileException e) {
            throw new IOException(folder + " holds no " + FILE_NAME + "; is it an NDTiff dataset?", e);
        }
        Map<String, Long> fileSizes = new HashMap<>();
        List<Entry> complete = new ArrayList<>();
        List<Map<String, Object>> cutOff = new ArrayList<>();
        while (index.remaining() >= 4) {
            String axesJson = text(index);
            String dataFile = text(index);
            if (axesJson == null || dataFile == null || axesJson.isEmpty() || index.remaining() < NUMBERS * 4) {
                break; // the end of what a killed writer wrote (its index is zeros beyond), or a cut-off entry
            }
            long[] numbers = new long[NUMBERS];
            for (int i = 0; i < NUMBERS; i++) {
                numbers[i] = Integer.toUnsignedLong(index.getInt());
            }
            Entry entry = new Entry(axes(axesJson, file), (int) numbers[1], (int) numbers[2], (int) numbers[3], dataFile,
                    numbers[0], (int) numbers[4], numbers[5], (int) numbers[6]);
            long pixelsEnd = entry.pixelOffset + entry.pixelBytes();
            long metadataEnd = entry.metadataOffset + numbers[6];
            Long known = fileSizes.get(dataFile);
            long size = known != null ? known : sizeOf(folder.resolve(dataFile));
            fileSizes.put(dataFile, size);
            if (Math.max(pixelsEnd, metadataEnd) <= size) {
                complete.add(entry);
            } else {
                cutOff.add(entry.axes);
            }
        }
        return new NdTiffIndex(complete, cutOff);
    }

    /** The images whose bytes are all in their files, in the order they were written. */
    List<Entry> complete() {
        return complete;
    }

    /** The axes of images the index lists but whose bytes their file no longer (or never) held in full. */
    List<Map<String, Object>> cutOff() {
        return cutOff;
    }

    /** A length-prefixed string, or {@code null} when the index ends inside it. */
    private static String text(ByteBuffer index) {
        if (index.remaining() < 4) {
            return null;
        }
        int length = index.getInt();
        if (length < 0 || length > index.remaining()) {
            return null;
        }
        byte[] bytes = new byte[length];
        index.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The axes as the tags of an AcqEngJ image hold them, read as the live route reads them. */
    private static Map<String, Object> axes(String json, Path file) throws IOException {
        try {
            return MdaJson.axes(new JSONObject().put("Axes", new JSONObject(json)));
        } catch (JSONException e) {
            throw new IOException(file + " lists an image whose axes cannot be read ('" + json + "'): "
                    + e.getMessage(), e);
        }
    }

    /**
     * A data file's size; 0 when it is gone (its images are then cut off). Any other failure (no
     * permission to read it, say) is reported as what it is, not as missing images.
     */
    private static long sizeOf(Path dataFile) throws IOException {
        try {
            return Files.size(dataFile);
        } catch (NoSuchFileException gone) {
            return 0; // a missing data file holds none of its images: they are reported as cut off
        }
    }
}

package org.zarrscope.convert;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.zarrscope.FrameCoordinates;

/**
 * Where each image of a source lies in its files, for a {@link ReferenceDataset} to point at: one
 * contiguous run of bytes per image ({@code [file, offset, length]}) that is, byte for byte, an
 * uncompressed little-endian Zarr chunk of the whole image. A source gives them
 * ({@link ConvertibleSource#pixelRuns}) only when that holds for every image; the refusals below
 * are its one-line reasons when it does not.
 */
public final class PixelRuns {
    /** An image's pixels: {@code length} bytes from {@code offset} in {@code file}, a name in {@link #folder()}. */
    static final class Run {
        final String file;
        final long offset;
        final long length;

        Run(String file, long offset, long length) {
            this.file = file;
            this.offset = offset;
            this.length = length;
        }
    }

    private final Path folder;
    private final Map<FrameCoordinates, Run> runs;

    /**
     * @param folder the folder of the files the runs name
     * @param runs   every image of the source whose bytes are all there, by where it goes
     */
    PixelRuns(Path folder, Map<FrameCoordinates, Run> runs) {
        this.folder = folder;
        this.runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
    }

    /** The folder of the files the runs name. */
    Path folder() {
        return folder;
    }

    /** Every image whose bytes are all in the source, by where it goes. */
    Map<FrameCoordinates, Run> runs() {
        return runs;
    }

    /** The refusal of RGB images: Zarr would need a channel axis the interleaved samples do not have. */
    static IllegalArgumentException rgbRefused(Path source) {
        return new IllegalArgumentException(source + " holds RGB images; --reference needs grey ones (8 or 16 bit): "
                + "convert it without --reference");
    }

    /**
     * Nothing, or the refusal of a file whose multi-byte samples are big-endian (Zarr's chunks here
     * are {@code <u2}); single bytes have no order, so an 8-bit file may be either.
     */
    static void requireLittleEndian(Path file, ByteOrder order, int bytesPerSample) {
        if (bytesPerSample > 1 && order != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException(file + " is not a little-endian TIFF; --reference needs little-endian "
                    + "pixels (Zarr's <u2): convert it without --reference");
        }
    }
}

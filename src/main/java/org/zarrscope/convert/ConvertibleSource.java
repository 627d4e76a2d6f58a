package org.zarrscope.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import mmcorej.TaggedImage;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.micromanager.mda.MdaSummary;

/**
 * A saved Micro-Manager dataset opened for conversion: its run as an {@link MdaSummary} and its
 * images as Micro-Manager's tagged images (pixels and JSON tags), by dataset coordinates, so every
 * format goes through the same mapping ({@code MdaJson}, {@code MdaSettings}) as a live run.
 * {@link NdTiffSource} reads NDTiff, {@link OmeTiffSource} mmstudio's multipage OME-TIFF,
 * {@link SinglePlaneTiffSource} mmstudio's separate image files; {@link Sources#open} tells them apart.
 */
public interface ConvertibleSource extends AutoCloseable {
    /** The run as a live route would declare it, completed from the images present. */
    MdaSummary summary();

    /** Where the images whose bytes are all in the source go. */
    Set<FrameCoordinates> frames();

    /** Images the source lists, complete or cut off. */
    int listed();

    /**
     * Images the source lists but cannot place in the dataset (so not converted), each as its file
     * and why, in one phrase: their place is not in {@link #frames()} nor guessed. None by default.
     */
    default List<String> unplaced() {
        return List.of();
    }

    /** The dataset folder (or the file) the user gave. */
    Path folder();

    /**
     * The pixels and tags of an image of {@link #frames()}. The pixels are a {@code ByteBuffer} of
     * grey samples, or B, G, R, A bytes for RGB (position to limit, in the buffer's byte order),
     * that the source reuses for every image: valid until its next read, so copied, not kept.
     *
     * @throws IOException if it cannot be read
     */
    TaggedImage read(FrameCoordinates frame) throws IOException;

    /**
     * Where each image's pixels lie in the source's files, for a {@link ReferenceDataset} to point
     * at instead of copying them.
     *
     * @throws IllegalArgumentException in one line naming the source or file and why, when an
     *                                  image's bytes could not be an uncompressed little-endian chunk as they are
     * @throws IOException              if the files cannot be read
     */
    PixelRuns pixelRuns() throws IOException;

    @Override
    void close();
}

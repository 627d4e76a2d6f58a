package org.zarrscope.micromanager.mda;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an mmstudio {@code Storage} stands on, in plain types: Micro-Manager coordinates (axis name →
 * index; a missing axis is 0), images and summaries as {@link MdaImage} and {@link MdaSummary}. The
 * mmstudio adapter only converts types and calls these methods one for one, so everything a
 * Storage does is here and tested: {@link MdaRun} saves a run, {@link SavedDataset} shows one
 * saved before.
 */
public interface MdaStorage extends AutoCloseable {
    /** What is known about the run: everything the summary gave, and the first image's format once it came. */
    MdaSummary summary();

    /** The axes images are placed along, outermost first. */
    List<String> axes();

    /**
     * Micro-Manager's summary of the run (it may come before or after the storage is installed).
     *
     * @throws IllegalStateException if the images' layout is fixed already (the message says why)
     */
    void updateSummary(MdaSummary summary);

    /**
     * Saves one image; {@code format} describes it (a run takes its frame size, pixel type and
     * pixel size from the first image). The pixels are kept by reference: do not change them.
     */
    void put(Map<String, Integer> coordinates, Object pixels, MdaFrameMetadata metadata, MdaImageFormat format)
            throws IOException;

    /** The image at these coordinates, or {@code null} if there is none. */
    MdaImage get(Map<String, Integer> coordinates) throws IOException;

    boolean hasImage(Map<String, Integer> coordinates);

    /** The images with the given index along each axis of {@code fixed}, any index along the others. */
    List<MdaImage> matching(Map<String, Integer> fixed) throws IOException;

    /** The images sharing {@code coordinates} on every axis but the ignored ones. */
    List<MdaImage> ignoringAxes(Map<String, Integer> coordinates, Collection<String> ignored) throws IOException;

    /** Some image, or {@code null} when there is none. */
    MdaImage any() throws IOException;

    /** Coordinates of every image, in no particular order. */
    List<Map<String, Integer>> savedCoordinates();

    /** The highest index along an axis, or -1 when there is no image. */
    int maxIndex(String axis);

    /** The highest index along every axis (-1 when there is no image). */
    Map<String, Integer> maxIndices();

    /** Images held. */
    int count();

    /** No more images: finishes what is being written, telling {@code progress} what is done. */
    void freeze(Consumer<String> progress) throws IOException;

    /** Releases memory, threads and files. */
    @Override
    void close() throws IOException;
}

package org.zarrscope.micromanager.mda;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FinishProgress;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameRejectedException;
import org.zarrscope.WriterSettings;
import org.zarrscope.WriterStatistics;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.zarr.ZarrLayout;

/**
 * A Micro-Manager run being saved as OME-Zarr that can be viewed while it is acquired: what
 * stands behind the mmstudio {@code Storage}. {@link #put} hands an image to the
 * {@link AcquisitionWriter} and returns (one copy of the pixels; compression and disk writes
 * happen on the writer's threads). Every image accepted can be read back at once: recent ones
 * from memory, older ones from the dataset (see {@link AcceptedFrames} for what stays in memory).
 * {@link #freeze} finishes the dataset, {@link #close} releases everything.
 *
 * <p>Coordinates are Micro-Manager's (axis name → index; a missing axis is 0). Methods may be
 * called from several threads.
 */
public final class LiveDataset implements AutoCloseable {
    private enum State { OPEN, FROZEN, CLOSED }

    private final MdaSummary summary;
    private final MdaCoordinates coordinates;
    private final AcquisitionWriter writer;
    private final AcceptedFrames frames;
    private final DatasetFrames dataset;
    private final long frameBytes;
    private volatile State state = State.OPEN;

    private LiveDataset(MdaSummary summary, WriterSettings settings, SaveOptions options) throws IOException {
        this.summary = summary;
        this.coordinates = new MdaCoordinates(summary);
        this.frameBytes = (long) settings.width() * settings.height() * summary.pixelType().bytesPerPixel();
        this.frames = new AcceptedFrames(options.viewerCacheMiB() << 20, ReadablePieces.piecesPerFrame(settings));
        ReadablePieces pieces = new ReadablePieces(settings, frames);
        FileSystemStore files = new FileSystemStore(settings.output(), settings.durable());
        this.writer = AcquisitionWriter.open(settings, new WatchedStore(files, pieces::keyReadable));
        String[] arrayPaths = arrayPaths(writer, settings.positionCount());
        pieces.watch(arrayPaths);
        this.dataset = new DatasetFrames(files, arrayPaths, summary.pixelType(), settings.width(), settings.height());
    }

    /**
     * Opens a new dataset in {@code output} (which must not hold data yet) for the run the
     * summary describes.
     *
     * @throws org.zarrscope.SettingsException if the summary or options cannot make a dataset (the message says why)
     * @throws IOException if the folder holds data already or cannot be written
     */
    public static LiveDataset open(MdaSummary summary, SaveOptions options, Path output) throws IOException {
        WriterSettings settings = MdaSettings.writerSettings(summary, options, output);
        AcquisitionWriter.refuseExistingData(output);
        return new LiveDataset(summary, settings, options);
    }

    private static String[] arrayPaths(AcquisitionWriter writer, int positions) {
        String[] paths = new String[positions];
        for (int p = 0; p < positions; p++) {
            paths[p] = ZarrLayout.join(writer.imagePath(p), AcquisitionWriter.FULL_RESOLUTION_PATH);
        }
        return paths;
    }

    public MdaSummary summary() { return summary; }

    /** The dataset folder. */
    public Path output() { return writer.settings().output(); }

    /**
     * The image group of a stage position in the dataset: {@code ""} for a single position,
     * {@code "0"}, {@code "1"}, … for several, {@code "B/3/0"} in a plate; its full-resolution
     * array is {@code <imagePath>/0}.
     */
    public String imagePath(int position) { return writer.imagePath(position); }

    /** The axes images are placed along, outermost first. */
    public List<String> axes() { return coordinates.axes(); }

    /**
     * Saves one image. The pixel array is kept by reference for the viewer until the image is on
     * disk (and a while after, within the memory allowed): do not change it afterwards.
     *
     * @param pixels   {@code byte[]} (GRAY8, or RGB32 as B, G, R, A), {@code short[]} (GRAY16) or {@code float[]} (GRAY32)
     * @throws FrameRejectedException if the image was saved before, its coordinates are outside the run
     *                                or its pixels do not match the run's frame size and type
     * @throws IllegalStateException  after {@link #freeze} or {@link #close}
     */
    public void put(Map<String, Integer> imageCoordinates, Object pixels, MdaFrameMetadata metadata) {
        if (state != State.OPEN) {
            throw new IllegalStateException("the dataset " + output() + " is " + (state == State.FROZEN ? "frozen" : "closed")
                    + "; the image at " + imageCoordinates + " was not saved");
        }
        FrameCoordinates frame = coordinates.toFrame(imageCoordinates);
        if (!frames.accept(frame, pixels, metadata, frameBytes)) {
            throw new FrameRejectedException("an image at " + imageCoordinates + " was saved before; each is saved once");
        }
        try {
            writer.handOver(frame, pixels, metadata.toFrameMetadata());
        } catch (RuntimeException e) {
            frames.withdraw(frame);
            throw e;
        }
        frames.confirm(coordinates.toAxes(frame));
    }

    /** The image at these coordinates, or {@code null} if none was saved there. */
    public MdaImage get(Map<String, Integer> imageCoordinates) throws IOException {
        return get(coordinates.toFrame(imageCoordinates));
    }

    private MdaImage get(FrameCoordinates frame) throws IOException {
        if (!frames.isAccepted(frame)) {
            return null;
        }
        AcceptedFrames.Kept kept = frames.kept(frame);
        if (kept != null) {
            return new MdaImage(coordinates.toAxes(frame), kept.pixels, kept.metadata);
        }
        if (state == State.CLOSED) {
            throw new IllegalStateException("the dataset " + output() + " is closed");
        }
        return new MdaImage(coordinates.toAxes(frame), dataset.read(frame), MdaFrameMetadata.NONE);
    }

    public boolean hasImage(Map<String, Integer> imageCoordinates) {
        return frames.isAccepted(coordinates.toFrame(imageCoordinates));
    }

    /**
     * The images whose index along each axis of {@code fixed} is the one given there; other axes
     * may have any index (mmstudio's {@code getImagesMatching}).
     */
    public List<MdaImage> matching(Map<String, Integer> fixed) throws IOException {
        coordinates.toFrame(fixed); // refuses unknown axes
        List<String> free = new ArrayList<>();
        for (String axis : coordinates.axes()) {
            if (!fixed.containsKey(axis)) {
                free.add(axis);
            }
        }
        List<MdaImage> images = new ArrayList<>();
        collect(new LinkedHashMap<>(fixed), free, 0, images);
        return images;
    }

    /**
     * The images that share {@code imageCoordinates} on every axis but the ignored ones
     * (mmstudio's {@code getImagesIgnoringAxes}, e.g. all channels of one plane).
     */
    public List<MdaImage> ignoringAxes(Map<String, Integer> imageCoordinates, Collection<String> ignored)
            throws IOException {
        Map<String, Integer> fixed = new LinkedHashMap<>();
        for (String axis : coordinates.axes()) {
            if (!ignored.contains(axis)) {
                fixed.put(axis, imageCoordinates.getOrDefault(axis, 0));
            }
        }
        return matching(fixed);
    }

    /** Visits every combination of the free axes' indices seen so far, collecting the images saved there. */
    private void collect(Map<String, Integer> at, List<String> free, int level, List<MdaImage> images)
            throws IOException {
        if (level == free.size()) {
            MdaImage image = get(coordinates.toFrame(at));
            if (image != null) {
                images.add(image);
            }
            return;
        }
        String axis = free.get(level);
        for (int index = 0; index <= frames.maxIndex(axis); index++) {
            at.put(axis, index);
            collect(at, free, level + 1, images);
        }
        at.remove(axis);
    }

    /** Some saved image, or {@code null} before the first. */
    public MdaImage any() throws IOException {
        FrameCoordinates frame = frames.anyAccepted();
        return frame == null ? null : get(frame);
    }

    /** Coordinates of every saved image, in no particular order. */
    public List<Map<String, Integer>> savedCoordinates() {
        List<Map<String, Integer>> all = new ArrayList<>();
        for (FrameCoordinates frame : frames.acceptedFrames()) {
            all.add(coordinates.toAxes(frame));
        }
        return all;
    }

    /** The highest index along an axis among the saved images, or -1 before the first image. */
    public int maxIndex(String axis) {
        return frames.maxIndex(axis);
    }

    /** The highest index along every axis of the run (-1 before the first image). */
    public Map<String, Integer> maxIndices() {
        Map<String, Integer> indices = new LinkedHashMap<>();
        for (String axis : coordinates.axes()) {
            indices.put(axis, frames.maxIndex(axis));
        }
        return indices;
    }

    /** Images saved. */
    public int count() {
        return frames.count();
    }

    /** Bytes of pixels held in memory for the viewer. */
    public long bytesInMemory() {
        return frames.keptBytes();
    }

    /** The writer's counters, cheap enough for a progress display. */
    public WriterStatistics statistics() {
        return writer.statistics();
    }

    public boolean isFrozen() {
        return state != State.OPEN;
    }

    /**
     * Finishes the dataset: writes every image saved and the final metadata, then refuses more
     * images. Blocks until the data is on disk; {@code progress} hears what is being done.
     * Images stay readable afterwards.
     *
     * @throws org.zarrscope.WriterFailedException if chunks could not be written (the rest stays readable)
     */
    public void freeze(Consumer<String> progress) throws IOException {
        if (state != State.OPEN) {
            return;
        }
        state = State.FROZEN;
        progress.accept("Writing the last images and the metadata of " + output().getFileName());
        FinishProgress.watch(writer, writer::finish, (done, total) -> progress.accept(String.format(
                "Building the pyramid of %s: %d of %d chunks", output().getFileName(), done, total)));
        progress.accept("Saved " + count() + " images in " + output());
    }

    /** Releases memory and threads; an unfrozen dataset is finished as aborted first. */
    @Override
    public void close() throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        try {
            writer.close();
        } finally {
            frames.clear();
        }
    }
}

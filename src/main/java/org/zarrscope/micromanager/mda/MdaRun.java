package org.zarrscope.micromanager.mda;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.zarrscope.micromanager.UniqueName;

/**
 * A Micro-Manager run saved while it is acquired, in the order an mmstudio {@code Storage} learns
 * about it: the summary first (replaced if Micro-Manager sends a new one before the first image),
 * then the images. The first image completes the summary with the frame size, pixel type and
 * pixel calibration the summary lacks, and opens the {@link LiveDataset} in {@link #output()};
 * until then the run answers as an empty dataset with the summary's axes.
 */
public final class MdaRun implements MdaStorage {
    private final Path output;
    private final SaveOptions options;
    private volatile MdaSummary summary = MdaSummary.builder().build();
    private volatile LiveDataset dataset;
    private volatile boolean frozen;

    /** @param output the dataset folder, which must not hold data yet (see {@link UniqueName#next}) */
    public MdaRun(Path output, SaveOptions options) {
        this.output = output;
        this.options = options;
    }

    public Path output() { return output; }

    /**
     * The run's summary, as Micro-Manager describes it before the first image. Its axes are
     * checked now, so a run Zarrscope cannot store is refused before it starts.
     *
     * @throws org.zarrscope.SettingsException if the summary has an axis Zarrscope does not store (named)
     * @throws IllegalStateException           once the first image has opened the dataset, whose layout the summary fixed
     */
    @Override
    public synchronized void updateSummary(MdaSummary newSummary) {
        if (dataset != null) {
            throw new IllegalStateException("the summary of " + output + " cannot change after its first image;"
                    + " the dataset keeps the summary it was opened with");
        }
        new MdaCoordinates(newSummary);
        summary = newSummary;
    }

    @Override
    public MdaSummary summary() {
        LiveDataset open = dataset;
        return open != null ? open.summary() : summary;
    }

    @Override
    public List<String> axes() {
        LiveDataset open = dataset;
        return open != null ? open.axes() : new MdaCoordinates(summary).axes();
    }

    /**
     * Saves one image; the first one opens the dataset.
     *
     * @throws org.zarrscope.SettingsException if the summary and the first image cannot make a dataset (the message says why)
     * @throws IOException                     if the dataset folder holds data already or cannot be written
     * @throws IllegalStateException           after {@link #freeze}
     */
    @Override
    public void put(Map<String, Integer> coordinates, Object pixels, MdaFrameMetadata metadata, MdaImageFormat format)
            throws IOException {
        opened(format).put(coordinates, pixels, metadata);
    }

    private synchronized LiveDataset opened(MdaImageFormat format) throws IOException {
        if (dataset == null) {
            if (frozen) {
                throw new IllegalStateException("the run saved at " + output + " is frozen; no more images are saved");
            }
            dataset = LiveDataset.open(format.completes(summary), options, output);
        }
        return dataset;
    }

    @Override
    public MdaImage get(Map<String, Integer> coordinates) throws IOException {
        LiveDataset open = dataset;
        return open == null ? null : open.get(coordinates);
    }

    @Override
    public boolean hasImage(Map<String, Integer> coordinates) {
        LiveDataset open = dataset;
        return open != null && open.hasImage(coordinates);
    }

    @Override
    public List<MdaImage> matching(Map<String, Integer> fixed) throws IOException {
        LiveDataset open = dataset;
        return open == null ? Collections.emptyList() : open.matching(fixed);
    }

    @Override
    public List<MdaImage> ignoringAxes(Map<String, Integer> coordinates, Collection<String> ignored)
            throws IOException {
        LiveDataset open = dataset;
        return open == null ? Collections.emptyList() : open.ignoringAxes(coordinates, ignored);
    }

    @Override
    public MdaImage any() throws IOException {
        LiveDataset open = dataset;
        return open == null ? null : open.any();
    }

    @Override
    public List<Map<String, Integer>> savedCoordinates() {
        LiveDataset open = dataset;
        return open == null ? Collections.emptyList() : open.savedCoordinates();
    }

    @Override
    public int maxIndex(String axis) {
        LiveDataset open = dataset;
        return open == null ? -1 : open.maxIndex(axis);
    }

    @Override
    public Map<String, Integer> maxIndices() {
        LiveDataset open = dataset;
        if (open != null) {
            return open.maxIndices();
        }
        Map<String, Integer> none = new LinkedHashMap<>();
        for (String axis : axes()) {
            none.put(axis, -1);
        }
        return none;
    }

    @Override
    public int count() {
        LiveDataset open = dataset;
        return open == null ? 0 : open.count();
    }

    /**
     * Finishes the dataset (blocks until everything is on disk); a run that never had an image
     * leaves nothing on disk, and says so.
     */
    @Override
    public void freeze(Consumer<String> progress) throws IOException {
        LiveDataset open;
        synchronized (this) {
            frozen = true;
            open = dataset;
        }
        if (open == null) {
            progress.accept("No image arrived: nothing was saved at " + output);
            return;
        }
        open.freeze(progress);
    }

    @Override
    public void close() throws IOException {
        LiveDataset open;
        synchronized (this) {
            frozen = true;
            open = dataset;
        }
        if (open != null) {
            open.close();
        }
    }
}

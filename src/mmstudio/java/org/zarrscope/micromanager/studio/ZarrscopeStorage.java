package org.zarrscope.micromanager.studio;

import com.google.common.eventbus.Subscribe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.micromanager.data.Coords;
import org.micromanager.data.DataManager;
import org.micromanager.data.DataProviderHasNewSummaryMetadataEvent;
import org.micromanager.data.Datastore;
import org.micromanager.data.Image;
import org.micromanager.data.Storage;
import org.micromanager.data.SummaryMetadata;
import org.zarrscope.micromanager.mda.MdaImage;
import org.zarrscope.micromanager.mda.MdaRun;
import org.zarrscope.micromanager.mda.MdaStorage;
import org.zarrscope.micromanager.mda.SavedDataset;

/**
 * A Micro-Manager {@code Storage} backed by Zarrscope: a run saved as OME-Zarr while it is
 * acquired ({@link #install}), or a dataset opened from disk ({@link #reading}). Each method
 * converts mmstudio types and calls the {@link MdaStorage} method of the same meaning.
 *
 * <p>Micro-Manager's datastore never hands a storage its summary metadata: it posts it on the
 * datastore's event bus, which this storage listens to; a storage installed after the summary
 * was set reads it from the datastore instead.
 */
public final class ZarrscopeStorage implements Storage {
    private final MdaStorage dataset;
    private final DataManager data;
    private final Map<String, Integer> channelColors;
    private final Consumer<String> progress;
    private volatile SummaryMetadata summary;

    private ZarrscopeStorage(MdaStorage dataset, DataManager data, Map<String, Integer> channelColors,
            Consumer<String> progress) {
        this.dataset = dataset;
        this.data = data;
        this.channelColors = channelColors;
        this.progress = progress;
    }

    /**
     * Makes {@code run} the storage of {@code store}, before its first image.
     *
     * @param channelColors 0xRRGGBB by channel name, from the MDA's channel settings
     * @param progress      hears what {@link #freeze()} is doing (it blocks while the dataset is finished)
     */
    public static ZarrscopeStorage install(Datastore store, MdaRun run, Map<String, Integer> channelColors,
            DataManager data, Consumer<String> progress) {
        ZarrscopeStorage storage = new ZarrscopeStorage(run, data, channelColors, progress);
        SummaryMetadata current = store.getSummaryMetadata();
        if (current != null) { // a datastore that had no storage has no summary yet: it comes as an event
            storage.summarize(current);
        }
        store.registerForEvents(storage);
        store.setStorage(storage);
        store.setSavePath(run.output().toString());
        return storage;
    }

    /** A storage showing a dataset saved before. */
    public static ZarrscopeStorage reading(SavedDataset saved, DataManager data) {
        ZarrscopeStorage storage = new ZarrscopeStorage(saved, data, Collections.emptyMap(), message -> { });
        storage.summary = StudioSummaries.summaryMetadata(saved.summary(), data);
        return storage;
    }

    @Subscribe
    public void onNewSummary(DataProviderHasNewSummaryMetadataEvent event) {
        summarize(event.getSummaryMetadata());
    }

    private void summarize(SummaryMetadata newSummary) {
        dataset.updateSummary(StudioSummaries.summary(newSummary, channelColors));
        summary = newSummary;
    }

    @Override
    public void putImage(Image image) throws IOException {
        dataset.put(StudioImages.coordinates(image.getCoords()), image.getRawPixels(),
                StudioImages.frameMetadata(image.getMetadata()), StudioImages.format(image));
    }

    @Override
    public Image getImage(Coords coords) throws IOException {
        return image(dataset.get(StudioImages.coordinates(coords)));
    }

    @Override
    public boolean hasImage(Coords coords) {
        return dataset.hasImage(StudioImages.coordinates(coords));
    }

    @Override
    public Image getAnyImage() {
        try {
            return image(dataset.any());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an image of " + dataset.summary().prefix() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Iterable<Coords> getUnorderedImageCoords() {
        List<Coords> all = new ArrayList<>();
        for (Map<String, Integer> coordinates : dataset.savedCoordinates()) {
            all.add(StudioImages.coords(coordinates, data));
        }
        return all;
    }

    @Override
    public List<Image> getImagesMatching(Coords coords) throws IOException {
        return images(dataset.matching(StudioImages.coordinates(coords)));
    }

    @Override
    public List<Image> getImagesIgnoringAxes(Coords coords, String... ignoreTheseAxes) throws IOException {
        return images(dataset.ignoringAxes(StudioImages.coordinates(coords), Arrays.asList(ignoreTheseAxes)));
    }

    @Override
    public int getMaxIndex(String axis) {
        return dataset.maxIndex(axis);
    }

    @Override
    public List<String> getAxes() {
        return dataset.axes();
    }

    @Override
    public Coords getMaxIndices() {
        return StudioImages.coords(dataset.maxIndices(), data);
    }

    @Override
    public SummaryMetadata getSummaryMetadata() {
        return summary;
    }

    @Override
    public int getNumImages() {
        return dataset.count();
    }

    @Override
    public void freeze() throws IOException {
        dataset.freeze(progress);
    }

    @Override
    public void close() throws IOException {
        dataset.close();
    }

    private Image image(MdaImage image) {
        return image == null ? null : StudioImages.image(image, dataset.summary(), data);
    }

    private List<Image> images(List<MdaImage> found) {
        List<Image> images = new ArrayList<>(found.size());
        for (MdaImage image : found) {
            images.add(image(image));
        }
        return images;
    }
}

package org.zarrscope.micromanager.mda;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.StagePosition;
import org.zarrscope.micromanager.UniqueName;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.zarr.OmeZarrGroup;
import org.zarrscope.zarr.ZarrLayout;
import org.zarrscope.zarr.ZarrReader;

/**
 * An OME-Zarr dataset on disk, opened for Micro-Manager's viewer: one image, the series of a
 * {@code bioformats2raw.layout} or the fields of a plate (one stage position each), with 5-D
 * {@code t, c, z, y, x} arrays as Zarrscope writes them. Its summary comes from the OME-NGFF
 * metadata: sizes from the full-resolution arrays, channel names and colours from {@code omero},
 * z step, interval and pixel size from the scales that have a unit, position names from the
 * images' names; channel group, start time and user data from Zarrscope's own attributes
 * ({@link RecordedSummary}). Each image carries what its frame table row recorded
 * ({@link SavedFrameMetadata}).
 *
 * <p>Every index inside the arrays' shape counts as an image (a frame never acquired reads as
 * zeros). uint8 datasets show as GRAY8, including RGB ones, whose colour components show as
 * channels. Read only: {@link #put} and {@link #updateSummary} are refused.
 */
public final class SavedDataset implements MdaStorage {
    private final Path root;
    private final MdaSummary summary;
    private final MdaCoordinates coordinates;
    private final DatasetFrames frames;
    private final SavedFrameMetadata recorded;

    private SavedDataset(Path root, MdaSummary summary, FileSystemStore store, String[] arrayPaths) {
        this.root = root;
        this.summary = summary;
        this.coordinates = new MdaCoordinates(summary);
        this.frames = new DatasetFrames(store, arrayPaths, summary.pixelType(), summary.width(), summary.height());
        this.recorded = new SavedFrameMetadata(store);
    }

    /**
     * @throws IOException if {@code root} is not an OME-Zarr dataset, its images differ in shape or
     *                     type, or its data type is not one Micro-Manager shows (the message says which)
     */
    public static SavedDataset open(Path root) throws IOException {
        FileSystemStore store = FileSystemStore.existing(root, true);
        List<String> images = OmeZarrGroup.imagePaths(store);
        String[] arrayPaths = new String[images.size()];
        MdaSummary.Builder b = MdaSummary.builder().orderedAxes(MdaSummary.TIME, MdaSummary.POSITION, MdaSummary.Z,
                MdaSummary.CHANNEL).prefix(name(root));
        int[] shape = null;
        String dtype = null;
        for (int p = 0; p < images.size(); p++) {
            OmeZarrGroup image = OmeZarrGroup.read(store, images.get(p));
            JsonNode multiscale = image == null ? null : image.ome().path("multiscales").path(0);
            if (multiscale == null || multiscale.isMissingNode()) {
                throw new IOException("image " + images.get(p) + " of " + root + " has no OME-NGFF multiscales");
            }
            JsonNode fullResolution = multiscale.path("datasets").path(0);
            arrayPaths[p] = ZarrLayout.join(images.get(p), fullResolution.path("path").asText(
                    AcquisitionWriter.FULL_RESOLUTION_PATH));
            ZarrReader reader = ZarrReader.open(store, arrayPaths[p]);
            if (shape == null) {
                shape = reader.shape();
                dtype = reader.dtype();
                scales(multiscale, fullResolution, b);
                channels(image.ome().path("omero").path("channels"), shape[1], b);
            } else if (!Arrays.equals(shape, reader.shape()) || !dtype.equals(reader.dtype())) {
                throw new IOException("the images of " + root + " differ: " + arrayPaths[0] + " is "
                        + Arrays.toString(shape) + " " + dtype + ", " + arrayPaths[p] + " is "
                        + Arrays.toString(reader.shape()) + " " + reader.dtype() + "; Micro-Manager shows one shape");
            }
            b.stagePosition(StagePosition.named(multiscale.path("name").asText(
                    images.get(p).isEmpty() ? name(root) : images.get(p))));
        }
        RecordedSummary.addTo(b, OmeZarrGroup.read(store, "").zarrscope().path("summary"));
        b.intended(MdaSummary.TIME, shape[0]).intended(MdaSummary.CHANNEL, shape[1]).intended(MdaSummary.Z, shape[2])
                .intended(MdaSummary.POSITION, images.size())
                .frameSize(shape[4], shape[3]).pixelType(pixelType(dtype, root));
        return new SavedDataset(root, b.build(), store, arrayPaths);
    }

    private static String name(Path root) {
        String name = root.getFileName().toString();
        return name.endsWith(UniqueName.EXTENSION) ? name.substring(0, name.length() - UniqueName.EXTENSION.length())
                : name;
    }

    /** Physical sizes from the scale of each axis that has a unit (Zarrscope leaves the unit out when unknown). */
    private static void scales(JsonNode multiscale, JsonNode fullResolution, MdaSummary.Builder b) {
        JsonNode axes = multiscale.path("axes");
        JsonNode scale = fullResolution.path("coordinateTransformations").path(0).path("scale");
        for (int d = 0; d < axes.size(); d++) {
            JsonNode axis = axes.get(d);
            if (!axis.has("unit") || !scale.has(d)) {
                continue;
            }
            double value = scale.get(d).asDouble();
            String unit = axis.get("unit").asText();
            switch (axis.path("name").asText()) {
                case "t":
                    b.intervalMs("millisecond".equals(unit) ? value : "second".equals(unit) ? value * 1000 : null);
                    break;
                case "z":
                    b.zStepUm("micrometer".equals(unit) ? value : null);
                    break;
                case "x":
                    b.pixelSizeUm("micrometer".equals(unit) ? value : null);
                    break;
                default:
                    break;
            }
        }
    }

    /** Channel names and colours from {@code omero} when it describes every channel. */
    private static void channels(JsonNode omeroChannels, int count, MdaSummary.Builder b) {
        if (omeroChannels.size() != count) {
            return;
        }
        for (JsonNode channel : omeroChannels) {
            String color = channel.path("color").asText("");
            b.channel(channel.path("label").asText(), color.matches("[0-9A-Fa-f]{6}") ? Integer.valueOf(color, 16) : null);
        }
    }

    private static MdaPixelType pixelType(String dtype, Path root) throws IOException {
        switch (dtype) {
            case "|u1":
            case "uint8":
                return MdaPixelType.GRAY8;
            case "<u2":
            case "uint16":
                return MdaPixelType.GRAY16;
            case "<f4":
            case "float32":
                return MdaPixelType.GRAY32;
            default:
                throw new IOException(root + " holds " + dtype + " pixels, which Micro-Manager cannot show; it shows "
                        + "uint8, uint16 and float32");
        }
    }

    public Path root() { return root; }

    @Override
    public MdaSummary summary() { return summary; }

    @Override
    public List<String> axes() { return coordinates.axes(); }

    /** @throws IllegalStateException always: a dataset opened from disk keeps the summary its metadata gives */
    @Override
    public void updateSummary(MdaSummary newSummary) {
        throw new IllegalStateException(root + " was opened for viewing; its summary comes from its metadata");
    }

    /** @throws IllegalStateException always: a dataset opened from disk is not written to */
    @Override
    public void put(Map<String, Integer> imageCoordinates, Object pixels, MdaFrameMetadata metadata,
            MdaImageFormat format) {
        throw new IllegalStateException(root + " was opened for viewing; images cannot be added to it");
    }

    @Override
    public MdaImage get(Map<String, Integer> imageCoordinates) throws IOException {
        if (!hasImage(imageCoordinates)) {
            return null;
        }
        FrameCoordinates frame = coordinates.toFrame(imageCoordinates);
        return new MdaImage(coordinates.toAxes(frame), frames.read(frame), recorded.of(frame));
    }

    @Override
    public boolean hasImage(Map<String, Integer> imageCoordinates) {
        for (Map.Entry<String, Integer> axis : imageCoordinates.entrySet()) {
            int index = axis.getValue();
            if (index < 0 || index >= summary.intended(axis.getKey())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<MdaImage> matching(Map<String, Integer> fixed) throws IOException {
        List<MdaImage> images = new ArrayList<>();
        for (Map<String, Integer> image : savedCoordinates()) {
            if (image.entrySet().containsAll(fixed.entrySet())) {
                images.add(get(image));
            }
        }
        return images;
    }

    @Override
    public List<MdaImage> ignoringAxes(Map<String, Integer> imageCoordinates, Collection<String> ignored)
            throws IOException {
        Map<String, Integer> fixed = new LinkedHashMap<>();
        for (String axis : axes()) {
            if (!ignored.contains(axis)) {
                fixed.put(axis, imageCoordinates.getOrDefault(axis, 0));
            }
        }
        return matching(fixed);
    }

    @Override
    public MdaImage any() throws IOException {
        return get(new LinkedHashMap<>());
    }

    /** Every index inside the shape, outermost axis slowest. */
    @Override
    public List<Map<String, Integer>> savedCoordinates() {
        List<Map<String, Integer>> all = new ArrayList<>();
        all.add(new LinkedHashMap<>());
        for (String axis : axes()) {
            List<Map<String, Integer>> longer = new ArrayList<>();
            for (Map<String, Integer> prefix : all) {
                for (int index = 0; index < summary.intended(axis); index++) {
                    Map<String, Integer> image = new LinkedHashMap<>(prefix);
                    image.put(axis, index);
                    longer.add(image);
                }
            }
            all = longer;
        }
        return all;
    }

    @Override
    public int maxIndex(String axis) {
        return summary.intended(axis) - 1;
    }

    @Override
    public Map<String, Integer> maxIndices() {
        Map<String, Integer> indices = new LinkedHashMap<>();
        for (String axis : axes()) {
            indices.put(axis, maxIndex(axis));
        }
        return indices;
    }

    @Override
    public int count() {
        int count = 1;
        for (String axis : axes()) {
            count *= summary.intended(axis);
        }
        return count;
    }

    /** Nothing to finish: the dataset is only read. */
    @Override
    public void freeze(Consumer<String> progress) {
    }

    /** Nothing to release: every read opens and closes its files. */
    @Override
    public void close() {
    }
}

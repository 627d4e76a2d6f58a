package org.zarrscope.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mmcorej.TaggedImage;
import mmcorej.org.json.JSONObject;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.micromanager.mda.MdaJson;
import org.zarrscope.micromanager.mda.MdaPixelType;
import org.zarrscope.micromanager.mda.MdaSummary;

/**
 * A Micro-Manager dataset saved as "separate image files" (mmstudio's
 * {@code StorageSinglePlaneTiffSeries}) opened for conversion: a folder per position (named as the
 * position; the dataset folder itself when the images name none) holding one TIFF per image,
 * {@code img_channel<c>_position<p>_time<t>_z<z>.tif}, and a {@code metadata.txt}: one JSON object
 * with the run's {@code Summary}, and per image a {@code Coords-<file>} entry (its indices) and a
 * {@code Metadata-<file>} entry (mmstudio's image JSON), {@code <file>} relative to the dataset
 * folder. Both are read by {@link MdaJson} through {@link MmstudioImages}, as for OME-TIFF, so the
 * run and each frame's row are mapped as for a live run; the summary's frame size (written as 0)
 * comes from the first image.
 *
 * <p>A file {@code metadata.txt} lists that is missing or cut short is counted and left out: the
 * rest converts and the conversion names what is missing. A {@code metadata.txt} a crash left
 * unclosed, or cut in the middle of an entry, is read up to there ({@link MetadataTxt}): an image
 * whose {@code Metadata-} entry was cut off is missing too; one whose {@code Coords-} entry was cut
 * off has no known place (it is in that entry), so it is not converted but named by its file
 * ({@link #unplaced}). A {@code metadata.txt} that is not JSON from its start is refused.
 *
 * <p>Not thread-safe: {@link #read} is called from one thread (it reuses one buffer).
 */
public final class SinglePlaneTiffSource implements ConvertibleSource {
    static final String METADATA = "metadata.txt";
    private static final String COORDS = "Coords-";
    private static final String IMAGE_METADATA = "Metadata-";

    /** An image whose bytes are all in its file, with its frame's tags. */
    private static final class Located {
        final Path file;
        final SinglePlaneTiffFile.Strip strip;
        final JSONObject tags;

        Located(Path file, SinglePlaneTiffFile.Strip strip, JSONObject tags) {
            this.file = file;
            this.strip = strip;
            this.tags = tags;
        }
    }

    private final Path folder;
    private final MdaSummary summary;
    private final Map<FrameCoordinates, Located> images;
    private final int listed;
    private final List<String> unplaced;
    private final ByteBuffer pixels;
    /** RGB images as B, G, R, A; none for grey ones. */
    private final BgraPixels bgra;

    private SinglePlaneTiffSource(Path folder, MdaSummary summary, Map<FrameCoordinates, Located> images, int listed,
            List<String> unplaced, long pixelBytes) {
        this.folder = folder;
        this.summary = summary;
        this.images = images;
        this.listed = listed;
        this.unplaced = unplaced;
        this.pixels = ByteBuffer.allocateDirect(Math.toIntExact(pixelBytes));
        this.bgra = new BgraPixels(summary.pixelType() == MdaPixelType.RGB32 ? pixelBytes / 3 : 0);
    }

    /** Whether {@code source} is a folder holding {@value #METADATA}, or whose subfolders hold one. */
    static boolean isSinglePlaneTiff(Path source) throws IOException {
        return Files.isDirectory(source) && !metadataFiles(source).isEmpty();
    }

    /**
     * Opens the dataset in folder {@code source}.
     *
     * @throws IOException              if a {@value #METADATA} is not JSON or lacks an image's entry, an
     *                                  image file is not an uncompressed single-strip TIFF, or none is whole
     * @throws IllegalArgumentException if the summary's values cannot be mapped, or the images are of
     *                                  a kind Zarrscope does not store
     */
    static SinglePlaneTiffSource open(Path source) throws IOException {
        Map<FrameCoordinates, Located> images = new LinkedHashMap<>();
        Set<FrameCoordinates> cutOff = new HashSet<>();
        List<String> unplaced = new ArrayList<>();
        int listed = 0;
        JSONObject summaryJson = null;
        for (Path metadataFile : metadataFiles(source)) {
            MetadataTxt metadata = MetadataTxt.read(metadataFile);
            if (summaryJson == null) {
                summaryJson = metadata.object("Summary");
            }
            String cutEntry = metadata.cutEntry();
            if (cutEntry != null && cutEntry.startsWith(COORDS)) {
                listed++;
                unplaced.add(cutEntry.substring(COORDS.length()) + ", whose " + COORDS + " entry in "
                        + source.relativize(metadataFile) + " was cut off");
            }
            for (String key : metadata.keys()) {
                if (!key.startsWith(COORDS)) {
                    continue;
                }
                listed++;
                String name = key.substring(COORDS.length());
                FrameCoordinates frame = frame(metadata.object(key));
                JSONObject imageJson = metadata.object(IMAGE_METADATA + name);
                if (imageJson == null && metadata.cutAfter(key)) {
                    cutOff.add(frame); // the crash cut its Metadata- entry off
                    continue;
                }
                if (imageJson == null) {
                    throw new IOException(metadataFile + " has no " + IMAGE_METADATA + name + " entry: the "
                            + "image's metadata (a dataset of Micro-Manager 1.4 or early 2.0, whose TIFFs hold it, "
                            + "is not read)");
                }
                Path file = source.resolve(name);
                SinglePlaneTiffFile.Strip strip = SinglePlaneTiffFile.strip(file);
                if (strip == null) {
                    cutOff.add(frame);
                } else {
                    imageJson.remove("FileName"); // the image's place, not a tag of its row
                    images.put(frame, new Located(file, strip, MmstudioImages.frameTags(imageJson)));
                    cutOff.remove(frame);
                }
            }
        }
        if (summaryJson == null) {
            throw new IOException(source + ": no " + METADATA + " holds a Summary");
        }
        if (images.isEmpty()) {
            throw new IOException(source + " holds no complete image (" + listed + " listed, all missing or cut off)");
        }
        MdaSummary summary = MmstudioImages.describe(summaryJson, sorted(images), cutOff, image -> image.tags);
        long pixelBytes = MmstudioImages.pixelBytes(summary, images, image -> image.strip.length,
                (frame, image) -> image.file.toString());
        return new SinglePlaneTiffSource(source, summary, images, listed, Collections.unmodifiableList(unplaced),
                pixelBytes);
    }

    @Override
    public MdaSummary summary() {
        return summary;
    }

    @Override
    public Set<FrameCoordinates> frames() {
        return Collections.unmodifiableSet(images.keySet());
    }

    @Override
    public int listed() {
        return listed;
    }

    /** The images whose {@code Coords-} entry a crash cut off, each as its file and where it was cut. */
    @Override
    public List<String> unplaced() {
        return unplaced;
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public TaggedImage read(FrameCoordinates frame) throws IOException {
        Located image = images.get(frame);
        if (image == null) {
            throw new IllegalStateException(folder + " holds no image at " + frame);
        }
        pixels.clear();
        SinglePlaneTiffFile.readPixels(image.file, image.strip, pixels);
        pixels.order(image.strip.order);
        return new TaggedImage(summary.pixelType() == MdaPixelType.RGB32 ? bgra.from(pixels) : pixels, image.tags);
    }

    /**
     * Each image's one uncompressed strip. Refused: RGB images (R, G, B interleaved: Zarr would need
     * a channel axis) and 16-bit images in big-endian files, which ImageJ's encoder, and so
     * mmstudio, always writes: only 8-bit grey datasets can be referred to.
     */
    @Override
    public PixelRuns pixelRuns() {
        if (summary.pixelType() == MdaPixelType.RGB32) {
            throw PixelRuns.rgbRefused(folder);
        }
        Map<FrameCoordinates, PixelRuns.Run> runs = new LinkedHashMap<>();
        images.forEach((frame, image) -> {
            PixelRuns.requireLittleEndian(image.file, image.strip.order,
                    MmstudioImages.diskBytesPerPixel(summary.pixelType()));
            runs.put(frame, new PixelRuns.Run(folder.relativize(image.file).toString().replace('\\', '/'),
                    image.strip.offset, image.strip.length));
        });
        return new PixelRuns(folder.toAbsolutePath(), runs);
    }

    @Override
    public void close() {
        // every read opens and closes its file
    }

    /** An image's place, from its {@code Coords-} entry; an axis it does not name is at 0. */
    private static FrameCoordinates frame(JSONObject coords) {
        return FrameCoordinates.at(coords.optInt("PositionIndex", 0), coords.optInt("FrameIndex", 0),
                coords.optInt("ChannelIndex", 0), coords.optInt("SliceIndex", 0));
    }

    /** The images by acquisition place (time, position, z, channel), so the first is the run's first. */
    private static Map<FrameCoordinates, Located> sorted(Map<FrameCoordinates, Located> images) {
        List<FrameCoordinates> frames = new ArrayList<>(images.keySet());
        frames.sort((a, b) -> a.time() != b.time() ? Integer.compare(a.time(), b.time())
                : a.position() != b.position() ? Integer.compare(a.position(), b.position())
                : a.z() != b.z() ? Integer.compare(a.z(), b.z()) : Integer.compare(a.channel(), b.channel()));
        Map<FrameCoordinates, Located> sorted = new LinkedHashMap<>();
        frames.forEach(frame -> sorted.put(frame, images.get(frame)));
        return sorted;
    }

    /** The dataset's {@value #METADATA} files: its folder's own, then each subfolder's, by name. */
    private static List<Path> metadataFiles(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(folder.resolve(METADATA))) {
            files.add(folder.resolve(METADATA));
        }
        try (Stream<Path> children = Files.list(folder)) {
            files.addAll(children.filter(Files::isDirectory).map(child -> child.resolve(METADATA))
                    .filter(Files::isRegularFile).sorted().collect(Collectors.toList()));
        }
        return files;
    }
}

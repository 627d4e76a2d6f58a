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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mmcorej.TaggedImage;
import mmcorej.org.json.JSONObject;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.micromanager.mda.MdaJson;
import org.zarrscope.micromanager.mda.MdaPixelType;
import org.zarrscope.micromanager.mda.MdaSummary;

/**
 * A Micro-Manager OME-TIFF dataset (mmstudio's multipage TIFF storage, {@code StorageMultipageTiff}:
 * the "image stack file" save mode, in one file set or one per position) opened for conversion. Its files,
 * {@code <prefix>_MMStack[_<position>][_<n>].ome.tif}, each carry the run's summary JSON and an
 * index map of the images they hold ({@link OmeTiffFile}); every image carries mmstudio's JSON
 * (format, coordinates, metadata). Both are read as every other route reads Micro-Manager JSON
 * ({@link MdaJson}), so the run and each frame's row are mapped as for a live run.
 *
 * <p>The summary gives axis order, intended sizes, channel names, z step, interval, stage
 * positions, frame size and pixel type; the pixel size and its affine, which mmstudio keeps per
 * image, come from the first image. Each axis spans 0 to its largest index, or the summary's
 * intended size when larger (a run stopped early). Positions the summary does not list take the
 * name and stage coordinates of their first image, as for NDTiff.
 *
 * <p>Not thread-safe: {@link #read} is called from one thread (it reuses one buffer).
 */
public final class OmeTiffSource implements ConvertibleSource {
    static final String SUFFIX = ".ome.tif";
    /** The part of every file name of a dataset after its prefix. */
    private static final String STACK = "_MMStack";

    /** An image whose bytes are all in its file. */
    private static final class Located {
        final OmeTiffFile file;
        final OmeTiffFile.Plane plane;

        Located(OmeTiffFile file, OmeTiffFile.Plane plane) {
            this.file = file;
            this.plane = plane;
        }
    }

    private final Path given;
    private final List<OmeTiffFile> files;
    private final MdaSummary summary;
    private final Map<FrameCoordinates, Located> images;
    private final int listed;
    private final ByteBuffer pixels;
    /** RGB images as B, G, R, A; none for grey ones. */
    private final BgraPixels bgra;

    private OmeTiffSource(Path given, List<OmeTiffFile> files, MdaSummary summary, Map<FrameCoordinates, Located> images,
            int listed, long pixelBytes) {
        this.given = given;
        this.files = files;
        this.summary = summary;
        this.images = images;
        this.listed = listed;
        this.pixels = ByteBuffer.allocateDirect(Math.toIntExact(pixelBytes));
        this.bgra = new BgraPixels(summary.pixelType() == MdaPixelType.RGB32 ? pixelBytes / 3 : 0);
    }

    /** Whether {@code source} is an {@code .ome.tif} file or a folder holding one. */
    static boolean isOmeTiff(Path source) throws IOException {
        if (Files.isRegularFile(source)) {
            return isOmeTiffName(source);
        }
        if (!Files.isDirectory(source)) {
            return false;
        }
        try (Stream<Path> children = Files.list(source)) {
            return children.anyMatch(child -> Files.isRegularFile(child) && isOmeTiffName(child));
        }
    }

    /**
     * Opens the dataset in folder {@code source}, or the dataset {@code source}, one of its files,
     * belongs to (the files in its folder with the same prefix).
     *
     * @throws IOException              if a file is not mmstudio's multipage TIFF, or cannot be read
     *                                  (its summary or first image's JSON included)
     * @throws IllegalArgumentException if the summary's values cannot be mapped, or the images are of
     *                                  a kind Zarrscope does not store
     */
    static OmeTiffSource open(Path source) throws IOException {
        List<Path> paths = datasetFiles(source);
        List<OmeTiffFile> files = new ArrayList<>();
        try {
            for (Path path : paths) {
                files.add(OmeTiffFile.open(path));
            }
            return open(source, files);
        } catch (IOException | RuntimeException e) {
            files.forEach(OmeTiffFile::close);
            throw e;
        }
    }

    private static OmeTiffSource open(Path source, List<OmeTiffFile> files) throws IOException {
        Map<FrameCoordinates, Located> images = new LinkedHashMap<>();
        Set<FrameCoordinates> cutOff = new HashSet<>();
        int listed = 0;
        for (OmeTiffFile file : files) {
            for (OmeTiffFile.Entry entry : file.entries()) {
                listed++;
                FrameCoordinates frame = FrameCoordinates.at(entry.position, entry.time, entry.channel, entry.z);
                OmeTiffFile.Plane plane = file.plane(entry);
                if (plane == null) {
                    cutOff.add(frame);
                } else {
                    images.put(frame, new Located(file, plane)); // mmstudio: an image written again replaces the first
                    cutOff.remove(frame);
                }
            }
        }
        if (images.isEmpty()) {
            throw new IOException(source + " holds no complete image (" + listed + " listed, all cut off)");
        }
        Map.Entry<FrameCoordinates, Located> first = images.entrySet().iterator().next();
        MdaSummary summary = MmstudioImages.describe(MmstudioImages.json(first.getValue().file.summaryJson(),
                first.getValue().file.path(), "summary"), images, cutOff, OmeTiffSource::tags);
        long pixelBytes = MmstudioImages.pixelBytes(summary, images, image -> image.plane.pixelBytes,
                (frame, image) -> image.file.path() + ": the image at " + frame);
        return new OmeTiffSource(source, files, summary, images, listed, pixelBytes);
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

    @Override
    public Path folder() {
        return given;
    }

    @Override
    public TaggedImage read(FrameCoordinates frame) throws IOException {
        Located image = images.get(frame);
        if (image == null) {
            throw new IllegalStateException(given + " holds no image at " + frame);
        }
        JSONObject tags = MmstudioImages.frameTags(tags(image));
        pixels.clear();
        image.file.readPixels(image.plane, pixels);
        pixels.order(image.file.order());
        return new TaggedImage(summary.pixelType() == MdaPixelType.RGB32 ? bgra.from(pixels) : pixels, tags);
    }

    /**
     * Where each image's pixels are in its file, as its IFD says: mmstudio writes each image as one
     * uncompressed strip, so they are contiguous. Refused: RGB images (R, G, B interleaved: Zarr
     * would need a channel axis), 16-bit images in a big-endian file.
     */
    @Override
    public PixelRuns pixelRuns() {
        if (summary.pixelType() == MdaPixelType.RGB32) {
            throw PixelRuns.rgbRefused(given);
        }
        for (OmeTiffFile file : files) {
            PixelRuns.requireLittleEndian(file.path(), file.order(),
                    MmstudioImages.diskBytesPerPixel(summary.pixelType()));
        }
        Map<FrameCoordinates, PixelRuns.Run> runs = new LinkedHashMap<>();
        images.forEach((frame, image) -> runs.put(frame, new PixelRuns.Run(image.file.path().getFileName().toString(),
                image.plane.pixelOffset, image.plane.pixelBytes)));
        // every file is in one folder: the dataset's files are those of a folder with one prefix
        return new PixelRuns(files.get(0).path().toAbsolutePath().getParent(), runs);
    }

    @Override
    public void close() {
        files.forEach(OmeTiffFile::close);
    }

    private static JSONObject tags(Located image) throws IOException {
        return MmstudioImages.json(image.file.readMetadata(image.plane), image.file.path(), "image metadata");
    }

    /**
     * The dataset's files, sorted by name: those in the folder, or those beside the file given that
     * share its prefix. A folder with the files of more than one dataset is refused.
     */
    private static List<Path> datasetFiles(Path source) throws IOException {
        Path folder = Files.isDirectory(source) ? source : source.toAbsolutePath().getParent();
        List<Path> candidates;
        try (Stream<Path> children = Files.list(folder)) {
            candidates = children.filter(child -> Files.isRegularFile(child) && isOmeTiffName(child)).sorted()
                    .collect(Collectors.toList());
        }
        Map<String, List<Path>> byPrefix = new TreeMap<>();
        for (Path file : candidates) {
            byPrefix.computeIfAbsent(prefix(file), prefix -> new ArrayList<>()).add(file);
        }
        if (!Files.isDirectory(source)) {
            return byPrefix.get(prefix(source.toAbsolutePath()));
        }
        if (byPrefix.size() > 1) {
            throw new IOException(source + " holds the OME-TIFF files of " + byPrefix.size() + " datasets ("
                    + String.join(", ", byPrefix.keySet()) + "); give one of their files to choose");
        }
        return byPrefix.values().iterator().next();
    }

    /** A file's name up to {@code _MMStack}, or up to {@code .ome.tif} for a file not named so. */
    private static String prefix(Path file) {
        String name = file.getFileName().toString();
        int stack = name.lastIndexOf(STACK);
        return stack >= 0 ? name.substring(0, stack) : name.substring(0, name.length() - SUFFIX.length());
    }

    private static boolean isOmeTiffName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(SUFFIX);
    }
}

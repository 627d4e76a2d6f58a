package org.zarrscope.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mmcorej.TaggedImage;
import mmcorej.org.json.JSONException;
import mmcorej.org.json.JSONObject;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.micromanager.mda.MdaJson;
import org.zarrscope.micromanager.mda.MdaPixelType;
import org.zarrscope.micromanager.mda.MdaSummary;

/**
 * A Micro-Manager OME-TIFF dataset (mmstudio's multipage TIFF storage, {@code StorageMultipageTiff}:
 * the "separate image files" and "single image file" save modes) opened for conversion. Its files,
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
    /**
     * Keys of an image's JSON that are its coordinates (mmstudio's {@code Coords}, written in both
     * its spellings): the frame's place, given by the index map, not tags of the frame's row.
     */
    /** mmstudio's exposure key, and AcqEngJ's (in an AcqEngJ image's user data in MMStudio). */
    private static final String EXPOSURE = "Exposure-ms";
    private static final String ACQENGJ_EXPOSURE = "Exposure";
    private static final List<String> COORDINATE_KEYS = Arrays.asList("Frame", "FrameIndex", "PositionIndex",
            "Slice", "SliceIndex", "ChannelIndex");

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

    private OmeTiffSource(Path given, List<OmeTiffFile> files, MdaSummary summary, Map<FrameCoordinates, Located> images,
            int listed, long pixelBytes) {
        this.given = given;
        this.files = files;
        this.summary = summary;
        this.images = images;
        this.listed = listed;
        this.pixels = ByteBuffer.allocateDirect(Math.toIntExact(pixelBytes));
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
                if (!OmeTiffFile.isMicroManagerTiff(path)) {
                    throw new IOException(path + " is an OME-TIFF file but not one Micro-Manager's multipage TIFF "
                            + "storage wrote (no summary metadata in its header); convert reads Micro-Manager's only");
                }
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
        MdaSummary summary = describe(json(first.getValue().file.summaryJson(), first.getValue().file.path(),
                "summary"), images, cutOff);
        long pixelBytes = (long) summary.width() * summary.height() * diskBytesPerPixel(summary.pixelType());
        for (Map.Entry<FrameCoordinates, Located> image : images.entrySet()) {
            if (image.getValue().plane.pixelBytes != pixelBytes) {
                throw new IllegalArgumentException(image.getValue().file.path() + ": the image at " + image.getKey()
                        + " has " + image.getValue().plane.pixelBytes + " bytes of pixels, but the summary's "
                        + summary.width() + " x " + summary.height() + " " + summary.pixelType() + " frames have "
                        + pixelBytes);
            }
        }
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
        JSONObject tags = tags(image);
        COORDINATE_KEYS.forEach(tags::remove);
        exposureOfAcqEngJ(tags);
        pixels.clear();
        image.file.readPixels(image.plane, pixels);
        pixels.order(image.file.order());
        return new TaggedImage(pixelArray(pixels, summary.pixelType()), tags);
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
            PixelRuns.requireLittleEndian(file.path(), file.order(), diskBytesPerPixel(summary.pixelType()));
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

    /**
     * Images the AcqEngJ engine acquired in MMStudio have no exposure field: mmstudio keeps AcqEngJ's
     * own tag ({@value #ACQENGJ_EXPOSURE}, in ms) in their user data, where the live Studio route
     * also takes it from ({@code StudioImages}). It is given to {@link MdaJson} as the exposure tag
     * (which reads it only when it is a number); the user data keeps it too. The rule belongs in
     * {@code MdaJson.frameMetadata}, beside the other JSON keys; it is here while the micromanager
     * package is being reorganised.
     */
    private static void exposureOfAcqEngJ(JSONObject tags) throws IOException {
        JSONObject userData = tags.optJSONObject("UserData");
        Object exposure = userData == null ? null : userData.opt(ACQENGJ_EXPOSURE);
        if (exposure instanceof JSONObject) {
            exposure = ((JSONObject) exposure).opt("scalar"); // mmstudio's typed entry
        }
        if (exposure != null && !tags.has(EXPOSURE) && !tags.has(ACQENGJ_EXPOSURE)) {
            try {
                tags.put(EXPOSURE, exposure.toString());
            } catch (JSONException e) {
                throw new IOException("cannot add the exposure to an image's tags: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The pixels as Micro-Manager hands them out: {@code byte[]}, {@code short[]}, or for RGB the
     * B, G, R, A bytes of mmstudio's images (its files hold R, G, B: the alpha is dropped on writing).
     */
    private static Object pixelArray(ByteBuffer bytes, MdaPixelType type) {
        switch (type) {
            case GRAY8: {
                byte[] gray = new byte[bytes.capacity()];
                bytes.get(gray);
                return gray;
            }
            case GRAY16: {
                short[] gray = new short[bytes.capacity() / 2];
                bytes.asShortBuffer().get(gray);
                return gray;
            }
            case RGB32: {
                int count = bytes.capacity() / 3;
                byte[] bgra = new byte[count * 4];
                for (int i = 0; i < count; i++) {
                    bgra[i * 4] = bytes.get(i * 3 + 2);
                    bgra[i * 4 + 1] = bytes.get(i * 3 + 1);
                    bgra[i * 4 + 2] = bytes.get(i * 3);
                }
                return bgra;
            }
            default:
                throw new IllegalArgumentException("Micro-Manager's multipage TIFF does not hold " + type + " images");
        }
    }

    /** Bytes of one pixel in the file: RGB32 images are written as three bytes, R, G, B. */
    private static int diskBytesPerPixel(MdaPixelType type) {
        switch (type) {
            case GRAY8: return 1;
            case GRAY16: return 2;
            case RGB32: return 3;
            default:
                throw new IllegalArgumentException("the summary's pixel type " + type + " is not one Micro-Manager's "
                        + "multipage TIFF writes (GRAY8, GRAY16, RGB32)");
        }
    }

    private static JSONObject tags(Located image) throws IOException {
        return json(image.file.readMetadata(image.plane), image.file.path(), "image metadata");
    }

    /** @throws IOException if the text is not JSON: the file is damaged there */
    private static JSONObject json(String text, Path file, String what) throws IOException {
        try {
            return new JSONObject(text);
        } catch (JSONException e) {
            throw new IOException(file + ": its " + what + " is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The summary's run completed from the images: each axis's extent, the first image's frame
     * format and calibration where the summary lacks them (the image JSON names them with the
     * summary's keys), and positions from their first images when the summary lists none.
     */
    private static MdaSummary describe(JSONObject summaryJson, Map<FrameCoordinates, Located> images,
            Set<FrameCoordinates> cutOff) throws IOException {
        MdaSummary declared = MdaJson.summary(summaryJson);
        MdaSummary.Builder b = declared.toBuilder();
        Map<String, Integer> extents = new HashMap<>();
        SortedMap<Integer, Located> firstAtPosition = new TreeMap<>();
        List<FrameCoordinates> all = new ArrayList<>(images.keySet());
        all.addAll(cutOff);
        for (FrameCoordinates frame : all) {
            extents.merge(MdaSummary.TIME, frame.time() + 1, Math::max);
            extents.merge(MdaSummary.POSITION, frame.position() + 1, Math::max);
            extents.merge(MdaSummary.Z, frame.z() + 1, Math::max);
            extents.merge(MdaSummary.CHANNEL, frame.channel() + 1, Math::max);
        }
        images.forEach((frame, image) -> firstAtPosition.putIfAbsent(frame.position(), image));
        extents.forEach((axis, size) -> b.intended(axis, Math.max(size, declared.intended(axis))));
        MdaSummary ofFirstImage = MdaJson.summary(tags(images.values().iterator().next()));
        if (declared.width() == null && ofFirstImage.width() != null) {
            b.frameSize(ofFirstImage.width(), ofFirstImage.height());
        }
        if (declared.pixelType() == null) {
            b.pixelType(ofFirstImage.pixelType());
        }
        if (declared.pixelSizeUm() == null) {
            b.pixelSizeUm(ofFirstImage.pixelSizeUm());
        }
        if (declared.pixelSizeAffine() == null) {
            b.pixelSizeAffine(ofFirstImage.pixelSizeAffine());
        }
        if (declared.stagePositions().isEmpty()) {
            FirstImagePositions.of(firstAtPosition, OmeTiffSource::tags).forEach(b::stagePosition);
        }
        MdaSummary described = b.build();
        if (described.width() == null || described.pixelType() == null) {
            throw new IllegalArgumentException("neither the summary nor the first image gives the frame size and "
                    + "pixel type (Width, Height, PixelType)");
        }
        return described;
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

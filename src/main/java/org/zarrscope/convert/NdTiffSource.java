package org.zarrscope.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import mmcorej.TaggedImage;
import mmcorej.org.json.JSONObject;
import org.micromanager.ndtiffstorage.NDTiffStorage;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.micromanager.acqengj.AcqEngJAxes;
import org.zarrscope.micromanager.mda.MdaJson;
import org.zarrscope.micromanager.mda.MdaPixelType;
import org.zarrscope.micromanager.mda.MdaSummary;

/**
 * An NDTiff dataset (NDTiffStorage's format: pycro-manager's and AcqEngJ's default) opened for
 * conversion: its run described as an {@link MdaSummary}, as the live AcqEngJ route declares it,
 * and its images by dataset coordinates. NDTiffStorage opens it and gives the summary; the images
 * are read where its index says they are ({@link NdTiffImages}: one positional read per image into
 * a reused buffer, 3.5 to 5 times as fast as NDTiffStorage's reader), and {@link #read(Map)} keeps
 * NDTiffStorage's own reader for comparison ({@code zarrscope bench convert}).
 *
 * <p>AcqEngJ declares no axis sizes in its summary, so they come from the images the index lists:
 * each of time, z and position spans 0 to its largest index (or the summary's intended size when
 * that is larger, as for a run stopped early), channels are the summary's names and then the names
 * the images carry, in the order they were acquired. Positions without a list in the summary take
 * the name and stage coordinates of their first image ({@code PositionName},
 * {@code XPosition_um}, …), so HCS site names such as {@code A1-Site_0} become a plate, as live.
 */
public final class NdTiffSource implements ConvertibleSource {
    /** NDTiff v2's folder of full-resolution images inside a multi-resolution dataset. */
    private static final String FULL_RESOLUTION = "Full resolution";
    /** NDTiffStorage's pixel compression code for none. */
    private static final int UNCOMPRESSED = 0;

    private final Path folder;
    private final Path imagesFolder;
    private final NDTiffStorage storage;
    private final NdTiffImages reader;
    private final MdaSummary summary;
    private final Map<FrameCoordinates, Map<String, Object>> images;
    private final Map<FrameCoordinates, NdTiffIndex.Entry> entries;
    private final int listed;

    private NdTiffSource(Path folder, Path imagesFolder, NDTiffStorage storage, MdaSummary summary,
            Map<FrameCoordinates, NdTiffIndex.Entry> entries, int listed) {
        this.folder = folder;
        this.imagesFolder = imagesFolder;
        this.storage = storage;
        this.reader = new NdTiffImages(imagesFolder, entries.values().stream()
                .max(Comparator.comparingLong(NdTiffIndex.Entry::pixelBytes)).orElseThrow());
        this.summary = summary;
        this.entries = entries;
        this.images = new LinkedHashMap<>();
        entries.forEach((frame, entry) -> images.put(frame, entry.axes));
        this.listed = listed;
    }

    /** Whether {@code folder} holds an NDTiff index, or its {@code Full resolution} folder does. */
    static boolean isNdTiff(Path folder) {
        return Files.isRegularFile(folder.resolve(NdTiffIndex.FILE_NAME))
                || Files.isRegularFile(folder.resolve(FULL_RESOLUTION).resolve(NdTiffIndex.FILE_NAME));
    }

    /**
     * Opens the NDTiff dataset in {@code folder}.
     *
     * @throws IOException              if it is not an NDTiff dataset or NDTiffStorage cannot open it
     * @throws IllegalArgumentException if its summary or an image's axes cannot be read
     */
    public static NdTiffSource open(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder; give the folder of an NDTiff dataset (it holds "
                    + NdTiffIndex.FILE_NAME + ")");
        }
        Path imagesFolder = Files.isDirectory(folder.resolve(FULL_RESOLUTION)) ? folder.resolve(FULL_RESOLUTION) : folder;
        NdTiffIndex index = NdTiffIndex.read(imagesFolder);
        if (index.complete().isEmpty()) {
            throw new IOException(folder + " holds no complete image (" + index.cutOff().size()
                    + " listed, all cut off)");
        }
        NDTiffStorage storage;
        try {
            storage = new NDTiffStorage(folder.toString());
        } catch (IOException | RuntimeException e) {
            // NDTiffStorage reports a damaged file as a RuntimeException with the file's name
            throw new IOException("NDTiffStorage cannot open " + folder + ": " + causes(e), e);
        }
        try {
            List<Map<String, Object>> all = new ArrayList<>();
            index.complete().forEach(entry -> all.add(entry.axes));
            all.addAll(index.cutOff());
            MdaSummary summary = describe(MdaJson.summary(storage.getSummaryMetadata()), all, index.complete().get(0),
                    storage);
            AcqEngJAxes axes = new AcqEngJAxes(summary, Math.max(1, summary.intended(MdaSummary.CHANNEL)));
            Map<FrameCoordinates, NdTiffIndex.Entry> entries = new LinkedHashMap<>();
            for (NdTiffIndex.Entry entry : index.complete()) {
                entries.put(axes.toFrame(entry.axes), entry);
            }
            return new NdTiffSource(folder, imagesFolder, storage, summary, entries, all.size());
        } catch (RuntimeException unreadable) { // a summary or axes it cannot read: its files are not left open
            storage.close();
            throw unreadable;
        }
    }

    /** The run as the live AcqEngJ route would declare it, completed from the images present. */
    @Override
    public MdaSummary summary() {
        return summary;
    }

    /** The images whose bytes are all in the dataset, by where they go. */
    public Map<FrameCoordinates, Map<String, Object>> images() {
        return images;
    }

    @Override
    public Set<FrameCoordinates> frames() {
        return Collections.unmodifiableSet(images.keySet());
    }

    /** Images the index lists, complete or cut off. */
    @Override
    public int listed() {
        return listed;
    }

    @Override
    public Path folder() {
        return folder;
    }

    /**
     * Where each image's pixels are in its data file, as the index says: NDTiffStorage writes each
     * image as one strip, so they are contiguous. Refused: compressed or RGB images (Zarr would need
     * a codec or a channel axis NDTiff's layout does not have), 16-bit images in a big-endian data file.
     */
    @Override
    public PixelRuns pixelRuns() throws IOException {
        Set<String> checkedFiles = new HashSet<>();
        Map<FrameCoordinates, PixelRuns.Run> runs = new LinkedHashMap<>();
        for (Map.Entry<FrameCoordinates, NdTiffIndex.Entry> image : entries.entrySet()) {
            NdTiffIndex.Entry entry = image.getValue();
            if (entry.pixelCompression != UNCOMPRESSED) {
                throw new IllegalArgumentException(folder + " holds compressed images (" + entry.axes
                        + "); --reference needs uncompressed ones: convert it without --reference");
            }
            if (entry.rgb()) {
                throw PixelRuns.rgbRefused(folder);
            }
            if (checkedFiles.add(entry.dataFile)) {
                Path dataFile = imagesFolder.resolve(entry.dataFile);
                PixelRuns.requireLittleEndian(dataFile, reader.order(entry.dataFile), entry.bytesPerPixel());
            }
            runs.put(image.getKey(), new PixelRuns.Run(entry.dataFile, entry.pixelOffset, entry.pixelBytes()));
        }
        return new PixelRuns(imagesFolder, runs);
    }

    /**
     * The pixels (a fresh {@code byte[]} or {@code short[]}, B, G, R, A bytes for RGB) and tags of
     * an image of {@link #images()}, read by NDTiffStorage's own reader: what a lab's script gets.
     */
    public TaggedImage read(Map<String, Object> axes) {
        TaggedImage image = storage.getImage(new HashMap<>(axes));
        if (image == null) {
            throw new IllegalStateException(folder + ": NDTiffStorage has no image at " + axes
                    + ", which its index lists");
        }
        return image;
    }

    /**
     * The image's pixels in a buffer that the next read overwrites (see {@link NdTiffImages#pixels}),
     * and its tags.
     */
    @Override
    public TaggedImage read(FrameCoordinates frame) throws IOException {
        NdTiffIndex.Entry entry = entries.get(frame);
        if (entry == null) {
            throw new IllegalStateException(folder + " holds no image at " + frame);
        }
        return new TaggedImage(reader.pixels(entry), reader.tags(entry));
    }

    @Override
    public void close() {
        try {
            reader.close();
        } finally {
            storage.close();
        }
    }

    private static MdaSummary describe(MdaSummary declared, List<Map<String, Object>> images,
            NdTiffIndex.Entry first, NDTiffStorage storage) throws IOException {
        MdaSummary.Builder b = declared.toBuilder();
        List<String> names = new ArrayList<>(declared.channelNames());
        Map<String, Integer> extents = new HashMap<>();
        SortedMap<Integer, Map<String, Object>> firstAtPosition = new TreeMap<>();
        for (Map<String, Object> axes : images) {
            for (Map.Entry<String, Object> axis : axes.entrySet()) {
                Object value = axis.getValue();
                if (value instanceof Number) {
                    extents.merge(axis.getKey(), ((Number) value).intValue() + 1, Math::max);
                } else if (MdaSummary.CHANNEL.equals(axis.getKey()) && !names.contains(value.toString())) {
                    names.add(value.toString());
                    b.channel(value.toString(), null);
                }
            }
            Object position = axes.get(MdaSummary.POSITION);
            if (position instanceof Number) {
                firstAtPosition.putIfAbsent(((Number) position).intValue(), axes);
            }
        }
        extents.merge(MdaSummary.CHANNEL, names.size(), Math::max);
        extents.forEach((axis, size) -> b.intended(axis, Math.max(size, declared.intended(axis))));
        if (declared.width() == null) {
            b.frameSize(first.width, first.height);
        }
        if (declared.pixelType() == null) {
            b.pixelType(first.rgb() ? MdaPixelType.RGB32 : MdaPixelType.of(first.bytesPerPixel(), 1));
        }
        if (declared.stagePositions().isEmpty() && !firstAtPosition.isEmpty()) {
            FirstImagePositions.of(firstAtPosition, axes -> metadataOf(storage, axes)).forEach(b::stagePosition);
        }
        return b.build();
    }

    /** An image's tags; {@code null} (no tags) when NDTiffStorage has none for it. */
    private static JSONObject metadataOf(NDTiffStorage storage, Map<String, Object> axes) {
        JSONObject tags = storage.getImageMetadata(new HashMap<>(axes));
        return tags == null ? new JSONObject() : tags;
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage());
        }
        return text.toString();
    }
}

package org.zarrscope.convert;

import java.awt.geom.AffineTransform;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.micromanager.MultiStagePosition;
import org.micromanager.PropertyMaps;
import org.micromanager.data.Coords;
import org.micromanager.data.DataManager;
import org.micromanager.data.Datastore;
import org.micromanager.data.Metadata;
import org.micromanager.data.SummaryMetadata;
import org.micromanager.data.internal.DefaultDataManager;
import org.zarrscope.testing.RealMicroManager;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.testing.ZarrscopeChild;

/**
 * A dataset written by Micro-Manager's own multipage TIFF storage ({@code StorageMultipageTiff},
 * mmstudio's "OME-TIFF" save mode), in a child JVM on an installation's jars, for the OME-TIFF
 * conversion tests: a summary as the MDA gives it, and real mmstudio {@code Image}s with the
 * metadata the MDA attaches (elapsed time, exposure, stage X/Y/Z, pixel size and affine, scope
 * and user data), put in the MDA's
 * order, then frozen and closed.
 *
 * <p>Arguments: dataset folder, then {@code key=value} settings: {@code times}, {@code positions},
 * {@code slices}, {@code channels} (comma-separated names, or empty), {@code width}, {@code height},
 * {@code bytes} (1, 2, or 4 for RGB), {@code positionNames} (comma-separated), {@code positionList}
 * ({@code false}: the summary lists no positions, only the images name theirs), {@code split} ({@code true}: one file set per position),
 * {@code intendedDimensions} ({@code false}: the summary declares none, only the images tell the
 * run's extent),
 * {@code separateImageFiles} ({@code true}: written instead by mmstudio's single-plane TIFF series
 * storage, {@code StorageSinglePlaneTiffSeries}, the "separate image files" save mode: a folder per
 * position, a TIFF per image and a {@code metadata.txt}).
 */
public final class OmeTiffRun {
    /** The run's shape and how it is saved, also read by the test that checks the conversion. */
    static final class Shape {
        int times = 1;
        int positions = 1;
        int slices = 1;
        String[] channels = {};
        int width = 40;
        int height = 24;
        int bytes = 2;
        boolean split;
        /** Whether mmstudio's "separate image files" storage writes the run, not its multipage TIFF one. */
        boolean separateImageFiles;
        /** Position names; empty: {@code Pos-A}, {@code Pos-B}, … */
        String[] positionNames = {};
        /** Whether the summary lists the positions (a script's datastore may not: the images name them). */
        boolean positionList = true;
        /** Whether the summary declares the run's intended dimensions (a script's datastore may not). */
        boolean intendedDimensions = true;

        String positionName(int p) {
            return p < positionNames.length ? positionNames[p] : "Pos-" + (char) ('A' + p);
        }

        static Shape parse(String[] settings) {
            Shape shape = new Shape();
            for (String setting : settings) {
                String[] kv = setting.split("=", 2);
                switch (kv[0]) {
                    case "times": shape.times = Integer.parseInt(kv[1]); break;
                    case "positions": shape.positions = Integer.parseInt(kv[1]); break;
                    case "slices": shape.slices = Integer.parseInt(kv[1]); break;
                    case "channels": shape.channels = kv[1].isEmpty() ? new String[0] : kv[1].split(","); break;
                    case "width": shape.width = Integer.parseInt(kv[1]); break;
                    case "height": shape.height = Integer.parseInt(kv[1]); break;
                    case "bytes": shape.bytes = Integer.parseInt(kv[1]); break;
                    case "split": shape.split = Boolean.parseBoolean(kv[1]); break;
                    case "separateImageFiles": shape.separateImageFiles = Boolean.parseBoolean(kv[1]); break;
                    case "positionNames": shape.positionNames = kv[1].isEmpty() ? new String[0] : kv[1].split(","); break;
                    case "positionList": shape.positionList = Boolean.parseBoolean(kv[1]); break;
                    case "intendedDimensions": shape.intendedDimensions = Boolean.parseBoolean(kv[1]); break;
                    default: throw new IllegalArgumentException("unknown setting " + setting);
                }
            }
            return shape;
        }

        String[] arguments() {
            return new String[] {"times=" + times, "positions=" + positions, "slices=" + slices,
                "channels=" + String.join(",", channels), "width=" + width, "height=" + height, "bytes=" + bytes,
                "split=" + split, "positionNames=" + String.join(",", positionNames), "positionList=" + positionList,
                "separateImageFiles=" + separateImageFiles, "intendedDimensions=" + intendedDimensions};
        }

        int channelCount() {
            return Math.max(1, channels.length);
        }

        /** Every image, in the MDA's order (time, position, z, channel; channel innermost). */
        List<int[]> images() {
            List<int[]> images = new ArrayList<>();
            for (int t = 0; t < times; t++) {
                for (int p = 0; p < positions; p++) {
                    for (int z = 0; z < slices; z++) {
                        for (int c = 0; c < channelCount(); c++) {
                            images.add(new int[] {t, p, z, c});
                        }
                    }
                }
            }
            return images;
        }

        /**
         * Distinct pixels for every image; 16-bit ones mostly above 32767; RGB ({@code bytes} 4) as
         * mmstudio's images hold them, B, G, R, A.
         */
        Object pixels(int t, int p, int z, int c) {
            int seed = ((t * positions + p) * slices + z) * channelCount() + c;
            int count = width * height * (bytes == 4 ? 4 : 1);
            if (bytes != 2) {
                byte[] pixels = new byte[count];
                for (int i = 0; i < count; i++) {
                    pixels[i] = (byte) (seed * 31 + i * 7);
                }
                return pixels;
            }
            short[] pixels = new short[count];
            for (int i = 0; i < count; i++) {
                pixels[i] = (short) (seed * 1009 + i * 37 + 40_000);
            }
            return pixels;
        }

        /**
         * One colour of an RGB image at time {@code t} (first position, slice and channel) as
         * stored: channel 0 red, 1 green, 2 blue, picked out of mmstudio's B, G, R, A pixels.
         */
        byte[] colour(int t, int colour) {
            byte[] bgra = (byte[]) pixels(t, 0, 0, 0);
            byte[] plane = new byte[width * height];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = bgra[i * 4 + 2 - colour];
            }
            return plane;
        }

        /** The SHA-256 of a grey image's pixels as stored (little-endian). */
        String sha256(int t, int p, int z, int c) {
            Object pixels = pixels(t, p, z, c);
            if (pixels instanceof byte[]) {
                return ZarrPython.sha256(ByteBuffer.wrap((byte[]) pixels));
            }
            ByteBuffer bytes = ByteBuffer.allocate(((short[]) pixels).length * 2).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asShortBuffer().put((short[]) pixels);
            return ZarrPython.sha256(bytes);
        }

        static double elapsedMs(int t, int p, int z, int c) {
            return 1000.0 * t + 10 * p + 2.5 * z + 0.25 * c;
        }

        static double xUm(int p) {
            return 100.0 * p - 50;
        }

        static double yUm(int p) {
            return -20.0 - p;
        }

        static double zUm(int z) {
            return 3.0 + Z_STEP_UM * z;
        }

        static double exposureMs(int c) {
            return 10.0 + c;
        }

        static String gain(int c) {
            return String.valueOf(2 + c);
        }
    }

    static final double Z_STEP_UM = 0.5;
    /** A device property of the MDA's scope data, and a user data key, on every image. */
    static final String GAIN = "Camera-Gain";
    static final String OPERATOR = "Operator";
    static final double PIXEL_SIZE_UM = 0.65;

    private OmeTiffRun() {
    }

    public static void main(String[] args) throws Exception {
        write(Paths.get(args[0]), Shape.parse(Arrays.copyOfRange(args, 1, args.length)));
        System.exit(0); // the datastore's event bus threads are not daemons
    }

    /**
     * Writes the run into {@code folder/source} in a child JVM on the installation's jars
     * ({@link RealMicroManager#home()}) and returns that dataset folder.
     */
    static Path written(Shape shape, Path folder) throws Exception {
        return written(shape, folder, 120);
    }

    /** As {@link #written(Shape, Path)}, waiting at most {@code timeoutSeconds} for the child JVM. */
    static Path written(Shape shape, Path folder, long timeoutSeconds) throws Exception {
        Path home = RealMicroManager.home();
        Path source = folder.resolve("source");
        Path log = folder.resolve("child.log");
        List<String> args = new ArrayList<>(List.of(source.toString()));
        args.addAll(List.of(shape.arguments()));
        int exit = RealMicroManager.java(home, List.of(), Map.of(), log, timeoutSeconds, OmeTiffRun.class.getName(),
                args.toArray(new String[0]));
        if (exit != 0) {
            throw new AssertionError("Micro-Manager's writer failed (exit " + exit + "):\n"
                    + ZarrscopeChild.output(log));
        }
        return source;
    }

    /** The run's {@code .ome.tif} files, in name order. */
    static List<Path> files(Path source) throws Exception {
        try (Stream<Path> files = Files.list(source)) {
            return files.filter(f -> f.toString().endsWith(".ome.tif")).sorted().collect(Collectors.toList());
        }
    }

    /**
     * Cuts the run's first file as a crash would, inside its last image's IFD: that image's
     * pixels and all after them are gone.
     */
    static void cutShort(Path source) throws Exception {
        Path file = files(source).get(0);
        long lastImage = lastImageOffset(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(lastImage + 100);
        }
    }

    /** Where the last image the index map lists starts (its IFD). */
    private static long lastImageOffset(Path file) throws Exception {
        return indexMap(file).stream().mapToLong(image -> image.ifdOffset).max().orElse(0);
    }

    /** An image a file's index map lists: its place and where its IFD starts. */
    static final class Listed {
        final int t;
        final int p;
        final int z;
        final int c;
        final long ifdOffset;

        private Listed(int t, int p, int z, int c, long ifdOffset) {
            this.t = t;
            this.p = p;
            this.z = z;
            this.c = c;
            this.ifdOffset = ifdOffset;
        }

        /** {@code {t, p, z, c}}, as {@link Shape#images()} gives an image. */
        int[] place() {
            return new int[] {t, p, z, c};
        }
    }

    /**
     * The images {@code file}'s index map lists, in the order mmstudio wrote them, read as mmstudio
     * lays a file out (in the machine's order: little-endian here): the index map's offset at byte
     * 12, then after its marker and count five numbers per image (channel, z, time, position, the
     * offset of its IFD), up to the first whose offset is 0. Reads the header and the map only, not
     * the file (which may be 4 GB).
     */
    static List<Listed> indexMap(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long map = Integer.toUnsignedLong(read(channel, 0, 16).getInt(12));
            int count = read(channel, map, 8).getInt(4);
            ByteBuffer entries = read(channel, map + 8, 20 * count);
            List<Listed> listed = new ArrayList<>();
            for (int at = 0; at + 20 <= entries.limit() && entries.getInt(at + 16) != 0; at += 20) {
                listed.add(new Listed(entries.getInt(at + 8), entries.getInt(at + 12), entries.getInt(at + 4),
                        entries.getInt(at), Integer.toUnsignedLong(entries.getInt(at + 16))));
            }
            return listed;
        }
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (bytes.hasRemaining() && channel.read(bytes, offset + bytes.position()) >= 0) {
            // until full or the end of the file
        }
        return bytes.flip();
    }

    /** Writes the run into {@code folder} (which must not exist) and closes the datastore. */
    static void write(Path folder, Shape shape) throws Exception {
        Files.createDirectories(folder.toAbsolutePath().getParent());
        DataManager data = new DefaultDataManager(null);
        Datastore store = shape.separateImageFiles ? data.createSinglePlaneTIFFSeriesDatastore(folder.toString())
                : data.createMultipageTIFFDatastore(folder.toString(), false, shape.split);
        MultiStagePosition[] positions = new MultiStagePosition[shape.positions];
        for (int p = 0; p < shape.positions; p++) {
            positions[p] = new MultiStagePosition("XY", Shape.xUm(p), Shape.yUm(p), "Z", Shape.zUm(0));
            positions[p].setLabel(shape.positionName(p));
        }
        SummaryMetadata.Builder summary = data.summaryMetadataBuilder();
        if (shape.intendedDimensions) {
            summary.intendedDimensions(data.coordsBuilder().time(shape.times).stagePosition(shape.positions)
                    .z(shape.slices).channel(shape.channelCount()).build());
        }
        store.setSummaryMetadata(summary
                .axisOrder("time", "position", "z", "channel")
                .channelGroup("Channel").channelNames(shape.channels).zStepUm(Z_STEP_UM).waitInterval(1000.0)
                .stagePositions(shape.positionList ? positions : new MultiStagePosition[0])
                .prefix(folder.getFileName().toString()).startDate("2026-12-03 10:11:12.345 +0100").build());
        for (int[] image : shape.images()) {
            int t = image[0];
            int p = image[1];
            int z = image[2];
            int c = image[3];
            Coords coords = data.coordsBuilder().time(t).stagePosition(p).z(z).channel(c).build();
            Metadata metadata = data.metadataBuilder().exposureMs(Shape.exposureMs(c))
                    .elapsedTimeMs(Shape.elapsedMs(t, p, z, c)).xPositionUm(Shape.xUm(p)).yPositionUm(Shape.yUm(p))
                    .zPositionUm(Shape.zUm(z)).pixelSizeUm(PIXEL_SIZE_UM)
                    .pixelSizeAffine(new AffineTransform(PIXEL_SIZE_UM, 0, 0, PIXEL_SIZE_UM, 0, 0)).camera("Camera")
                    .positionName(positions[p].getLabel())
                    .scopeData(PropertyMaps.builder().putString(GAIN, Shape.gain(c)).build())
                    .userData(PropertyMaps.builder().putString(OPERATOR, "Ada").build()).build();
            store.putImage(data.createImage(shape.pixels(t, p, z, c), shape.width, shape.height, shape.bytes,
                    shape.bytes == 4 ? 3 : 1, coords, metadata));
        }
        store.freeze();
        store.close();
    }
}

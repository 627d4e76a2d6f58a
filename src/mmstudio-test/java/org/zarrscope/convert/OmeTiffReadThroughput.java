package org.zarrscope.convert;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import mmcorej.TaggedImage;
import mmcorej.org.json.JSONObject;
import org.micromanager.data.Coords;
import org.micromanager.data.Datastore;
import org.micromanager.data.Image;
import org.micromanager.data.internal.DefaultDataManager;
import org.w3c.dom.Node;
import org.zarrscope.FrameCoordinates;

/**
 * How fast three readers read a Micro-Manager OME-TIFF dataset, pixels and each image's
 * Micro-Manager JSON (what a conversion needs): Zarrscope's {@link OmeTiffSource} (its index map and
 * IFDs), TwelveMonkeys' TIFF ImageIO plugin (walking the IFDs, the JSON from tag 51123 of each
 * image's metadata tree, parsed as Zarrscope parses it; and its pixels alone), and mmstudio's own
 * reader ({@code DataManager.loadData} of a virtual datastore, which reads images from the files on
 * demand). Each reads the whole dataset once to warm the page cache, then {@code rounds} times; the throughput of every
 * round is printed (MB/s of pixels, 10^6 bytes). A child JVM on an installation's jars
 * (docs/convert.md gives the command line).
 *
 * <p>Arguments: dataset folder (written first with {@link OmeTiffRun}'s shape of 200 time points of
 * 2048 x 2048 uint16 when it does not exist), rounds (3 when not given).
 */
public final class OmeTiffReadThroughput {
    /** TwelveMonkeys' native metadata format: TIFF fields by tag number. */
    private static final String TIFF_METADATA = "com_sun_media_imageio_plugins_tiff_image_1.0";
    private static final String MM_METADATA_TAG = "51123";

    private OmeTiffReadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Paths.get(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!Files.exists(folder)) {
            OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
            shape.times = 200;
            shape.width = 2048;
            shape.height = 2048;
            long start = System.nanoTime();
            OmeTiffRun.write(folder, shape);
            System.out.printf(Locale.ROOT, "written by mmstudio's StorageMultipageTiff in %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
        }
        for (String reader : new String[] {"zarrscope", "twelvemonkeys", "twelvemonkeys-pixels", "mmstudio"}) {
            for (int round = 0; round <= rounds; round++) {
                long start = System.nanoTime();
                long[] read = read(reader, folder);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%-20s %s: %d images, %.0f MB in %.2f s: %.0f MB/s, %.0f images/s "
                                + "(metadata read: %d keys, or objects for mmstudio)%n", reader, round == 0 ? "warm-up" : "round " + round, read[0],
                        read[1] / 1e6, seconds, read[1] / 1e6 / seconds, read[0] / seconds, read[2]);
            }
        }
        System.exit(0); // mmstudio's datastore threads are not daemons
    }

    /** Images, pixel bytes and metadata read; a checksum of the pixels keeps the JIT honest. */
    private static long[] read(String reader, Path folder) throws Exception {
        switch (reader) {
            case "zarrscope": return zarrscope(folder);
            case "twelvemonkeys": return twelveMonkeys(folder, true);
            case "twelvemonkeys-pixels": return twelveMonkeys(folder, false);
            default: return mmstudio(folder);
        }
    }

    private static long[] zarrscope(Path folder) throws Exception {
        long[] read = new long[4];
        try (OmeTiffSource source = OmeTiffSource.open(folder)) {
            for (FrameCoordinates frame : source.frames()) {
                TaggedImage image = source.read(frame);
                count(read, image.pix, image.tags.length());
            }
        }
        return read;
    }

    private static long[] twelveMonkeys(Path folder, boolean withMetadata) throws Exception {
        long[] read = new long[4];
        List<Path> files;
        try (Stream<Path> children = Files.list(folder)) {
            files = children.filter(f -> f.toString().endsWith(OmeTiffSource.SUFFIX)).sorted()
                    .collect(Collectors.toList());
        }
        for (Path file : files) {
            ImageReader reader = new TIFFImageReaderSpi().createReaderInstance();
            try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
                reader.setInput(input);
                int images = reader.getNumImages(true);
                for (int i = 0; i < images; i++) {
                    BufferedImage image = reader.read(i);
                    Object pixels = image.getRaster().getDataBuffer() instanceof DataBufferUShort
                            ? ((DataBufferUShort) image.getRaster().getDataBuffer()).getData()
                            : ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
                    count(read, pixels, withMetadata ? new JSONObject(mmJson(reader.getImageMetadata(i))).length() : 0);
                }
            } finally {
                reader.dispose();
            }
        }
        return read;
    }

    /** Tag 51123's text from TwelveMonkeys' metadata tree. */
    private static String mmJson(IIOMetadata metadata) {
        Node ifd = metadata.getAsTree(TIFF_METADATA).getFirstChild();
        for (Node field = ifd.getFirstChild(); field != null; field = field.getNextSibling()) {
            if (MM_METADATA_TAG.equals(field.getAttributes().getNamedItem("number").getNodeValue())) {
                Node ascii = field.getFirstChild().getFirstChild();
                return ascii.getAttributes().getNamedItem("value").getNodeValue();
            }
        }
        throw new IllegalStateException("an image without Micro-Manager's tag " + MM_METADATA_TAG);
    }

    private static long[] mmstudio(Path folder) throws Exception {
        long[] read = new long[4];
        Datastore store = new DefaultDataManager(null).loadData(folder.toString(), true);
        try {
            for (Coords coords : store.getUnorderedImageCoords()) {
                Image image = store.getImage(coords);
                count(read, image.getRawPixels(), image.getMetadata() == null ? 0 : 1);
            }
        } finally {
            store.close();
        }
        return read;
    }

    private static void count(long[] read, Object pixels, int metadata) {
        read[0]++;
        if (pixels instanceof ByteBuffer) {
            ByteBuffer bytes = (ByteBuffer) pixels;
            read[1] += bytes.remaining();
            read[3] += bytes.get(bytes.position()) + bytes.get(bytes.limit() - 1);
        } else if (pixels instanceof short[]) {
            short[] gray = (short[]) pixels;
            read[1] += gray.length * 2L;
            read[3] += gray[0] + gray[gray.length / 2] + gray[gray.length - 1];
        } else {
            byte[] gray = (byte[]) pixels;
            read[1] += gray.length;
            read[3] += gray[0] + gray[gray.length - 1];
        }
        read[2] += metadata;
    }
}

package org.zarrscope.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import mmcorej.org.json.JSONObject;
import org.micromanager.ndtiffstorage.NDTiffStorage;

/**
 * NDTiff datasets written by NDTiffStorage's own writer, as AcqEngJ and pycro-manager write them
 * (a summary, and AcqEngJ's JSON tags with every image), with pixels and tags a test can predict:
 * the sources of the {@code convert} tests.
 */
public final class NdTiffRuns {
    private NdTiffRuns() {
    }

    public static final int WIDTH = 48;
    public static final int HEIGHT = 32;

    /** One image: its AcqEngJ axes and tags. */
    public static final class Image {
        public final int p;
        public final int t;
        public final int c;
        public final int z;

        Image(int p, int t, int c, int z) {
            this.p = p;
            this.t = t;
            this.c = c;
            this.z = z;
        }
    }

    /** An acquisition to write as NDTiff: sizes, channels (none: no channel axis), positions (none: no position axis). */
    public static final class Run {
        public int times = 1;
        public int slices = 1;
        public String[] channels = {};
        public String[] positions = {};
        public boolean eightBit;
        /** 8-bit RGB images (NDTiffStorage's 4 bytes a pixel: B, G, R, A) instead of grey ones. */
        public boolean rgb;

        public List<Image> images() {
            List<Image> images = new ArrayList<>();
            for (int t = 0; t < times; t++) {
                for (int p = 0; p < Math.max(1, positions.length); p++) {
                    for (int z = 0; z < slices; z++) {
                        for (int c = 0; c < Math.max(1, channels.length); c++) {
                            images.add(new Image(p, t, c, z));
                        }
                    }
                }
            }
            return images;
        }

        public Object pixels(Image image) {
            int seed = image.t * 9001 + image.p * 3001 + image.z * 301 + image.c * 31;
            if (eightBit || rgb) {
                byte[] pixels = new byte[WIDTH * HEIGHT * (rgb ? 4 : 1)];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = (byte) (seed + i * 7);
                }
                return pixels;
            }
            short[] pixels = new short[WIDTH * HEIGHT];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (short) (seed + i * 7);
            }
            return pixels;
        }

        public String sha256(Image image) {
            Object pixels = pixels(image);
            if (pixels instanceof byte[]) {
                return Zarrita.sha256(ByteBuffer.wrap((byte[]) pixels));
            }
            ByteBuffer bytes = ByteBuffer.allocate(WIDTH * HEIGHT * 2).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asShortBuffer().put((short[]) pixels);
            return Zarrita.sha256(bytes);
        }

        public double elapsedMs(Image image) {
            return 1000.5 * image.t + 10 * image.p + 2 * image.z + 0.25 * image.c;
        }

        public double xUm(Image image) {
            return 100.0 + 1000 * image.p;
        }

        public double zUm(Image image) {
            return 5.0 + 0.5 * image.z;
        }

        /** Writes the run with NDTiffStorage as AcqEngJ does; returns the dataset folder. */
        public Path write(Path folder) throws Exception {
            JSONObject summary = new JSONObject();
            summary.put("PixelType", rgb ? "RGB32" : eightBit ? "GRAY8" : "GRAY16");
            summary.put("PixelSize_um", 0.65);
            summary.put("z-step_um", 0.5);
            summary.put("ChannelGroup", "Channel");
            summary.put("StartTime", "2026-12-03 02:16:38.250 +0100");
            summary.put("Prefix", "ndtiff_run");
            NDTiffStorage storage = new NDTiffStorage(folder.toString(), "ndtiff_run", summary, 0, 0, false, null, 50,
                    null, true);
            for (Image image : images()) {
                HashMap<String, Object> axes = new HashMap<>();
                axes.put("time", image.t);
                if (slices > 1) {
                    axes.put("z", image.z);
                }
                if (channels.length > 0) {
                    axes.put("channel", channels[image.c]);
                }
                if (positions.length > 0) {
                    axes.put("position", image.p);
                }
                JSONObject tags = new JSONObject();
                tags.put("Axes", new JSONObject(axes));
                tags.put("ElapsedTime-ms", elapsedMs(image));
                tags.put("Exposure", 12.5);
                tags.put("XPosition_um_Intended", xUm(image));
                tags.put("YPosition_um_Intended", -20.0);
                tags.put("ZPosition_um", zUm(image));
                tags.put("Camera", "Camera");
                tags.put("Width", WIDTH);
                tags.put("Height", HEIGHT);
                if (positions.length > 0) {
                    tags.put("PositionName", positions[image.p]);
                }
                storage.putImage(pixels(image), tags, axes, rgb, eightBit || rgb ? 8 : 16, HEIGHT, WIDTH).get();
            }
            storage.finishedWriting();
            Path written = Path.of(storage.getDiskLocation());
            storage.close();
            return written;
        }
    }
}

package org.zarrscope.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.zarrscope.micromanager.HardwareException;
import org.zarrscope.micromanager.headless.CameraFormat;
import org.zarrscope.micromanager.headless.Microscope;
import org.zarrscope.micromanager.headless.SequenceFrame;

/**
 * A microscope without hardware for headless acquisition tests: a 16-bit camera whose sequence
 * runs on its own thread into a buffer, a focus drive "Z", an XY stage "XY" and configuration
 * presets, all logged. Every frame is stamped with the hardware state it was taken in, so a test
 * can check from the dataset alone that the frame stored at (p, t, c, z) was taken at that
 * position, channel and focus: pixel 0 the frame's number (from 1), 1 the channel preset's index
 * in {@link #PRESETS} plus one (0 for none), 2 the focus in tenths of µm, 3 and 4 the XY stage in µm.
 */
public final class FakeMicroscope implements Microscope {
    public static final int WIDTH = 8;
    public static final int HEIGHT = 4;
    public static final List<String> PRESETS = Collections.unmodifiableList(java.util.Arrays.asList("DAPI", "FITC",
            "Rhodamine"));
    public static final double EXPOSURE_MS = 2.5;

    private final String focus;
    private final int cameraChannels;
    private final ConcurrentLinkedQueue<SequenceFrame> buffer = new ConcurrentLinkedQueue<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> startNanos = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running;
    private volatile boolean overflowed;
    private volatile boolean stopRequested;
    private Thread camera;
    private long bufferMegabytes = 250;
    private int frameNumber;
    /** Frames the camera takes in the whole acquisition before it overflows or stops; unlimited by default. */
    private long overflowAfter = Long.MAX_VALUE;
    private long stopAfter = Long.MAX_VALUE;
    private int preset;
    private double z = 10.0;
    private double x = 100;
    private double y = 200;
    private boolean closed;

    /** A microscope with a focus drive and a single camera. */
    public FakeMicroscope() {
        this("Z", 1);
    }

    /**
     * @param focus          the focus device's label, or null for none
     * @param cameraChannels camera channels the camera delivers (more than one: a Multi Camera device)
     */
    public FakeMicroscope(String focus, int cameraChannels) {
        this.focus = focus;
        this.cameraChannels = cameraChannels;
    }

    /** The buffer fills after {@code frames} frames of the whole acquisition: the camera stops and reports overflow. */
    public FakeMicroscope overflowAfter(long frames) {
        overflowAfter = frames;
        return this;
    }

    /** The camera stops without a word after {@code frames} frames of the whole acquisition. */
    public FakeMicroscope stopAfter(long frames) {
        stopAfter = frames;
        return this;
    }

    /** Every command in order: {@code preset G P}, {@code move D z}, {@code xy D x y}, {@code start n interval}, {@code stop}, …. */
    public List<String> log() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    /** System.nanoTime() of every sequence start. */
    public List<Long> startNanos() {
        synchronized (startNanos) {
            return new ArrayList<>(startNanos);
        }
    }

    /** How many frames the camera delivered; read after it stopped ({@link #isRunning} false). */
    public int frameCount() {
        return frameNumber;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public CameraFormat cameraFormat() {
        return new CameraFormat(WIDTH, HEIGHT, 2, 1, cameraChannels);
    }

    @Override
    public String cameraName() {
        return "FakeCam";
    }

    @Override
    public double exposureMs() {
        return EXPOSURE_MS;
    }

    @Override
    public Double pixelSizeUm() {
        return 0.65;
    }

    @Override
    public double[] pixelSizeAffine() {
        return null;
    }

    @Override
    public String focusDevice() {
        return focus;
    }

    @Override
    public String xyStageDevice() {
        return "XY";
    }

    @Override
    public void applyPreset(String group, String name) throws HardwareException {
        if (!PRESETS.contains(name)) {
            throw new HardwareException("no preset " + name);
        }
        preset = PRESETS.indexOf(name) + 1;
        log.add("preset " + group + " " + name);
    }

    @Override
    public void moveStage(String device, double positionUm) throws HardwareException {
        if (!device.equals(focus)) {
            throw new HardwareException("no stage " + device);
        }
        z = positionUm;
        log.add("move " + device + " " + positionUm);
    }

    @Override
    public double stagePosition(String device) throws HardwareException {
        if (!device.equals(focus)) {
            throw new HardwareException("no stage " + device);
        }
        return z;
    }

    @Override
    public void moveXYStage(String device, double xUm, double yUm) throws HardwareException {
        if (!device.equals("XY")) {
            throw new HardwareException("no XY stage " + device);
        }
        x = xUm;
        y = yUm;
        log.add("xy " + device + " " + xUm + " " + yUm);
    }

    @Override
    public double[] xyStagePosition(String device) {
        return new double[] {x, y};
    }

    @Override
    public void setRoi(int roiX, int roiY, int width, int height) {
        log.add("roi " + roiX + " " + roiY + " " + width + " " + height);
    }

    @Override
    public void setBufferMegabytes(long megabytes) {
        bufferMegabytes = megabytes;
        log.add("buffer " + megabytes);
    }

    @Override
    public long bufferMegabytes() {
        return bufferMegabytes;
    }

    @Override
    public boolean tagsFramesWithSystemState() {
        return false;
    }

    @Override
    public synchronized void start(int frames, double intervalMs) throws HardwareException {
        if (running) {
            throw new HardwareException("the camera is still acquiring the previous sequence");
        }
        log.add("start " + frames + " " + intervalMs);
        startNanos.add(System.nanoTime());
        overflowed = false;
        stopRequested = false;
        running = true;
        short[] state = {(short) preset, (short) Math.round(z * 10), (short) Math.round(x), (short) Math.round(y)};
        camera = new Thread(() -> {
            try {
                for (int i = 0; i < frames && !stopRequested; i++) {
                    if (frameNumber >= stopAfter) {
                        return;
                    }
                    if (frameNumber >= overflowAfter) {
                        overflowed = true;
                        return;
                    }
                    frameNumber++;
                    buffer.add(frame(state));
                    if (intervalMs > 0 && i < frames - 1) {
                        TimeUnit.MICROSECONDS.sleep((long) (intervalMs * 1000));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stop() interrupts a sleeping camera
            } finally {
                running = false;
            }
        }, "fake-camera");
        camera.start();
    }

    private SequenceFrame frame(short[] state) {
        short[] pixels = new short[WIDTH * HEIGHT];
        pixels[0] = (short) frameNumber;
        System.arraycopy(state, 0, pixels, 1, state.length);
        for (int i = 1 + state.length; i < pixels.length; i++) {
            pixels[i] = (short) (frameNumber * 7 + i);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        // as MMCore tags a sequence: the time restarts with each sequence, and the legacy multi-D
        // tags hold the same constants in every frame
        long sequenceStart = startNanos.get(startNanos.size() - 1);
        tags.put("ElapsedTime-ms", Double.toString((System.nanoTime() - sequenceStart) / 1e6));
        tags.put("Camera", "FakeCam");
        tags.put("ImageNumber", Integer.toString(frameNumber - 1));
        tags.put("Frame", "0");
        tags.put("SliceIndex", "0");
        tags.put("ChannelIndex", "0");
        tags.put("Position", "Default");
        return new SequenceFrame(pixels, tags);
    }

    @Override
    public int framesWaiting() {
        return buffer.size();
    }

    @Override
    public SequenceFrame nextFrame() throws HardwareException {
        SequenceFrame frame = buffer.poll();
        if (frame == null) {
            throw new HardwareException("the buffer is empty");
        }
        return frame;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean overflowed() {
        return overflowed;
    }

    @Override
    public synchronized void stop() throws HardwareException {
        log.add("stop");
        stopRequested = true;
        if (camera != null) {
            camera.interrupt();
            try {
                camera.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HardwareException("interrupted while stopping the camera");
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}

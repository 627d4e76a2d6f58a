package org.zarrscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mmcorej.org.json.JSONObject;
import org.micromanager.ndtiffstorage.NDTiffStorage;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.Fsync;

/**
 * A time-lapse of simulated 16-bit camera frames saved by NDTiffStorage (Micro-Manager's default
 * writer) as AcqEngJ saves one (summary, an {@code Axes} tag and the usual tags per image): the
 * source {@code bench convert} converts, and the baseline {@code bench} writes beside Zarrscope.
 * Frames cycle through a small bank rendered once, the same frames {@code bench}'s Zarrscope runs
 * write (the simulated camera's frames 0–7 of seed 7).
 */
final class CameraRunAsNdTiff {
    static final int BANK = 8;
    static final long SEED = 7;

    private final Object[] bank = new Object[BANK];
    private final int width;
    private final int height;

    CameraRunAsNdTiff(int width, int height) {
        this.width = width;
        this.height = height;
        SimulatedCamera camera = new SimulatedCamera(width, height, PixelType.UINT16, SEED);
        for (int i = 0; i < BANK; i++) {
            bank[i] = camera.frame(FrameCoordinates.of(i, 0, 0));
        }
    }

    /** Frame {@code index} of the bank: a {@code short[]} of {@code width × height} samples. */
    Object frame(int index) {
        return bank[index];
    }

    /**
     * Writes {@code frames} frames under {@code folder} and returns the dataset's folder once
     * NDTiffStorage has written and closed every file. Images are put without waiting for each
     * (AcqEngJ does not either); a failure of its writing thread is thrown at the end.
     */
    Path write(Path folder, int frames) throws Exception {
        JSONObject summary = new JSONObject();
        summary.put("PixelType", "GRAY16");
        summary.put("PixelSize_um", 0.65);
        summary.put("Prefix", "bench_run");
        NDTiffStorage storage = new NDTiffStorage(folder.toString(), "bench_run", summary, 0, 0, false, null, 50, null,
                true);
        try {
            for (int t = 0; t < frames; t++) {
                Map<String, Object> axes = new HashMap<>();
                axes.put("time", t);
                JSONObject tags = new JSONObject();
                tags.put("Axes", new JSONObject(axes));
                tags.put("ElapsedTime-ms", 50.0 * t);
                tags.put("Camera", "SimulatedCamera");
                tags.put("Width", width);
                tags.put("Height", height);
                storage.putImage(bank[t % BANK], tags, new HashMap<>(axes), false, 16, height, width);
            }
        } finally {
            // also after a failure: NDTiffStorage's writing thread would otherwise keep the JVM alive
            storage.finishedWriting();
            storage.closeAndWait();
        }
        storage.checkForWritingException();
        return Paths.get(storage.getDiskLocation());
    }

    /**
     * Forces every file and folder of a written dataset to the disk: NDTiffStorage never does, and
     * Zarrscope's {@code finish()} does, so a comparison without it would time the page cache.
     */
    static void forceToDisk(Path dataset) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dataset)) {
            paths = walk.collect(Collectors.toList());
        }
        Fsync fsync = new Fsync();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                fsync.folder(path);
            } else {
                fsync.file(path);
            }
        }
    }
}

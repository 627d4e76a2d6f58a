package org.zarrscope.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import mmcorej.org.json.JSONObject;
import org.micromanager.ndtiffstorage.NDTiffStorage;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.simulate.SimulatedCamera;

/**
 * A time-lapse of simulated 16-bit camera frames saved by NDTiffStorage as AcqEngJ saves one
 * (summary, an {@code Axes} tag and the usual tags per image): the source {@code bench convert}
 * converts. Frames cycle through a small bank, as the other benchmarks' do.
 */
final class CameraRunAsNdTiff {
    private static final int BANK = 8;

    private CameraRunAsNdTiff() {
    }

    /** Writes {@code frames} frames of {@code width × height} under {@code folder}; returns the dataset's folder. */
    static Path write(Path folder, int frames, int width, int height) throws Exception {
        JSONObject summary = new JSONObject();
        summary.put("PixelType", "GRAY16");
        summary.put("PixelSize_um", 0.65);
        summary.put("Prefix", "bench_run");
        NDTiffStorage storage = new NDTiffStorage(folder.toString(), "bench_run", summary, 0, 0, false, null, 50, null,
                true);
        SimulatedCamera camera = new SimulatedCamera(width, height, PixelType.UINT16, 7);
        Object[] bank = new Object[BANK];
        for (int i = 0; i < BANK; i++) {
            bank[i] = camera.frame(FrameCoordinates.of(i, 0, 0));
        }
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
                storage.putImage(bank[t % BANK], tags, new HashMap<>(axes), false, 16, height, width).get();
            }
            return Paths.get(storage.getDiskLocation());
        } finally {
            // also after a failure: NDTiffStorage's writing thread would otherwise keep the JVM alive
            storage.finishedWriting();
            storage.close();
        }
    }
}

package org.zarrscope.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalReader;
import org.zarrscope.testing.ZarrscopeChild;

/**
 * One trial: {@code zarrscope simulate} in a child JVM, SIGKILLed ({@link Process#destroyForcibly})
 * at a given moment, {@code zarrscope recover}, then the dataset read by the independent reader
 * and compared plane by plane with the complete run of the same configuration and seed, and its
 * frame table with the planes on disk.
 */
final class KilledRun {
    /** Kills are drawn from a window a tenth longer than the complete run, so some land after it ended. */
    private static final double WINDOW = 1.1;
    /** {@code recover}'s exit code when it removed chunks a crash had cut off: the dataset is still whole. */
    private static final int RECOVER_LOST_CHUNKS = 1;

    private KilledRun() {
    }

    /**
     * Runs trial {@code trial} in {@code folder}, killing the writer {@code killFraction} (0 to 1)
     * of the way through the kill window.
     */
    static TrialResult run(int trial, TrialConfig config, double killFraction, ReferenceRun reference, long seed,
                           Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Path dataset = folder.resolve("killed.ome.zarr");
        Path log = folder.resolve("killed.log");
        Process child = ZarrscopeChild.start(log, config.simulateArgs(dataset, seed));
        Set<String> promised;
        long killedAtNanos;
        boolean finishedBeforeKill;
        try {
            long opened = ReferenceRun.waitForMetadata(child, config.rootMetadata(dataset), log);
            long killAt = opened + (long) (killFraction * WINDOW * reference.writeNanos);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, killAt - System.nanoTime()));
            killedAtNanos = System.nanoTime() - opened;
            finishedBeforeKill = !child.isAlive();
            promised = PromisedFrames.now(dataset, config);
        } finally {
            child.destroyForcibly();
        }
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed writer of trial " + trial + " did not exit");
        }
        long killedAtMillis = TimeUnit.NANOSECONDS.toMillis(killedAtNanos);

        CommandRun recover = CommandRun.zarrscope("recover", dataset.toString());
        String recoverSays = lastLine(recover.out + recover.err);
        boolean recovered = recover.exitCode == 0 || recover.exitCode == RECOVER_LOST_CHUNKS;
        Map<String, ? extends ExternalReader.Dataset<?>> read = IndependentRead.of(dataset, config, true);
        boolean opened = recovered && read.values().stream().allMatch(array -> array.error() == null);
        if (!opened) {
            return new TrialResult(trial, config, killedAtMillis, finishedBeforeKill, false, promised.size(), 0,
                    promised.size(), 0, 0, recovered ? "readers failed: " + firstError(read) : recoverSays);
        }

        Set<String> onDisk = new TreeSet<>();
        Set<String> corruptChunks = new TreeSet<>();
        for (Map.Entry<String, ? extends ExternalReader.Dataset<?>> entry : read.entrySet()) {
            String array = entry.getKey();
            ExternalReader.Dataset<?> planes = entry.getValue();
            Map<String, String> expected = reference.planes.get(array);
            String unwritten = IndependentRead.unwritten(planes);
            for (Map.Entry<String, String> plane : planes.planes().entrySet()) {
                if (plane.getValue().equals(expected.get(plane.getKey()))) {
                    if (array.equals("0")) {
                        onDisk.add(plane.getKey());
                    }
                } else if (!(config.v3 && plane.getValue().equals(unwritten))) {
                    corruptChunks.add(chunkOf(array, plane.getKey(), planes));
                }
            }
            planes.planeErrors().keySet().forEach(plane -> corruptChunks.add(chunkOf(array, plane, planes)));
        }
        Set<String> lost = new HashSet<>(promised);
        lost.removeAll(onDisk);
        Set<String> withoutMetadata = new HashSet<>(onDisk);
        withoutMetadata.removeAll(frameTableRows(dataset));
        return new TrialResult(trial, config, killedAtMillis, finishedBeforeKill, true, promised.size(),
                onDisk.size(), lost.size(), corruptChunks.size(), withoutMetadata.size(), recoverSays);
    }

    /** The frames of position 0 the frame table has a row for, keyed as the readers key planes. */
    private static Set<String> frameTableRows(Path dataset) throws IOException {
        List<FrameRecord> rows = FrameTableReader.read(new FileSystemStore(dataset));
        Set<String> frames = new HashSet<>();
        for (FrameRecord row : rows) {
            FrameCoordinates frame = row.frame();
            if (frame.position() == 0) {
                frames.add(frame.time() + "," + frame.channel() + "," + frame.z());
            }
        }
        return frames;
    }

    /** The chunk (array, t and z chunk index) holding plane {@code "t,c,z"}. */
    private static String chunkOf(String array, String plane, ExternalReader.Dataset<?> read) {
        String[] tcz = plane.split(",");
        int[] chunk = IndependentRead.decodedChunk(read);
        return array + "/" + Integer.parseInt(tcz[0]) / chunk[0] + "/" + tcz[1] + "/" + Integer.parseInt(tcz[2]) / chunk[2];
    }

    private static String firstError(Map<String, ? extends ExternalReader.Dataset<?>> read) {
        return read.values().stream().filter(array -> array.error() != null)
                .map(array -> array.id() + ": " + lastLine(array.error())).findFirst().orElse("none");
    }

    private static String lastLine(String text) {
        String[] lines = text.trim().split("\\R");
        return lines[lines.length - 1];
    }
}

package org.zarrscope.crash;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.ExternalReader;

/**
 * Checks a dataset left by a killed writer (after {@code recover}) against the complete run of
 * the same configuration and seed: whether the independent reader opens every array the root
 * declares; which full-resolution frames read back pixel-exact; which chunks hold a plane that
 * does not decode or differs from the complete run's (in v3 a plane of the fill value is an inner
 * chunk never written, not a corrupt one); which promised frames are missing; which frames on
 * disk have no row in the frame table (read after {@code recover}, journal included).
 */
final class DatasetCheck {
    final boolean opened;
    /** Why the reader could not open an array, or {@code null}. */
    final String readerError;
    final Set<String> onDisk = new TreeSet<>();
    final Set<String> corruptChunks = new TreeSet<>();
    final Set<String> lostBeyondPromise = new TreeSet<>();
    final Set<String> withoutMetadata = new TreeSet<>();

    private DatasetCheck(String readerError) {
        this.opened = readerError == null;
        this.readerError = readerError;
    }

    static DatasetCheck of(Path dataset, TrialConfig config, Set<String> promised, ReferenceRun reference)
            throws IOException, InterruptedException {
        Map<String, ? extends ExternalReader.Dataset<?>> read = IndependentRead.of(dataset, config, true);
        String readerError = read.values().stream().filter(array -> array.error() != null)
                .map(array -> "array " + array.id() + ": " + firstLine(array.error())).findFirst().orElse(null);
        DatasetCheck check = new DatasetCheck(readerError);
        if (!check.opened) {
            check.lostBeyondPromise.addAll(promised);
            return check;
        }
        for (Map.Entry<String, ? extends ExternalReader.Dataset<?>> entry : read.entrySet()) {
            check.compare(entry.getKey(), entry.getValue(), reference.planes.get(entry.getKey()), config.v3);
        }
        check.lostBeyondPromise.addAll(promised);
        check.lostBeyondPromise.removeAll(check.onDisk);
        check.withoutMetadata.addAll(check.onDisk);
        check.withoutMetadata.removeAll(frameTableRows(dataset));
        return check;
    }

    private void compare(String array, ExternalReader.Dataset<?> planes, Map<String, String> expected, boolean v3) {
        String unwritten = IndependentRead.unwritten(planes);
        for (Map.Entry<String, String> plane : planes.planes().entrySet()) {
            if (plane.getValue().equals(expected.get(plane.getKey()))) {
                if (array.equals("0")) {
                    onDisk.add(plane.getKey());
                }
            } else if (!(v3 && plane.getValue().equals(unwritten))) {
                corruptChunks.add(chunkOf(array, plane.getKey(), planes));
            }
        }
        planes.planeErrors().keySet().forEach(plane -> corruptChunks.add(chunkOf(array, plane, planes)));
    }

    /** The frames of position 0 the frame table has a row for, keyed as the readers key planes. */
    private static Set<String> frameTableRows(Path dataset) throws IOException {
        Set<String> frames = new HashSet<>();
        for (FrameRecord row : FrameTableReader.read(new FileSystemStore(dataset))) {
            FrameCoordinates frame = row.frame();
            if (frame.position() == 0) {
                frames.add(frame.time() + "," + frame.channel() + "," + frame.z());
            }
        }
        return frames;
    }

    /** The chunk (array, t, c and z chunk index) holding plane {@code "t,c,z"}. */
    private static String chunkOf(String array, String plane, ExternalReader.Dataset<?> read) {
        String[] tcz = plane.split(",");
        int[] chunk = IndependentRead.decodedChunk(read);
        return array + "/" + Integer.parseInt(tcz[0]) / chunk[0] + "/" + tcz[1] + "/" + Integer.parseInt(tcz[2]) / chunk[2];
    }

    /** The message of a reader's error, without its traceback. */
    private static String firstLine(String text) {
        return text.trim().split("\\R")[0];
    }

    static String lastLine(String text) {
        String[] lines = text.trim().split("\\R");
        return lines[lines.length - 1];
    }
}

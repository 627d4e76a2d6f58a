package org.zarrscope.micromanager.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.zarrscope.micromanager.UniqueName;

/**
 * A dataset shown in Micro-Manager as Convert to OME-Zarr sees it: the folder it was saved to or
 * opened from, and where its OME-Zarr copy goes by default; or, for a dataset that is not (yet)
 * complete on disk, the message telling the user what to do first. In plain types, so that the
 * refusals are tested without a Studio.
 */
final class SourceOnDisk {
    private final Path folder;
    private final String refusal;

    private SourceOnDisk(Path folder, String refusal) {
        this.folder = folder;
        this.refusal = refusal;
    }

    /**
     * @param name     the dataset's name, as its window shows it
     * @param savePath the datastore's save path, {@code null} (or blank) when it is only in memory
     * @param frozen   whether the datastore takes no more images (an acquisition has ended)
     */
    static SourceOnDisk of(String name, String savePath, boolean frozen) {
        if (savePath == null || savePath.trim().isEmpty()) {
            return new SourceOnDisk(null, "\"" + name + "\" is only in memory: save it first (the Save button of its"
                    + " window, as an NDTiff, an image stack file or separate image files), then convert it from the"
                    + " saved dataset's window");
        }
        if (!frozen) {
            return new SourceOnDisk(null, "\"" + name + "\" is still being acquired: convert it when the acquisition"
                    + " has ended");
        }
        return new SourceOnDisk(Paths.get(savePath), null);
    }

    /** Whether there is a complete dataset on disk to convert; else {@link #refusal()} says why not. */
    boolean saved() { return refusal == null; }

    /** The dataset's folder (or file), as Micro-Manager saved or opened it; {@code null} when not {@link #saved()}. */
    Path folder() { return folder; }

    /** What the user must do first, in one sentence; {@code null} when {@link #saved()}. */
    String refusal() { return refusal; }

    /**
     * Beside the source, {@code <name>.ome.zarr}; when that is taken, the next free
     * {@code <name>_<N>.ome.zarr} ({@link UniqueName}): an earlier conversion is never overwritten.
     */
    Path defaultOutput() throws IOException {
        Path parent = folder.toAbsolutePath().getParent();
        String name = folder.getFileName().toString();
        Path beside = parent.resolve(name + UniqueName.EXTENSION);
        return Files.exists(beside) ? UniqueName.next(parent, name) : beside;
    }
}

package org.zarrscope.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Forces files and folders to the disk ({@code fsync}), for a {@link FileSystemStore} that keeps
 * its data through a power loss. A file is forced for its bytes; its folder for the names in it
 * (a rename, a new file), which a forced file alone does not make durable.
 *
 * <p>Tests extend it to record what was forced, and when.
 */
public class Fsync {
    /**
     * Windows cannot open a folder as a file, so its folders are not forced: NTFS journals the
     * names in a folder itself, which is what forcing it would give on Linux and macOS.
     */
    private static final boolean FOLDERS_CAN_BE_FORCED =
            !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    /** Forces the bytes of an open file (a shard before its rename), {@code file} naming it for errors. */
    public void file(FileChannel channel, Path file) throws IOException {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new IOException("cannot force " + file + " to the disk: " + e.getMessage(), e);
        }
    }

    /** Forces the bytes of a closed file. Opened for writing: Windows flushes only a file opened so. */
    public void file(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            file(channel, file);
        }
    }

    /** Forces the names in a folder: the files renamed or created in it since it was last forced. */
    public void folder(Path folder) throws IOException {
        if (!FOLDERS_CAN_BE_FORCED) {
            return;
        }
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new IOException("cannot force the folder " + folder + " to the disk: " + e.getMessage(), e);
        }
    }
}

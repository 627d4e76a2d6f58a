package org.zarrscope.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.testing.Folders;

/**
 * A file store says its commits wait for a disk only when it forces them to one: durable, and on
 * a file system with a disk beneath. In memory ({@code /dev/shm}) or not durable, a commit is a
 * rename, and the writer completes shards on its own threads.
 */
class OnlyACommitToADiskWaitsForItTest {
    private static final Path SHARED_MEMORY = Paths.get("/dev/shm");

    @TempDir
    Path temp;

    @Test
    void onADiskOnlyTheDurableStoreWaits() throws Exception {
        assumeFalse(FileSystemStore.inMemory(temp), "the temporary folder is in memory here: "
                + Files.getFileStore(temp).type());
        assertTrue(new FileSystemStore(temp.resolve("durable")).commitWaitsForADisk());
        assertFalse(new FileSystemStore(temp.resolve("not-durable"), false).commitWaitsForADisk());
    }

    @Test
    void inMemoryNoStoreWaits() throws Exception {
        assumeTrue(Files.isDirectory(SHARED_MEMORY), "no /dev/shm on this computer");
        Path folder = Files.createTempDirectory(SHARED_MEMORY, "zarrscope-commit-test");
        try {
            assumeTrue(FileSystemStore.inMemory(folder), "/dev/shm is not a tmpfs here");
            assertFalse(new FileSystemStore(folder.resolve("durable")).commitWaitsForADisk());
            assertFalse(new FileSystemStore(folder.resolve("not-durable"), false).commitWaitsForADisk());
        } finally {
            Folders.deleteTree(folder);
        }
    }
}

package org.zarrscope.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable store forces the files it writes in batches during the run, so a Zarr v2 run of
 * millions of chunk files never holds millions of paths waiting for the end.
 */
class ALongRunIsForcedInBatchesTest {
    private static final class CountingFsync extends Fsync {
        final Set<Path> files = ConcurrentHashMap.newKeySet();

        @Override
        public void file(FileChannel channel, Path file) throws IOException {
            files.add(file);
        }

        @Override
        public void folder(Path folder) {
            // the folders' names are not what this test counts
        }
    }

    @Test
    void everyBatchOfFilesIsForcedWithoutWaitingForTheEnd(@TempDir Path folder) throws IOException {
        CountingFsync fsync = new CountingFsync();
        FileSystemStore store = new FileSystemStore(folder, true, fsync);
        int written = FileSystemStore.SYNC_BATCH_FILES * 2 + 10;
        for (int i = 0; i < written; i++) {
            store.put("0/" + (i / 100) + "/" + (i % 100), ByteBuffer.wrap(new byte[] {(byte) i}));
        }
        assertEquals(FileSystemStore.SYNC_BATCH_FILES * 2, fsync.files.size(),
                "two full batches were forced before the end, the last 10 files wait for it");
        store.sync();
        assertEquals(written, fsync.files.size());
        assertTrue(fsync.files.contains(folder.resolve("0/0/0")));
    }
}

package org.zarrscope.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.zarrscope.metadata.FrameMetadataTable;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.store.SpaceReserve;
import org.zarrscope.store.Store;
import org.zarrscope.zarr.ShardJournal;
import org.zarrscope.zarr.ZarrJson;

/**
 * Repairs a dataset whose writer was killed: every shard that was still being filled is given
 * its index from the journal written beside it (each record names an inner chunk, its offset and
 * length; a record or chunk cut off by the crash is left out), then committed into place; partial
 * values of chunk or metadata writes that never finished, and the writer's space reserve, are
 * removed; the frame table's journal becomes its last segment; the image is marked
 * {@code recovered}; last the store is synced, so the repairs survive a power loss. Chunks that
 * were complete are never touched. Everything goes through the {@link Store}: what a killed
 * writer left is what {@link Store#listPartials} lists.
 */
public final class DatasetRecovery {
    private final Store store;
    private final List<String> report = new ArrayList<>();
    private int shardsRecovered;
    private int chunksRecovered;
    private int unrecoverable;

    private DatasetRecovery(Store store) {
        this.store = store;
    }

    /** Recovers the dataset in the folder {@code root}, as {@link #recover(Store)}. */
    public static DatasetRecovery recover(Path root) throws IOException {
        return recover(FileSystemStore.existing(root, true));
    }

    /** Recovers the dataset in {@code store}; the result says what was saved and what was not. */
    public static DatasetRecovery recover(Store store) throws IOException {
        if (store.get("zarr.json") == null && store.get(".zgroup") == null) {
            throw new IOException(store.describe() + " is not a Zarr dataset (no zarr.json or .zgroup)");
        }
        DatasetRecovery recovery = new DatasetRecovery(store);
        recovery.run();
        return recovery;
    }

    private void run() throws IOException {
        List<String> partials = store.listPartials("");
        Set<String> journals = new HashSet<>();
        for (String key : partials) {
            if (key.endsWith(ShardJournal.SUFFIX)) {
                journals.add(key);
            }
        }
        for (String key : partials) {
            if (journals.contains(key)) {
                continue; // handled with its shard
            }
            Store.LeftPartial partial = store.reopenPartial(key);
            if (partial == null) {
                continue; // listed, then gone: nothing left to repair
            }
            if (journals.remove(key + ShardJournal.SUFFIX)) {
                recoverShard(key, partial);
            } else if (key.equals(SpaceReserve.KEY)) {
                partial.delete();
                report.add("removed the space the writer set aside for finishing (" + key + ")");
            } else {
                partial.delete();
                report.add("removed the unfinished write of " + key + " (its previous version, if any, is intact)");
            }
        }
        for (String orphan : journals) { // a journal whose shard is gone
            Store.LeftPartial journal = store.reopenPartial(orphan);
            if (journal != null) {
                journal.delete();
            }
        }
        completeFrameTable();
        markRecovered();
        store.sync();
    }

    private void recoverShard(String shard, Store.LeftPartial data) throws IOException {
        Store.LeftPartial journal = store.reopenPartial(shard + ShardJournal.SUFFIX);
        if (journal == null) {
            data.close();
            throw new IOException("the journal of the unfinished shard " + shard + " in " + store.describe()
                    + " vanished while it was recovered; run recover again");
        }
        try {
            recoverShard(shard, data, journal);
        } catch (IOException | RuntimeException e) {
            // both stay as they were left, for another run of recover; only their handles go
            closeAfter(e, data);
            closeAfter(e, journal);
            throw e;
        }
    }

    private void recoverShard(String shard, Store.LeftPartial data, Store.LeftPartial journal) throws IOException {
        ShardJournal records = ShardJournal.read(journal.read(0, Math.toIntExact(journal.size())),
                innerChunksPerShard(shard), data.size());
        if (records.listed() == 0) {
            data.delete();
            journal.delete();
            report.add("shard " + shard + ": nothing recoverable, removed");
            unrecoverable += records.damaged();
            return;
        }
        // the index right after the last listed chunk: bytes past it belong to chunks no record lists
        data.truncate(records.end());
        data.write(records.index().encode(), records.end());
        data.commit();
        journal.delete();
        shardsRecovered++;
        chunksRecovered += records.listed();
        unrecoverable += records.damaged();
        report.add("shard " + shard + ": " + records.listed() + " inner chunks recovered"
                + (records.damaged() > 0 ? ", " + records.damaged() + " cut off by the crash could not be" : ""));
    }

    private static void closeAfter(Exception failure, Store.PartialFile partial) {
        try {
            partial.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Inner chunks per shard, from the metadata of the array the shard belongs to. */
    private int innerChunksPerShard(String shardKey) throws IOException {
        String metadataKey = shardKey.substring(0, shardKey.indexOf("/c/")) + "/zarr.json";
        ObjectNode array = ZarrJson.read(store, metadataKey);
        if (array == null) {
            throw new IOException("the shard " + shardKey + " belongs to no array: there is no " + store.describe() + "/"
                    + metadataKey);
        }
        JsonNode shard = array.path("chunk_grid").path("configuration").path("chunk_shape");
        JsonNode inner = array.path("codecs").get(0).path("configuration").path("chunk_shape");
        int count = 1;
        for (int d = 0; d < shard.size(); d++) {
            count *= shard.get(d).asInt() / inner.get(d).asInt();
        }
        return count;
    }

    /** Writes the rows of the frame table's journal (a segment the writer was still filling) as that segment. */
    private void completeFrameTable() throws IOException {
        int rows = FrameMetadataTable.completeJournal(store);
        if (rows > 0) {
            report.add("frame table: " + rows + " rows the writer had journaled written as its last segment");
        }
    }

    /** Marks every group still marked acquiring (the root, and each image of a multi-position dataset) recovered. */
    private void markRecovered() throws IOException {
        List<String> groupDocuments = new ArrayList<>();
        for (String key : store.list("")) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            if (name.equals("zarr.json") || name.equals(".zattrs")) {
                groupDocuments.add(key);
            }
        }
        groupDocuments.sort(null);
        for (String key : groupDocuments) {
            ObjectNode document = ZarrJson.read(store, key);
            JsonNode attributes = key.endsWith("zarr.json") ? document.path("attributes") : document;
            JsonNode zarrscope = attributes.path("zarrscope");
            if (zarrscope.isObject() && "acquiring".equals(zarrscope.path("status").asText())) {
                ((ObjectNode) zarrscope).put("status", "recovered");
                ZarrJson.write(store, key, document);
                String group = key.contains("/") ? key.substring(0, key.lastIndexOf('/')) : "(root)";
                report.add("marked " + group + " recovered (it was still marked acquiring)");
            }
        }
    }

    /** One line per repair made. */
    public List<String> report() { return report; }

    public int shardsRecovered() { return shardsRecovered; }

    public int chunksRecovered() { return chunksRecovered; }

    /** Chunks whose bytes or journal record the crash cut off: lost. */
    public int unrecoverable() { return unrecoverable; }
}

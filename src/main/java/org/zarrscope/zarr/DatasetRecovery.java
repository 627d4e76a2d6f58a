package org.zarrscope.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.zarrscope.metadata.FrameMetadataTable;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.store.SpaceReserve;

/**
 * Repairs a dataset whose writer was killed: every shard that was still being filled is given
 * its index from the journal written beside it (each record names an inner chunk, its offset and
 * length; a record or chunk cut off by the crash is left out), then moved into place; temporary
 * files of chunk or metadata writes that never finished, and the writer's space reserve, are
 * removed; the frame table's journal becomes its last segment; the image is marked
 * {@code recovered}. Chunks that were complete on disk are never touched.
 */
public final class DatasetRecovery {
    private static final String JOURNAL_PARTIAL = ShardedChunkSink.JOURNAL_SUFFIX + FileSystemStore.TEMPORARY_SUFFIX;
    private static final String RESERVE = "." + SpaceReserve.KEY + FileSystemStore.TEMPORARY_SUFFIX;

    private final Path root;
    private final List<String> report = new ArrayList<>();
    private int shardsRecovered;
    private int chunksRecovered;
    private int unrecoverable;

    private DatasetRecovery(Path root) {
        this.root = root;
    }

    /** Recovers the dataset in {@code root}; the result says what was saved and what was not. */
    public static DatasetRecovery recover(Path root) throws IOException {
        if (!Files.exists(root.resolve("zarr.json")) && !Files.exists(root.resolve(".zgroup"))) {
            throw new IOException(root + " is not a Zarr dataset (no zarr.json or .zgroup)");
        }
        DatasetRecovery recovery = new DatasetRecovery(root);
        recovery.run();
        return recovery;
    }

    private void run() throws IOException {
        List<Path> partials;
        try (Stream<Path> files = Files.walk(root)) {
            partials = files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(FileSystemStore.TEMPORARY_SUFFIX))
                    .sorted().collect(Collectors.toList());
        }
        for (Path partial : partials) {
            String name = partial.getFileName().toString();
            if (name.endsWith(JOURNAL_PARTIAL)) {
                continue; // handled with its shard
            }
            Path journal = partial.resolveSibling(name.substring(0, name.length() - FileSystemStore.TEMPORARY_SUFFIX.length())
                    + JOURNAL_PARTIAL);
            if (Files.exists(journal)) {
                recoverShard(partial, journal);
            } else if (name.equals(RESERVE)) {
                Files.delete(partial);
                report.add("removed " + root.relativize(partial) + ": the space the writer set aside for finishing");
            } else {
                Files.delete(partial);
                report.add("removed " + root.relativize(partial) + ": a write that never finished (its previous "
                        + "version, if any, is intact)");
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path orphan : files.filter(file -> file.getFileName().toString().endsWith(JOURNAL_PARTIAL))
                    .collect(Collectors.toList())) {
                Files.delete(orphan);
            }
        }
        completeFrameTable();
        markRecovered();
    }

    private void recoverShard(Path data, Path journal) throws IOException {
        String name = data.getFileName().toString();
        Path target = data.resolveSibling(name.substring(1, name.length() - FileSystemStore.TEMPORARY_SUFFIX.length()));
        String shard = root.relativize(target).toString().replace('\\', '/');
        int innerChunks = innerChunksPerShard(shard);
        long dataLength = Files.size(data);
        ByteBuffer records = ByteBuffer.wrap(Files.readAllBytes(journal)).order(ByteOrder.LITTLE_ENDIAN);
        ShardIndex index = new ShardIndex(innerChunks);
        long end = 0;
        int found = 0;
        int damaged = 0;
        while (records.remaining() >= ShardedChunkSink.JOURNAL_RECORD_BYTES) {
            int inner = records.getInt();
            long offset = records.getLong();
            long length = records.getLong();
            if (inner < 0 || inner >= innerChunks || offset < 0 || length <= 0 || offset + length > dataLength) {
                damaged++;
                continue;
            }
            index.set(inner, offset, length);
            end = Math.max(end, offset + length);
            found++;
        }
        if (records.hasRemaining()) {
            damaged++; // a record the crash cut off
        }
        if (found == 0) {
            Files.delete(data);
            Files.delete(journal);
            report.add("shard " + shard + ": nothing recoverable, removed");
            unrecoverable += damaged;
            return;
        }
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
            ByteBuffer encoded = index.encode();
            long position = end;
            while (encoded.hasRemaining()) {
                position += channel.write(encoded, position);
            }
            channel.truncate(position);
        }
        Files.move(data, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(journal);
        shardsRecovered++;
        chunksRecovered += found;
        unrecoverable += damaged;
        report.add("shard " + shard + ": " + found + " inner chunks recovered"
                + (damaged > 0 ? ", " + damaged + " cut off by the crash could not be" : ""));
    }

    /** Inner chunks per shard, from the metadata of the array the shard belongs to. */
    private int innerChunksPerShard(String shardKey) throws IOException {
        String arrayPath = shardKey.substring(0, shardKey.indexOf("/c/"));
        Path metadata = root.resolve(arrayPath).resolve("zarr.json");
        ObjectNode array = ZarrJson.read(metadata);
        if (array == null) {
            throw new IOException("the shard " + shardKey + " belongs to no array: there is no " + metadata);
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
        int rows = FrameMetadataTable.completeJournal(new FileSystemStore(root));
        if (rows > 0) {
            report.add("frame table: " + rows + " rows the writer had journaled written as its last segment");
        }
    }

    /** Marks every group still marked acquiring (the root, and each image of a multi-position dataset) recovered. */
    private void markRecovered() throws IOException {
        FileSystemStore store = new FileSystemStore(root);
        List<String> groupDocuments;
        try (Stream<Path> files = Files.walk(root)) {
            groupDocuments = files.filter(file -> file.getFileName().toString().equals("zarr.json")
                    || file.getFileName().toString().equals(".zattrs"))
                    .map(file -> root.relativize(file).toString().replace('\\', '/')).sorted().collect(Collectors.toList());
        }
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

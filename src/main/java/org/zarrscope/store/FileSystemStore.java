package org.zarrscope.store;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A dataset in a folder: each key is a file. Values are written to a hidden temporary file next
 * to their target and renamed over it, so a crash never leaves a half-written chunk that a reader
 * would decode as garbage. Folders are created once per folder (remembered), not once per chunk.
 *
 * <p>Durable (the default): a shard's bytes are forced to the disk before its rename, on the
 * thread that completes it, so a power loss never leaves its name on an empty file. Every
 * other file put, and every folder that gained a name, is remembered and forced once, in a batch,
 * by {@link #sync} at the end of the run, or as soon as {@value #SYNC_BATCH_FILES} files are
 * waiting (v2 writes a file per chunk); forcing each small chunk file as it is written would cost
 * one disk flush per chunk.
 * Not durable: nothing is forced, and a power loss may lose what the operating system had not yet
 * written, while readers still see only whole values.
 */
public final class FileSystemStore implements Store {
    /** Suffix of temporary files; a crashed writer may leave some behind, readers ignore them. */
    public static final String TEMPORARY_SUFFIX = ".partial";

    /** Files remembered before they are forced as one batch, bounding the memory a long v2 run needs. */
    static final int SYNC_BATCH_FILES = 4096;

    private final Path root;
    private final Set<Path> knownFolders = ConcurrentHashMap.newKeySet();
    private final boolean durable;
    /** Durable, and on a disk rather than in memory ({@code tmpfs}, where forcing does nothing). */
    private final boolean commitWaitsForADisk;
    private final Fsync fsync;
    /** Files put, and folders that gained a name, since the last {@link #sync}: empty unless durable. */
    private final Set<Path> unsyncedFiles = ConcurrentHashMap.newKeySet();
    private final Set<Path> unsyncedFolders = ConcurrentHashMap.newKeySet();
    /** One thread forces at a time: writers finding a batch under way go on writing. */
    private final ReentrantLock syncing = new ReentrantLock();

    /** Opens a durable dataset folder, as {@link #FileSystemStore(Path, boolean, Fsync)}. */
    public FileSystemStore(Path root) throws IOException {
        this(root, true);
    }

    /** Opens a dataset folder, durable or not, as {@link #FileSystemStore(Path, boolean, Fsync)}. */
    public FileSystemStore(Path root, boolean durable) throws IOException {
        this(root, durable, new Fsync());
    }

    /**
     * Opens a dataset folder that exists already, to read or repair it: unlike the constructors,
     * never creates it, so a mistyped path is an error rather than a new, empty folder.
     *
     * @throws IOException naming the path when there is no such folder
     */
    public static FileSystemStore existing(Path root, boolean durable) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a Zarr dataset (no such folder)");
        }
        return new FileSystemStore(root, durable);
    }

    /**
     * Opens (creating it if needed) a dataset folder.
     *
     * @param durable whether to force files and folders to the disk (see the class comment)
     * @param fsync how they are forced; tests pass one that records it
     * @throws IOException with the path when the folder cannot be created or is not writable
     */
    public FileSystemStore(Path root, boolean durable, Fsync fsync) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.durable = durable;
        this.fsync = fsync;
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new IOException("cannot create the dataset folder " + this.root + ": " + e, e);
        }
        if (!Files.isWritable(this.root)) {
            throw new IOException("the dataset folder " + this.root + " is not writable");
        }
        knownFolders.add(this.root);
        folderGainedName(this.root);
        commitWaitsForADisk = durable && !inMemory(this.root);
    }

    /**
     * Whether {@code folder} (or, while it does not exist yet, the folder it would be made in) is
     * in memory ({@code tmpfs}, {@code ramfs}): its files have no disk to be forced to or read from.
     */
    public static boolean inMemory(Path folder) throws IOException {
        Path existing = folder.toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        String type = Files.getFileStore(existing).type();
        return type.equals("tmpfs") || type.equals("ramfs");
    }

    @Override
    public boolean commitWaitsForADisk() {
        return commitWaitsForADisk;
    }

    @Override
    public void put(String key, ByteBuffer value) throws IOException {
        Path target = resolve(key);
        ensureFolder(target.getParent());
        Path temporary = temporaryOf(target);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = value.duplicate();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + root + " cannot rename atomically; choose a local disk", e);
        }
        if (durable) {
            unsyncedFiles.add(target);
            unsyncedFolders.add(target.getParent());
            // on this writer thread: a long v2 run must not remember millions of paths; a writer
            // that finds another one forcing the batch goes on rather than forcing it again
            if (unsyncedFiles.size() >= SYNC_BATCH_FILES && syncing.tryLock()) {
                try {
                    forceWaiting();
                } finally {
                    syncing.unlock();
                }
            }
        }
    }

    @Override
    public ByteBuffer get(String key) throws IOException {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(resolve(key)));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Reads only the bytes asked for, with a positional read. */
    @Override
    public ByteBuffer getRange(String key, long offset, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(resolve(key), StandardOpenOption.READ)) {
            return RangeReads.readFully(channel, resolve(key), offset, length);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public ByteBuffer getTail(String key, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(resolve(key), StandardOpenOption.READ)) {
            return RangeReads.readFully(channel, resolve(key), channel.size() - length, length);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Reads straight into {@code target}: into a direct buffer the JDK makes no copy of its own. */
    @Override
    public boolean readRange(String key, long offset, ByteBuffer target) throws IOException {
        try (FileChannel channel = FileChannel.open(resolve(key), StandardOpenOption.READ)) {
            RangeReads.readFully(channel, resolve(key), offset, target);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public long size(String key) throws IOException {
        try {
            return Files.size(resolve(key));
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path start = prefix.isEmpty() ? root : resolve(prefix);
        List<String> keys = new ArrayList<>();
        if (!Files.isDirectory(start)) {
            return keys;
        }
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().endsWith(TEMPORARY_SUFFIX))
                    .forEach(path -> keys.add(root.relativize(path).toString().replace('\\', '/')));
        }
        return keys;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    /** A file is written in place with positional writes, so a shard is filled where it will stay. */
    @Override
    public boolean writesInPlace() {
        return true;
    }

    @Override
    public PartialFile openPartial(String key) throws IOException {
        Path target = resolve(key);
        ensureFolder(target.getParent());
        Path temporary = temporaryOf(target);
        return new FilePartial(target, temporary, FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), durable, fsync, unsyncedFolders);
    }

    /** The hidden temporary files below {@code prefix}, each named by the key it was to become. */
    @Override
    public List<String> listPartials(String prefix) throws IOException {
        Path start = prefix.isEmpty() ? root : resolve(prefix);
        List<String> keys = new ArrayList<>();
        if (!Files.isDirectory(start)) {
            return keys;
        }
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(Files::isRegularFile).forEach(path -> {
                String name = path.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX)) {
                    Path target = path.resolveSibling(name.substring(1, name.length() - TEMPORARY_SUFFIX.length()));
                    keys.add(root.relativize(target).toString().replace('\\', '/'));
                }
            });
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public LeftPartial reopenPartial(String key) throws IOException {
        Path target = resolve(key);
        Path temporary = temporaryOf(target);
        try {
            return new FilePartial(target, temporary, FileChannel.open(temporary, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), durable, fsync, unsyncedFolders);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * A {@link FileOutputStream}: unbuffered, so each write is one system call, and not closed
     * by an interrupt of the writing thread as a {@code FileChannel} would be.
     */
    @Override
    public OutputStream openAppend(String key) throws IOException {
        Path target = resolve(key);
        ensureFolder(target.getParent());
        return new FileOutputStream(target.toFile(), true);
    }

    @Override
    public void delete(String key) throws IOException {
        Path path = resolve(key);
        Files.deleteIfExists(path);
        unsyncedFiles.remove(path); // its folder stays unsynced: the removal is a change of names too
    }

    /** Forces the files, then the folders, changed since the last sync; a file that fails stays unsynced. */
    @Override
    public void sync() throws IOException {
        syncing.lock();
        try {
            forceWaiting();
        } finally {
            syncing.unlock();
        }
    }

    /**
     * Each path leaves its set before it is forced, so a file put again meanwhile is remembered
     * again and forced later with its new bytes; a path whose force fails goes back.
     */
    private void forceWaiting() throws IOException {
        for (Path file : unsyncedFiles) {
            if (unsyncedFiles.remove(file)) {
                try {
                    fsync.file(file);
                } catch (IOException e) {
                    unsyncedFiles.add(file);
                    throw e;
                }
            }
        }
        for (Path folder : unsyncedFolders) {
            if (unsyncedFolders.remove(folder)) {
                try {
                    fsync.folder(folder);
                } catch (IOException e) {
                    unsyncedFolders.add(folder);
                    throw e;
                }
            }
        }
    }

    /** The hidden name a value has while it is written. */
    public static Path temporaryOf(Path target) {
        return target.getParent().resolve("." + target.getFileName() + TEMPORARY_SUFFIX);
    }

    private void ensureFolder(Path folder) throws IOException {
        if (!knownFolders.contains(folder)) {
            Files.createDirectories(folder);
            knownFolders.add(folder);
            for (Path created = folder; created.startsWith(root) && !created.equals(root); created = created.getParent()) {
                folderGainedName(created);
            }
        }
    }

    /** Remembers that {@code folder}'s parent gained its name, for {@link #sync}. */
    private void folderGainedName(Path folder) {
        if (durable && folder.getParent() != null) {
            unsyncedFolders.add(folder.getParent());
        }
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("key " + key + " leaves the dataset folder");
        }
        return path;
    }
}

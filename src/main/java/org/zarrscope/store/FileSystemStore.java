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
import java.util.stream.Stream;

/**
 * A dataset in a folder: each key is a file. Values are written to a hidden temporary file next
 * to their target and renamed over it, so a crash never leaves a half-written chunk that a reader
 * would decode as garbage. Folders are created once per folder (remembered), not once per chunk.
 * There is no fsync per chunk: durability against power loss is the operating system's; the
 * rename guarantees readers see whole chunks.
 */
public final class FileSystemStore implements Store {
    /** Suffix of temporary files; a crashed writer may leave some behind, readers ignore them. */
    public static final String TEMPORARY_SUFFIX = ".partial";

    private final Path root;
    private final Set<Path> knownFolders = ConcurrentHashMap.newKeySet();

    /**
     * Opens (creating it if needed) a dataset folder.
     *
     * @throws IOException with the path when the folder cannot be created or is not writable
     */
    public FileSystemStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new IOException("cannot create the dataset folder " + this.root + ": " + e, e);
        }
        if (!Files.isWritable(this.root)) {
            throw new IOException("the dataset folder " + this.root + " is not writable");
        }
        knownFolders.add(this.root);
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
            return readFully(channel, key, offset, length);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public ByteBuffer getTail(String key, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(resolve(key), StandardOpenOption.READ)) {
            return readFully(channel, key, channel.size() - length, length);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Reads straight into {@code target}: into a direct buffer the JDK makes no copy of its own. */
    @Override
    public boolean readRange(String key, long offset, ByteBuffer target) throws IOException {
        try (FileChannel channel = FileChannel.open(resolve(key), StandardOpenOption.READ)) {
            readFully(channel, key, offset, target);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private ByteBuffer readFully(FileChannel channel, String key, long offset, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        readFully(channel, key, offset, bytes);
        bytes.flip();
        return bytes;
    }

    private void readFully(FileChannel channel, String key, long offset, ByteBuffer target) throws IOException {
        long size = channel.size();
        int length = target.remaining();
        if (offset < 0 || offset + length > size) {
            throw new IOException(resolve(key) + " holds " + size + " bytes; bytes " + offset + " to " + (offset + length)
                    + " were asked for");
        }
        long position = offset;
        while (target.hasRemaining()) {
            int read = channel.read(target, position);
            if (read < 0) {
                throw new IOException(resolve(key) + " ended before byte " + (offset + length));
            }
            position += read;
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

    @Override
    public PartialFile openPartial(String key) throws IOException {
        Path target = resolve(key);
        ensureFolder(target.getParent());
        return new FilePartial(target, temporaryOf(target));
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
        Files.deleteIfExists(resolve(key));
    }

    /** The hidden name a value has while it is written. */
    public static Path temporaryOf(Path target) {
        return target.getParent().resolve("." + target.getFileName() + TEMPORARY_SUFFIX);
    }

    private void ensureFolder(Path folder) throws IOException {
        if (!knownFolders.contains(folder)) {
            Files.createDirectories(folder);
            knownFolders.add(folder);
        }
    }

    /** A temporary file written with positional writes, renamed over its target on commit. */
    private static final class FilePartial implements PartialFile {
        private final Path target;
        private final Path temporary;
        private final FileChannel channel;

        FilePartial(Path target, Path temporary) throws IOException {
            this.target = target;
            this.temporary = temporary;
            this.channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }

        @Override
        public void write(ByteBuffer bytes, long position) throws IOException {
            ByteBuffer remaining = bytes.duplicate();
            long at = position;
            while (remaining.hasRemaining()) {
                at += channel.write(remaining, at);
            }
        }

        @Override
        public void commit() throws IOException {
            channel.close();
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }

        @Override
        public void delete() throws IOException {
            channel.close();
            Files.deleteIfExists(temporary);
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

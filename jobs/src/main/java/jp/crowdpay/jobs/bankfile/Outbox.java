package jp.crowdpay.jobs.bankfile;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder files are handed over in. A file appears under its final name only when complete
 * (staged beside it: written, synced, then hard-linked into place), is readable by its owner
 * only, and is never overwritten: publishing a name that exists succeeds only if the bytes are
 * the same, which is what a run continued after a crash produces. Files that belong together
 * (a bank file and its manifest) are all staged before any of them appears, so a full disk or a
 * crash while writing one leaves none of them visible.
 */
public class Outbox {

    private final Path folder;

    public Outbox(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public Path resolve(String fileName) {
        return folder.resolve(fileName);
    }

    /** Stages and publishes one file. */
    public Published publish(String fileName, Content content) throws IOException {
        try (Staged staged = stage(fileName, content)) {
            publish(staged);
            return new Published(staged.target, staged.sha256);
        }
    }

    /**
     * Writes the content beside {@code fileName}, complete and synced, under a temporary name
     * nobody picks up. Close the result: that removes the temporary file once it is published,
     * or when it is not to be.
     */
    public Staged stage(String fileName, Content content) throws IOException {
        ensureFolder();
        removeLeftoverTemporaries(fileName);
        Path temporary = folder.resolve(temporaryName(fileName, UUID.randomUUID().toString()));
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            return new Staged(temporary, folder.resolve(fileName), write(temporary, content));
        } catch (IOException | RuntimeException failed) {
            Files.deleteIfExists(temporary);
            throw failed;
        }
    }

    /**
     * Links the staged files into place in the order given, then syncs the folder. A name that
     * exists already is left as it is if it has the same bytes (the same run, continued), and
     * refused otherwise.
     */
    public void publish(Staged... files) throws IOException {
        for (Staged file : files) {
            try {
                Files.createLink(file.target, file.temporary);
            } catch (FileAlreadyExistsException exists) {
                String existing = sha256(file.target);
                if (!existing.equals(file.sha256)) {
                    throw new IOException("refusing to overwrite " + file.target + ": it exists with other content (sha256 "
                            + existing + ", this run's is " + file.sha256 + ")");
                }
            }
        }
        syncFolder();
    }

    /**
     * Proves, before a run touches the ledger, that publishing will work: the folder is (or can be
     * made) a folder, a file can be created in it, and a hard link to that file can be made beside
     * it (some network and FUSE file systems refuse hard links). Leaves nothing behind but the folder.
     */
    public void checkPublishable() throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder");
        }
        ensureFolder();
        String unique = UUID.randomUUID().toString();
        Path probe = folder.resolve(temporaryName("publish-check", unique));
        Path link = folder.resolve(temporaryName("publish-check-link", unique));
        try {
            Files.createFile(probe, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.createLink(link, probe);
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(probe);
        }
    }

    private static String temporaryName(String fileName, String unique) {
        return "." + fileName + "." + unique + ".tmp";
    }

    /**
     * A writer killed mid-file (kill -9, power cut) never reaches its finally block: its partial
     * temporary file stays beside the final name. The next publication of the name, which is the
     * same run continued, removes it. Only one run publishes a name at a time; should another
     * writer's temporary be removed all the same, that writer fails at the link, it cannot publish
     * a wrong file.
     */
    private void removeLeftoverTemporaries(String fileName) throws IOException {
        // the name of temporaryName(fileName, any UUID), and of no other file
        Pattern leftover = Pattern.compile(Pattern.quote("." + fileName + ".") + "[0-9a-f-]{36}" + Pattern.quote(".tmp"));
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (leftover.matcher(file.getFileName().toString()).matches()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private String write(Path temporary, Content content) throws IOException {
        MessageDigest digest = newDigest();
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            OutputStream file = java.nio.channels.Channels.newOutputStream(channel);
            BufferedOutputStream buffered = new BufferedOutputStream(new DigestOutputStream(file, digest), 64 * 1024);
            // formats close their writers; the outbox still has to sync the file after them
            content.writeTo(new FilterOutputStream(buffered) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            buffered.flush();
            channel.force(true);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void ensureFolder() throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private void syncFolder() throws IOException {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }

    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public record Published(Path file, String sha256) {
    }

    /** A complete file beside its final name, not yet published; closing it removes the temporary file. */
    public static final class Staged implements AutoCloseable {
        private final Path temporary;
        private final Path target;
        private final String sha256;

        private Staged(Path temporary, Path target, String sha256) {
            this.temporary = temporary;
            this.target = target;
            this.sha256 = sha256;
        }

        public String sha256() {
            return sha256;
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(temporary);
        }
    }
}

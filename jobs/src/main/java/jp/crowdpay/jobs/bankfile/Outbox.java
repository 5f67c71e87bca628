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
 * (written beside it, synced, then hard-linked into place), is readable by its owner only, and is
 * never overwritten: publishing a name that exists succeeds only if the bytes are the same, which
 * is what a run continued after a crash produces.
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

    public Published publish(String fileName, Content content) throws IOException {
        return publish(fileName, content, null);
    }

    /**
     * Publishes only if the content hashes to {@code expectedSha256} (when given): a reissue must
     * never hand the bank a file that differs from the original.
     */
    public Published publish(String fileName, Content content, String expectedSha256) throws IOException {
        ensureFolder();
        Path target = folder.resolve(fileName);
        removeLeftoverTemporaries(fileName);
        Path temporary = folder.resolve(temporaryName(fileName, UUID.randomUUID().toString()));
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            String sha256 = write(temporary, content);
            if (expectedSha256 != null && !expectedSha256.equals(sha256)) {
                throw new IOException("refusing to publish " + fileName + ": its content (sha256 " + sha256
                        + ") differs from the original (sha256 " + expectedSha256 + ")");
            }
            try {
                Files.createLink(target, temporary);
            } catch (FileAlreadyExistsException exists) {
                String existing = sha256(target);
                if (!existing.equals(sha256)) {
                    throw new IOException("refusing to overwrite " + target + ": it exists with other content (sha256 "
                            + existing + ", this run's is " + sha256 + ")");
                }
            }
            syncFolder();
            return new Published(target, sha256);
        } finally {
            Files.deleteIfExists(temporary);
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
}

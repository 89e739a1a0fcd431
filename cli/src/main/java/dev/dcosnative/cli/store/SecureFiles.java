package dev.dcosnative.cli.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import dev.dcosnative.cli.common.CliException;

/** Files only their owner may read: the CLI's configuration holds login tokens. */
final class SecureFiles {

    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private SecureFiles() {
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} and its missing parents with mode 0700. */
    static void createPrivateDirectories(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null && !Files.exists(parent)) {
                createPrivateDirectories(parent);
            }
            if (posix()) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            } else {
                Files.createDirectory(dir);
            }
        } catch (IOException e) {
            throw new CliException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code text} to {@code file} through a temporary file created with mode 0600 in the same directory, then
     * moved over the old file, so the content is never readable by others, not even for a moment.
     */
    static void writePrivate(Path file, String text) {
        Path tmp = null;
        try {
            FileAttribute<?>[] attributes = posix()
                    ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE_MODE) }
                    : new FileAttribute<?>[0];
            tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp", attributes);
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            if (posix()) {
                Files.setPosixFilePermissions(file, FILE_MODE);
            }
        } catch (IOException e) {
            throw new CliException("Cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** Creates an empty file with mode 0600 (a marker). */
    static void touchPrivate(Path file) {
        try {
            if (!Files.exists(file)) {
                if (posix()) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
                } else {
                    Files.createFile(file);
                }
            }
        } catch (IOException e) {
            throw new CliException("Cannot create " + file + ": " + e.getMessage(), e);
        }
    }
}

package dev.dcosnative.agent.files;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dcosnative.shared.http.MesosHttpException;

/**
 * The files of the agent's sandboxes as the Mesos files API serves them. Only paths inside
 * {@code <work_dir>/slaves} can be reached — after resolving {@code ..} and symbolic links, so a task cannot publish
 * a link to a file outside its sandbox — plus Mesos' virtual paths
 * {@code /frameworks/<fw>/executors/<ex>/runs/latest/...} for the current agent. Blocking; call off the event loop.
 */
public final class SandboxFiles {

    /** The most {@code /files/read} returns at once. */
    public static final int MAX_READ = 16 << 20;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Path slavesDir;
    private final Supplier<Optional<String>> agentId;

    public SandboxFiles(Path workDir, Supplier<Optional<String>> agentId) {
        this.slavesDir = workDir.resolve("slaves");
        this.agentId = agentId;
    }

    /** {@code /files/browse}: the entries of a directory (or the file itself), Mesos' fields. */
    public ArrayNode browse(String path) {
        Path resolved = resolve(path);
        ArrayNode entries = JSON.arrayNode();
        if (Files.isDirectory(resolved)) {
            try (Stream<Path> children = Files.list(resolved)) {
                for (Path child : children.sorted().toList()) {
                    entries.add(info(child, join(path, child.getFileName().toString())));
                }
            } catch (IOException e) {
                throw new MesosHttpException(500, "Cannot list " + path + ": " + e.getMessage());
            }
        } else {
            entries.add(info(resolved, path));
        }
        return entries;
    }

    /**
     * {@code /files/read}: {@code {data, offset}}. Without an offset (or -1) nothing is read and {@code offset} is the
     * file's size, so a client can tail from there.
     */
    public ObjectNode read(String path, String offsetParam, String lengthParam) {
        Path resolved = resolve(path);
        if (Files.isDirectory(resolved)) {
            throw MesosHttpException.badRequest("Cannot read a directory");
        }
        long offset = number(offsetParam, "offset", -1);
        long length = number(lengthParam, "length", -1);
        if (offset < -1) {
            throw MesosHttpException.badRequest("Negative offset provided: " + offset);
        }
        if (length < -1) {
            throw MesosHttpException.badRequest("Negative length provided: " + length);
        }
        try (RandomAccessFile file = new RandomAccessFile(resolved.toFile(), "r")) {
            long size = file.length();
            ObjectNode node = JSON.objectNode();
            if (offset == -1) {
                node.put("data", "");
                node.put("offset", size);
                return node;
            }
            if (offset > size) {
                node.put("data", "");
                node.put("offset", size);
                return node;
            }
            long want = length == -1 ? size - offset : Math.min(length, size - offset);
            byte[] data = new byte[(int) Math.min(want, MAX_READ)];
            file.seek(offset);
            file.readFully(data);
            node.put("data", new String(data, StandardCharsets.UTF_8));
            node.put("offset", offset);
            return node;
        } catch (IOException e) {
            throw new MesosHttpException(500, "Cannot read " + path + ": " + e.getMessage());
        }
    }

    /** {@code /files/download}: the real file to send. */
    public Path download(String path) {
        Path resolved = resolve(path);
        if (Files.isDirectory(resolved)) {
            throw MesosHttpException.badRequest("Cannot download a directory");
        }
        return resolved;
    }

    /**
     * The real file for a request path, or 400 (no path) / 404 (absent or outside the sandboxes — both look the same,
     * so the API tells nothing about the rest of the file system).
     */
    Path resolve(String path) {
        if (path == null || path.isEmpty()) {
            throw MesosHttpException.badRequest("Expecting 'path' to be specified");
        }
        if (path.indexOf('\0') >= 0) {
            throw MesosHttpException.badRequest("Invalid path");
        }
        Path candidate;
        if (path.startsWith("/frameworks/")) {
            String agent = agentId.get().orElseThrow(() -> new MesosHttpException(404, "Path not found"));
            candidate = slavesDir.resolve(agent).resolve(path.substring(1));
        } else {
            candidate = Path.of(path);
        }
        try {
            Path root = slavesDir.toRealPath();
            Path real = candidate.toRealPath();
            if (!real.startsWith(root)) {
                throw new MesosHttpException(404, "Path not found");
            }
            return real;
        } catch (NoSuchFileException e) {
            throw new MesosHttpException(404, "Path not found");
        } catch (IOException e) {
            throw new MesosHttpException(404, "Path not found");
        }
    }

    private static ObjectNode info(Path file, String shownPath) {
        ObjectNode node = JSON.objectNode();
        node.put("path", shownPath);
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            node.put("gid", attributes.group().getName());
            node.put("mode", (attributes.isDirectory() ? "d" : attributes.isSymbolicLink() ? "l" : "-")
                    + PosixFilePermissions.toString(attributes.permissions()));
            node.put("mtime", attributes.lastModifiedTime().toMillis() / 1000);
            Object nlink = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            node.put("nlink", nlink instanceof Number n ? n.longValue() : 1);
            node.put("size", attributes.size());
            node.put("uid", attributes.owner().getName());
        } catch (IOException | UnsupportedOperationException e) {
            node.put("size", 0);
        }
        return node;
    }

    private static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private static long number(String value, String name, long absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw MesosHttpException.badRequest("Failed to parse " + name + ": " + value);
        }
    }
}

package dev.dcosnative.shared.marathon;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Marathon path id ({@code /prod/db/mysql}): the id of an app, pod or group. Parsed as Marathon parses it: empty
 * segments are dropped, so {@code //x} (what clients send when they join {@code /v2/apps/} and {@code /x}) is
 * {@code /x}; an id without a leading slash is relative and is resolved against a base with {@link #canonical},
 * where {@code .} and {@code ..} segments mean what they mean in file paths.
 */
public record PathId(List<String> path, boolean absolute) implements Comparable<PathId> {

    /** The segment rule of Marathon's {@code PathIdValidation} (labels of lower-case letters, digits and dashes). */
    public static final Pattern SEGMENT = Pattern
            .compile("^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$");

    /** Words an id may not end with, as they name sub-resources of {@code /v2/apps/{id}}. */
    public static final List<String> RESERVED = List.of("restart", "tasks", "versions");

    public static final PathId ROOT = new PathId(List.of(), true);

    public PathId {
        path = List.copyOf(path);
    }

    public static PathId of(String id) {
        List<String> segments = new ArrayList<>();
        for (String segment : id.trim().split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return new PathId(segments, id.trim().startsWith("/"));
    }

    /** This id resolved against {@code base} (absolute ids stay as they are), with {@code .} and {@code ..} applied. */
    public PathId canonical(PathId base) {
        List<String> resolved = new ArrayList<>(absolute ? List.of() : base.path);
        for (String segment : path) {
            switch (segment) {
                case "." -> {
                }
                case ".." -> {
                    if (!resolved.isEmpty()) {
                        resolved.remove(resolved.size() - 1);
                    }
                }
                default -> resolved.add(segment);
            }
        }
        return new PathId(resolved, true);
    }

    /** This id, absolute, resolved against the root. */
    public PathId canonical() {
        return canonical(ROOT);
    }

    public boolean isRoot() {
        return path.isEmpty();
    }

    public PathId parent() {
        return path.isEmpty() ? this : new PathId(path.subList(0, path.size() - 1), absolute);
    }

    public PathId child(String segment) {
        List<String> child = new ArrayList<>(path);
        child.add(segment);
        return new PathId(child, absolute);
    }

    /** The last segment, or {@code ""} for the root. */
    public String name() {
        return path.isEmpty() ? "" : path.get(path.size() - 1);
    }

    /** True when this id is {@code other} or lies below it. */
    public boolean within(PathId other) {
        return path.size() >= other.path.size() && path.subList(0, other.path.size()).equals(other.path);
    }

    /** All ancestors from the root down to the parent. */
    public List<PathId> ancestors() {
        List<PathId> ancestors = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            ancestors.add(new PathId(path.subList(0, i), true));
        }
        return ancestors;
    }

    /** The id as task ids spell it: segments joined by {@code _} ({@code /prod/db} → {@code prod_db}). */
    public String safePath() {
        return String.join("_", path);
    }

    /** The reverse of {@link #safePath}. */
    public static PathId fromSafePath(String safePath) {
        return safePath.isEmpty() ? ROOT : new PathId(List.of(safePath.split("_")), true);
    }

    /** Every segment matches {@link #SEGMENT}. */
    public boolean hasValidSegments() {
        return path.stream().allMatch(s -> SEGMENT.matcher(s).matches());
    }

    @Override
    public int compareTo(PathId other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return (absolute ? "/" : "") + String.join("/", path);
    }
}

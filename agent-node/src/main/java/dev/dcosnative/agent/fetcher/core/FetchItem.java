package dev.dcosnative.agent.fetcher.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apache.mesos.v1.Protos.CommandInfo;

/**
 * One {@code CommandInfo.URI} as Mesos' fetcher understands it: where it comes from (an absolute path or
 * {@code file://} URI is copied, an {@code http://} or {@code https://} URL downloaded), the file it becomes in the
 * sandbox ({@code output_file}, else the last segment of its path) and what happens to that file afterwards
 * ({@code executable}: made executable and never extracted; else, with {@code extract} (the default), unpacked into
 * the sandbox when its name says it is an archive). {@code cache} is accepted and ignored. Pure.
 *
 * @param display the URI as it may be shown in logs and status messages: without user info (credentials)
 * @param local the file to copy, for a path or {@code file://} URI; else null
 * @param url the URL to download, without user info; else null
 * @param userInfo the URL's {@code user:password}, decoded, if it had one (sent as HTTP basic authentication)
 * @param outputFile the fetched file, relative to the sandbox (no {@code ..}, never absolute)
 * @param archive how to unpack it ({@link Archive#NONE} when it is not to be extracted)
 * @param executable whether to make it executable
 */
public record FetchItem(String display, Path local, URI url, Optional<String> userInfo, String outputFile,
        Archive archive, boolean executable) {

    /** How a fetched file is unpacked into the sandbox, by its name, as Mesos' fetcher decides. */
    public enum Archive {
        /** Not an archive, or not to be extracted. */
        NONE,
        /** {@code .tar}, {@code .tgz}, {@code .tar.gz}, {@code .tbz2}, {@code .tar.bz2}, {@code .txz}, {@code .tar.xz}. */
        TAR,
        /** {@code .zip}. */
        ZIP,
        /** Any other {@code .gz}: decompressed to the name without {@code .gz}. */
        GZIP;

        /** The kind of archive a file name says. */
        public static Archive of(String fileName) {
            String name = fileName.toLowerCase(Locale.ROOT);
            for (String suffix : new String[] { ".tar", ".tgz", ".tar.gz", ".tbz2", ".tar.bz2", ".txz", ".tar.xz" }) {
                if (name.endsWith(suffix)) {
                    return TAR;
                }
            }
            if (name.endsWith(".zip")) {
                return ZIP;
            }
            return name.endsWith(".gz") ? GZIP : NONE;
        }
    }

    public FetchItem {
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(userInfo, "userInfo");
        Objects.requireNonNull(outputFile, "outputFile");
        Objects.requireNonNull(archive, "archive");
        if ((local == null) == (url == null)) {
            throw new IllegalArgumentException("a fetch item is either a local file or a URL");
        }
    }

    /**
     * What fetching {@code uri} means.
     *
     * @throws IllegalArgumentException when it cannot be fetched (empty, malformed, relative path, unsupported scheme,
     *         no file name, an {@code output_file} that leaves the sandbox), with a message naming the URI (without
     *         credentials)
     */
    public static FetchItem of(CommandInfo.URI uri) {
        String value = uri.getValue().strip();
        String display = redact(value);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the URI is empty");
        }
        Path local = null;
        URI url = null;
        Optional<String> userInfo = Optional.empty();
        String lastSegment;
        if (value.contains("://")) {
            URI parsed;
            try {
                parsed = new URI(value);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + display + "' is not a valid URI: " + e.getReason());
            }
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            switch (scheme) {
                case "file" -> {
                    if (parsed.getHost() != null && !parsed.getHost().isEmpty()
                            && !parsed.getHost().equals("localhost")) {
                        throw new IllegalArgumentException("'" + display + "' names a file on another host");
                    }
                    if (parsed.getPath() == null || !parsed.getPath().startsWith("/")) {
                        throw new IllegalArgumentException("'" + display + "' has no absolute path");
                    }
                    local = Path.of(parsed.getPath());
                }
                case "http", "https" -> {
                    if (parsed.getHost() == null) {
                        throw new IllegalArgumentException("'" + display + "' has no host");
                    }
                    userInfo = Optional.ofNullable(parsed.getUserInfo());
                    url = withoutUserInfo(parsed);
                }
                default -> throw new IllegalArgumentException("'" + display + "' has the unsupported scheme '"
                        + scheme + "': this agent fetches http, https, file URIs and absolute paths");
            }
            lastSegment = lastSegment(local != null ? local.toString()
                    : parsed.getPath() == null ? "" : parsed.getPath());
        } else if (value.startsWith("/")) {
            local = Path.of(value);
            lastSegment = lastSegment(value);
        } else {
            throw new IllegalArgumentException("'" + display + "' is a relative path; the agent has no frameworks"
                    + " home to resolve it against: use an absolute path or a URI");
        }
        String outputFile = uri.hasOutputFile() && !uri.getOutputFile().isEmpty() ? outputFile(uri.getOutputFile(),
                display) : lastSegment;
        if (outputFile.isEmpty() || outputFile.equals(".") || outputFile.equals("..")) {
            throw new IllegalArgumentException("cannot derive a file name from '" + display + "': set output_file");
        }
        boolean executable = uri.getExecutable();
        boolean extract = !uri.hasExtract() || uri.getExtract();
        Archive archive = executable || !extract ? Archive.NONE : Archive.of(outputFile);
        return new FetchItem(display, local, url, userInfo, outputFile, archive, executable);
    }

    /** The name the file a {@link Archive#GZIP} file decompresses to. */
    public String gunzippedName() {
        String name = Path.of(outputFile).getFileName().toString();
        return name.substring(0, name.length() - ".gz".length());
    }

    /**
     * {@code uri} without its user info (the credentials in {@code scheme://user:password@host}), fit for logs and
     * status messages.
     */
    public static String redact(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return uri;
        }
        int authorityStart = scheme + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < uri.length() && "/?#".indexOf(uri.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        int at = uri.lastIndexOf('@', authorityEnd - 1);
        if (at < authorityStart) {
            return uri;
        }
        return uri.substring(0, authorityStart) + uri.substring(at + 1);
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        return URI.create(redact(uri.toString()));
    }

    private static String lastSegment(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String outputFile(String outputFile, String display) {
        Path path = Path.of(outputFile).normalize();
        if (path.isAbsolute() || path.toString().isEmpty() || path.startsWith("..")) {
            throw new IllegalArgumentException("the output_file '" + outputFile + "' of '" + display
                    + "' is not a path inside the sandbox");
        }
        return path.toString();
    }
}

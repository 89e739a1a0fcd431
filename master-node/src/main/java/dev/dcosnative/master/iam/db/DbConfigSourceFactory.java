package dev.dcosnative.master.iam.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * The database settings a master derives when it is not told: the embedded PostgreSQL lives on the first master of
 * the master list ({@code dcos.master.db.host}), and a master alone generates its database password at first start
 * into {@code <work-dir>/db/password} (mode 0600) and reads it from there afterwards. Explicit settings win (this
 * source has a low ordinal). Masters that share one database must all be given {@code dcos.master.db.password}.
 */
public final class DbConfigSourceFactory implements ConfigSourceFactory {

    static final String PASSWORD = "dcos.master.db.password";
    static final String HOST = "dcos.master.db.host";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> derived = new HashMap<>();
        String ip = value(context, "dcos.master.ip", "127.0.0.1");
        List<String> masters = List.of(value(context, "dcos.master.masters", ip).split(","));
        derived.put(HOST, masters.get(0).trim());
        String workDir = value(context, "dcos.master.work-dir", null);
        if (value(context, PASSWORD, null) == null && value(context, "dcos.master.db.url", null) == null
                && masters.size() == 1 && workDir != null) {
            derived.put(PASSWORD, passwordIn(Path.of(workDir, "db", "password")));
        }
        return List.of(new PropertiesConfigSource(derived, "dcos-db-derived", 50));
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? fallback : value.getValue();
    }

    /** The password kept in {@code file}, generated (32 random bytes, base64url) when the file does not exist. */
    static String passwordIn(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, password, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the database password in " + file, e);
        }
    }
}

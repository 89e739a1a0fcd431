package dev.dcosnative.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What this build is: the product version, and the Mesos API version it speaks. */
public final class BuildInfo {

    /** The Mesos release whose v1 APIs the kernel speaks (and reports in GET_VERSION and /version). */
    public static final String MESOS_VERSION = "1.11.0";

    /** The Marathon release whose REST API v2 the master speaks (and reports in {@code /v2/info}). */
    public static final String MARATHON_VERSION = "1.11.0";

    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    /** The DC/OS Native version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /** The build time, ISO-8601. */
    public static String buildDate() {
        return PROPERTIES.getProperty("build-date", "unknown");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}

package dev.dcosnative.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mesos-style command-line flags for the node binaries: {@code --work_dir=/var/lib/x} or {@code --work-dir /var/lib/x}
 * becomes the configuration key {@code <prefix>work-dir}, as if given with {@code -D}. Everything after {@code --}
 * and anything that is not a flag is left alone.
 */
public final class NodeFlags {

    private NodeFlags() {
    }

    /** The configuration keys and values the flags in {@code args} stand for, in order. */
    public static Map<String, String> parse(String prefix, String[] args) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                continue;
            }
            String body = arg.substring(2);
            int equals = body.indexOf('=');
            String name;
            String value;
            if (equals >= 0) {
                name = body.substring(0, equals);
                value = body.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                name = body;
                value = args[++i];
            } else {
                name = body;
                value = "true";
            }
            properties.put(prefix + name.replace('_', '-'), value);
        }
        return properties;
    }

    /** Applies the flags as system properties (read by the configuration at start-up); returns the other args. */
    public static String[] apply(String prefix, String[] args) {
        parse(prefix, args).forEach(System::setProperty);
        List<String> rest = new ArrayList<>();
        boolean passThrough = false;
        for (int i = 0; i < args.length; i++) {
            if (passThrough) {
                rest.add(args[i]);
            } else if (args[i].equals("--")) {
                passThrough = true;
            } else if (args[i].startsWith("--") && !args[i].contains("=") && i + 1 < args.length
                    && !args[i + 1].startsWith("--")) {
                i++;
            } else if (!args[i].startsWith("--")) {
                rest.add(args[i]);
            }
        }
        return rest.toArray(String[]::new);
    }
}

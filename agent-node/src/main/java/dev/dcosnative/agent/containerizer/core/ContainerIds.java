package dev.dcosnative.agent.containerizer.core;

import java.util.regex.Pattern;

/** Container ids name cgroups and files, so they are restricted to a safe alphabet. */
public final class ContainerIds {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    private ContainerIds() {
    }

    /** Null when {@code id} is usable, else why it is not. */
    public static String problem(String id) {
        if (id == null || !SAFE.matcher(id).matches()) {
            return "container id '" + id + "' must be 1 to 200 letters, digits, '.', '_' or '-'";
        }
        if (id.equals(".") || id.equals("..")) {
            return "container id '" + id + "' is not a valid name";
        }
        return null;
    }
}

package dev.dcosnative.master.marathon.app.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marathon's rules for a Mesos role name ({@code ResourceRole.validResourceRole}): not empty, not {@code .} or
 * {@code ..}, not starting with {@code -}, and none of the characters Mesos refuses. Marathon also refuses
 * {@code /}, so hierarchical roles are not valid app roles.
 */
final class RoleRules {

    private static final Map<Character, String> FORBIDDEN = orderedForbidden();

    private RoleRules() {
    }

    static List<String> roleNameErrors(String role) {
        List<String> errors = new ArrayList<>();
        for (String reserved : List.of("", ".", "..")) {
            if (role.equals(reserved)) {
                errors.add("A role name must not be \"" + reserved + "\".");
            }
        }
        if (role.startsWith("-")) {
            errors.add("A role name must not start with a '-'.");
        }
        FORBIDDEN.forEach((character, name) -> {
            if (role.indexOf(character) >= 0) {
                errors.add("A role name must not include a " + name + " character.");
            }
        });
        return errors;
    }

    private static Map<Character, String> orderedForbidden() {
        Map<Character, String> forbidden = new LinkedHashMap<>();
        forbidden.put('\t', "horizontal tab (\\x09)");
        forbidden.put('\n', "line feed (\\x0a)");
        forbidden.put('\u000b', "vertical tab (\\x0b)");
        forbidden.put('\f', "form feed (\\x0c)");
        forbidden.put('\r', "carriage return (\\x0d)");
        forbidden.put(' ', "space (\\x20)");
        forbidden.put('/', "slash (\\x2f)");
        forbidden.put('\u007f', "backspace (\\x7f)");
        return Collections.unmodifiableMap(forbidden);
    }
}

package dev.dcosnative.master.marathon.app.core;

import static dev.dcosnative.master.marathon.app.core.AppValidationTest.flat;
import static dev.dcosnative.master.marathon.app.core.AppValidationTest.normalized;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dcosnative.shared.marathon.App;
import dev.dcosnative.shared.marathon.PathId;

class GroupValidationTest {

    @Test
    void aTreeWithOrderedDependenciesIsValid() {
        Map<PathId, App> apps = apps(app("/prod/db"), app("/prod/web", "/prod/db"), app("/ops/monitor", "/prod"));
        Map<PathId, List<PathId>> groups = groups("/prod", "/ops");

        assertThat(GroupValidation.validate(apps, groups)).isEmpty();
    }

    @Test
    void anAppMayNotHaveTheIdOfAGroup() {
        Map<PathId, App> apps = apps(app("/some/nested"), app("/some/nested/path2/app"));
        Map<PathId, List<PathId>> groups = groups("/some", "/some/nested", "/some/nested/path2");

        assertThat(flat(GroupValidation.validate(apps, groups)))
                .containsExactly("/some/nested Groups and Applications may not have the same identifier.");
    }

    @Test
    void appDependenciesMayNotFormACycle() {
        Map<PathId, App> apps = apps(app("/a", "/c"), app("/b", "/a"), app("/c", "/b"));

        assertThat(flat(GroupValidation.validate(apps, Map.of())))
                .containsExactly("/ Dependency graph has cyclic dependencies.");
    }

    @Test
    void groupDependenciesCountForEveryAppInTheGroup() {
        Map<PathId, App> apps = apps(app("/front/web"), app("/back/api", "/front/web"));
        Map<PathId, List<PathId>> groups = new LinkedHashMap<>();
        groups.put(PathId.of("/front"), List.of(PathId.of("/back")));
        groups.put(PathId.of("/back"), List.of());

        assertThat(flat(GroupValidation.validate(apps, groups)))
                .containsExactly("/ Dependency graph has cyclic dependencies.");
    }

    @Test
    void anAppThatDependsOnItsOwnGroupDependsOnItself() {
        Map<PathId, App> apps = apps(app("/prod/web", "/prod"));

        assertThat(flat(GroupValidation.validate(apps, groups("/prod"))))
                .containsExactly("/ Dependency graph has cyclic dependencies.");
    }

    @Test
    void dependenciesOnUnknownIdsAreAcceptedAsMarathonAcceptsThem() {
        Map<PathId, App> apps = apps(app("/web", "/nowhere"));
        Map<PathId, List<PathId>> groups = Map.of(PathId.of("/g"), List.of(PathId.of("/missing")));

        assertThat(GroupValidation.validate(apps, groups)).isEmpty();
    }

    @Test
    void groupIdsAndTheirDependenciesAreValidPathIds() {
        Map<PathId, List<PathId>> groups = Map.of(PathId.of("/Prod"), List.of(PathId.of("/ok"), PathId.of("/Bad")),
                PathId.of("/tasks"), List.of());

        assertThat(flat(GroupValidation.validate(Map.of(), groups))).containsExactly(
                "/Prod " + Messages.fullyMatch(PathId.SEGMENT),
                "/Prod/dependencies(1) " + Messages.fullyMatch(PathId.SEGMENT));
    }

    @Test
    void scaleByAndVersionComeAlone() {
        assertThat(GroupValidation.validateUpdateFields(true, false, false)).isEmpty();
        assertThat(GroupValidation.validateUpdateFields(false, true, false)).isEmpty();
        assertThat(flat(GroupValidation.validateUpdateFields(true, false, true)))
                .containsExactly("/scaleBy not allowed in conjunction with other properties.");
        assertThat(flat(GroupValidation.validateUpdateFields(true, true, false))).containsExactly(
                "/scaleBy not allowed in conjunction with other properties.",
                "/version not allowed in conjunction with other properties.");
    }

    @Test
    void onlyTopLevelGroupsEnforceTheirRole() {
        assertThat(GroupValidation.validateEnforceRole(PathId.of("/dev"), true)).isEmpty();
        assertThat(GroupValidation.validateEnforceRole(PathId.of("/dev/backend"), false)).isEmpty();
        assertThat(GroupValidation.validateEnforceRole(PathId.of("/dev/backend"), true)).containsExactly(
                Violation.of("/enforceRole",
                        "enforceRole can only be set for top-level groups, and /dev/backend is not top-level"));
    }

    private static App app(String id, String... dependencies) {
        String deps = String.join("\",\"", dependencies);
        return normalized("{\"id\":\"" + id + "\",\"cmd\":\"sleep\",\"dependencies\":["
                + (dependencies.length == 0 ? "" : "\"" + deps + "\"") + "]}");
    }

    private static Map<PathId, App> apps(App... apps) {
        Map<PathId, App> byId = new LinkedHashMap<>();
        Arrays.stream(apps).forEach(app -> byId.put(PathId.of(app.id()), app));
        return byId;
    }

    private static Map<PathId, List<PathId>> groups(String... ids) {
        Map<PathId, List<PathId>> groups = new LinkedHashMap<>();
        Arrays.stream(ids).forEach(id -> groups.put(PathId.of(id), List.of()));
        return groups;
    }
}

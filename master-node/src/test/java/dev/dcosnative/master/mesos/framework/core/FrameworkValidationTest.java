package dev.dcosnative.master.mesos.framework.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameworkValidationTest {

    private static final FrameworkInfo.Capability MULTI_ROLE = FrameworkInfo.Capability.newBuilder()
            .setType(FrameworkInfo.Capability.Type.MULTI_ROLE)
            .build();

    private static FrameworkInfo.Builder info() {
        return FrameworkInfo.newBuilder().setUser("root").setName("test").setFailoverTimeout(60);
    }

    private static FrameworkInfo multiRole(String... roles) {
        return info().addCapabilities(MULTI_ROLE).addAllRoles(List.of(roles)).build();
    }

    private static void valid(FrameworkInfo info) {
        assertThatCode(() -> FrameworkValidation.validate(info, Set.of())).doesNotThrowAnyException();
    }

    private static void invalid(FrameworkInfo info, Set<String> suppressed, String message) {
        assertThatThrownBy(() -> FrameworkValidation.validate(info, suppressed))
                .isInstanceOf(InvalidFrameworkException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aPlainFrameworkIsValid() {
        valid(info().build());
        valid(info().setRole("slave_public").build());
        valid(multiRole("*", "slave_public", "eng/frontend"));
        valid(multiRole());
    }

    @Test
    void rolesWithoutMultiRoleAreRefused() {
        invalid(info().addRoles("a").build(), Set.of(),
                "'FrameworkInfo.roles' is set but MULTI_ROLE capability is not specified");
    }

    @Test
    void roleWithMultiRoleIsRefused() {
        invalid(info().addCapabilities(MULTI_ROLE).setRole("a").build(), Set.of(),
                "'FrameworkInfo.role' must not be set when MULTI_ROLE capability is specified");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", ".", "..", "-x", "a b", "a/./b", "a/../b", "/a", "a/", "a//b", "a/-b", "a\tb",
            "a\\b", "a/*", "\u0001" })
    void invalidRoleNamesAreRefused(String role) {
        assertThatThrownBy(() -> FrameworkValidation.validateRole(role))
                .isInstanceOf(InvalidFrameworkException.class);
        invalid(info().setRole(role).build(), Set.of(), "role");
        invalid(multiRole("ok", role), Set.of(), "role");
    }

    @ParameterizedTest
    @ValueSource(strings = { "*", "slave_public", "eng/frontend", "eng/frontend/web", "a.b", "a-b", "a..b", "x-" })
    void validRoleNamesAreAccepted(String role) {
        assertThatCode(() -> FrameworkValidation.validateRole(role)).doesNotThrowAnyException();
        valid(info().setRole(role).build());
    }

    @Test
    void duplicateRolesAreRefused() {
        invalid(multiRole("a", "b", "a"), Set.of(), "'FrameworkInfo.roles' contains duplicate items");
    }

    @Test
    void aSuppressedRoleMustBeOneOfTheFrameworksRoles() {
        assertThatCode(() -> FrameworkValidation.validate(multiRole("a", "b"), Set.of("b")))
                .doesNotThrowAnyException();
        assertThatCode(() -> FrameworkValidation.validate(info().build(), Set.of("*"))).doesNotThrowAnyException();

        invalid(multiRole("a", "b"), Set.of("c"), "Suppressed role 'c' is not contained in the list of roles");
        invalid(info().setRole("a").build(), Set.of("*"), "Suppressed role '*'");
    }

    @Test
    void theFailoverTimeoutMustBeANonNegativeNumber() {
        valid(info().setFailoverTimeout(0).build());
        valid(info().setFailoverTimeout(604800).build());

        for (double timeout : new double[] { -1, -0.001, Double.NaN, Double.POSITIVE_INFINITY }) {
            invalid(info().setFailoverTimeout(timeout).build(), Set.of(),
                    "'FrameworkInfo.failover_timeout' must be a non-negative number");
        }
    }

    @Test
    void anInvalidFrameworkIdIsRefused() {
        valid(info().setId(FrameworkID.newBuilder().setValue("5b8d2a1c-0001")).build());

        invalid(info().setId(FrameworkID.newBuilder().setValue("a/b")).build(), Set.of(),
                "'FrameworkInfo.id' is invalid");
        invalid(info().setId(FrameworkID.newBuilder().setValue("")).build(), Set.of(),
                "'FrameworkInfo.id' is invalid");
    }

    @Test
    void validIdFollowsMesosIdRules() {
        assertThat(FrameworkValidation.validId("my-task.1_a")).isTrue();
        assertThat(FrameworkValidation.validId("app.instance-0f3c:1")).isTrue();
        assertThat(FrameworkValidation.validId("x".repeat(1024))).isTrue();

        assertThat(FrameworkValidation.validId("")).isFalse();
        assertThat(FrameworkValidation.validId(".")).isFalse();
        assertThat(FrameworkValidation.validId("..")).isFalse();
        assertThat(FrameworkValidation.validId("a/b")).isFalse();
        assertThat(FrameworkValidation.validId("a\\b")).isFalse();
        assertThat(FrameworkValidation.validId("a\nb")).isFalse();
        assertThat(FrameworkValidation.validId("a\u0000b")).isFalse();
        assertThat(FrameworkValidation.validId("x".repeat(1025))).isFalse();
    }

    @Test
    void rolesOfAFrameworkFollowItsCapabilities() {
        assertThat(Framework.rolesOf(info().build())).containsExactly("*");
        assertThat(Framework.rolesOf(info().setRole("slave_public").build())).containsExactly("slave_public");
        assertThat(Framework.rolesOf(multiRole("b", "a"))).containsExactly("b", "a");
        assertThat(Framework.rolesOf(multiRole())).isEmpty();
    }
}

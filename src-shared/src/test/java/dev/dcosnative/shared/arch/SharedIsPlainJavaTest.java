package dev.dcosnative.shared.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import dev.dcosnative.shared.arch.fixture.core.ImpureCore;

class SharedIsPlainJavaTest {

    private final JavaClasses classes = PureCoreRules.productionClasses("dev.dcosnative.shared");

    @Test
    void sharedModelIsPlainJavaOutsideItsVertxPackage() {
        assertThat(classes).isNotEmpty();
        noClasses().that()
                .resideOutsideOfPackage("dev.dcosnative.shared.vertx..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(PureCoreRules.FRAMEWORK_PACKAGES)
                .because("src-shared is linked into every binary and the CLI; only its vertx package, the HTTP"
                        + " plumbing of the nodes, may use Vert.x")
                .check(classes);
    }

    @Test
    void theRulesCatchAViolation() {
        JavaClasses violating = new ClassFileImporter()
                .importClasses(ImpureCore.class);
        assertThatThrownBy(() -> PureCoreRules.CORES_READ_NO_CLOCK.check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Instant.now()");
        assertThatThrownBy(() -> PureCoreRules.CORES_IMPORT_NO_FRAMEWORK.check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.vertx");
    }
}

package dev.dcosnative.shared.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.time.Clock;
import java.time.Instant;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundary rules of ARCHITECTURE.md, shared by every module's architecture test (this class ships in the
 * src-shared test-jar). Pure cores live in packages named {@code core}: they import no Quarkus, Mutiny, Vert.x or
 * Jakarta types and never read the system clock (they are given a {@link Clock} or an instant). Plain ArchUnit inside
 * Jupiter tests: the ArchUnit JUnit engine does not run on the JUnit 6 platform of Quarkus 3.32.
 */
public final class PureCoreRules {

    /** Packages a pure core must not depend on. */
    public static final String[] FRAMEWORK_PACKAGES = { "io.quarkus..", "io.smallrye.mutiny..", "io.vertx..",
            "jakarta.." };

    public static final ArchRule CORES_IMPORT_NO_FRAMEWORK = noClasses().that()
            .resideInAPackage("..core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FRAMEWORK_PACKAGES)
            .because("pure cores are plain Java (ARCHITECTURE.md, code rules)");

    public static final ArchRule CORES_READ_NO_CLOCK = noClasses().that()
            .resideInAPackage("..core..")
            .should()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(Instant.class, "now")
            .orShould()
            .callMethod(Clock.class, "systemUTC")
            .because("pure cores take their time as an input");

    private PureCoreRules() {
    }

    /** The production classes of a module, by its root package. */
    public static JavaClasses productionClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    /** Checks both core rules; fails when the module has no core at all (a typo in the package would pass silently). */
    public static void checkCores(String rootPackage) {
        JavaClasses classes = productionClasses(rootPackage);
        if (classes.stream().noneMatch(c -> c.getPackageName().contains(".core"))) {
            throw new AssertionError("no pure core found under " + rootPackage);
        }
        CORES_IMPORT_NO_FRAMEWORK.check(classes);
        CORES_READ_NO_CLOCK.check(classes);
    }
}

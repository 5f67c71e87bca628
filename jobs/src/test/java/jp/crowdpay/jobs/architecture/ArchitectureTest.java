package jp.crowdpay.jobs.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Dependencies run one way: command line -> features -> run infrastructure -> settings, and no
 * two packages depend on each other, nor two rooms of the payout. Read from the compiled
 * classes, so an import, a field type or a method call all count.
 */
class ArchitectureTest {

    private static final JavaClasses APPLICATION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("jp.crowdpay.jobs");

    /**
     * Each package directly under {@code root}, with its subpackages, is a slice, and the classes
     * directly in {@code root} are one more: ArchUnit's {@code root.(*)..} leaves them out, and
     * with them every cycle through them.
     */
    private static ArchRule noCyclesBetweenPackagesOf(String root) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(root)) {
                    return SliceIdentifier.of(root);
                }
                if (!name.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                return SliceIdentifier.of(name.substring(root.length() + 1).split("\\.")[0]);
            }

            @Override
            public String getDescription() {
                return "the packages of " + root + " and its own classes";
            }
        }).should().beFreeOfCycles();
    }

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        noCyclesBetweenPackagesOf("jp.crowdpay.jobs").check(APPLICATION);
    }

    @Test
    void theRoomsOfThePayoutDependOnEachOtherWithoutCycles() {
        noCyclesBetweenPackagesOf("jp.crowdpay.jobs.payout").check(APPLICATION);
    }

    @Test
    void theBankFilesRulesNeverDependOnTheFiles() {
        noClasses().that().resideInAnyPackage("jp.crowdpay.jobs.bankfile.account..", "jp.crowdpay.jobs.bankfile.calendar..")
                .should().dependOnClassesThat().resideInAPackage("jp.crowdpay.jobs.bankfile")
                .check(APPLICATION);
        noCyclesBetweenPackagesOf("jp.crowdpay.jobs.bankfile").check(APPLICATION);
    }

    @Test
    void theCycleRuleFailsOnACycle() {
        // given two test packages that use each other
        JavaClasses cycle = new ClassFileImporter().importPackages("jp.crowdpay.jobs.architecture.cycle");
        // when
        var result = noCyclesBetweenPackagesOf("jp.crowdpay.jobs.architecture.cycle").evaluate(cycle);
        // then
        assertThat(result.hasViolation()).isTrue();
    }

    @Test
    void theCycleRuleFailsOnACycleThroughTheClassesOfTheRootPackage() {
        // given a class of the root package and a package below it that use each other
        JavaClasses cycle = new ClassFileImporter().importPackages("jp.crowdpay.jobs.architecture.rootcycle");
        // when
        var result = noCyclesBetweenPackagesOf("jp.crowdpay.jobs.architecture.rootcycle").evaluate(cycle);
        // then
        assertThat(result.hasViolation()).isTrue();
    }

    @Test
    void thePayoutRulesArePlainJavaWithoutSpringOrJdbc() {
        noClasses().that().resideInAPackage("jp.crowdpay.jobs.payout.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
                .check(APPLICATION);
    }

    @Test
    void dependenciesRunFromTheCommandLineThroughTheFeaturesToRunsAndSettings() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("application").definedBy("jp.crowdpay.jobs")
                .layer("command line").definedBy("jp.crowdpay.jobs.cli..")
                .layer("features").definedBy("jp.crowdpay.jobs.payout..", "jp.crowdpay.jobs.locks..",
                        "jp.crowdpay.jobs.status..", "jp.crowdpay.jobs.bankfile..", "jp.crowdpay.jobs.bankmaster..",
                        "jp.crowdpay.jobs.seed..", "jp.crowdpay.jobs.bench..", "jp.crowdpay.jobs.returns..",
                        "jp.crowdpay.jobs.notices..", "jp.crowdpay.jobs.schema..", "jp.crowdpay.jobs.close..")
                .layer("run infrastructure").definedBy("jp.crowdpay.jobs.runs..")
                .layer("settings").definedBy("jp.crowdpay.jobs.settings..")
                .whereLayer("command line").mayOnlyBeAccessedByLayers("application")
                .whereLayer("features").mayOnlyBeAccessedByLayers("command line")
                .whereLayer("run infrastructure").mayOnlyBeAccessedByLayers("command line", "features")
                .whereLayer("settings").mayOnlyBeAccessedByLayers("command line", "features", "run infrastructure")
                .check(APPLICATION);
    }
}

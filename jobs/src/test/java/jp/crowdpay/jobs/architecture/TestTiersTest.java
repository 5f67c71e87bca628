package jp.crowdpay.jobs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import jp.crowdpay.jobs.support.Tiers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The unit tier ({@code ./mvnw test}) stays fast and needs nothing running only if every test
 * that reaches the database or starts a process says so with its tag ({@link Tiers}); an untagged
 * one would slow the tier down, or fail on a machine without PostgreSQL. Read from the compiled
 * test classes: what a test class uses, directly or through the test support it calls.
 */
class TestTiersTest {

    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("jp.crowdpay.jobs");

    private static final String SUPPORT = "jp.crowdpay.jobs.support";

    /** What only a database test may use: a connection, and the application's context with its pool. */
    private static final List<String> DATABASE = List.of("java.sql.Connection", "java.sql.DriverManager", "javax.sql.DataSource",
            "org.springframework.jdbc.core.", "org.springframework.jdbc.datasource.",
            "org.springframework.boot.test.context.SpringBootTest", SUPPORT + ".TestDatabase");

    /** What only a process test may use. */
    private static final List<String> PROCESS = List.of("java.lang.ProcessBuilder", "java.lang.Process");

    @Test
    void everyTestThatReachesTheDatabaseOrStartsAProcessIsTaggedSo() {
        // given every test class, and what it reaches through the test support
        Set<String> untagged = new TreeSet<>();
        for (JavaClass test : testClasses().toList()) {
            // when it uses the database or a process
            boolean database = uses(test, DATABASE);
            boolean process = uses(test, PROCESS);
            // then it carries the tag that keeps it out of the unit tier
            if (database && !tagged(test, Tiers.DATABASE) && !tagged(test, Tiers.PROCESS)) {
                untagged.add(test.getName() + " uses the database: @Tag(Tiers.DATABASE)");
            }
            if (process && !tagged(test, Tiers.PROCESS)) {
                untagged.add(test.getName() + " starts a process: @Tag(Tiers.PROCESS)");
            }
        }
        assertThat(untagged).isEmpty();
    }

    @Test
    void everyTestOfThePackagedProgramIsTagged() {
        // *IT classes run only in the integration-test phase: untagged, they would run nowhere
        assertThat(testClasses().filter(test -> test.getSimpleName().endsWith("IT"))
                .filter(test -> !tagged(test, Tiers.DATABASE) && !tagged(test, Tiers.PROCESS))
                .map(JavaClass::getName)).isEmpty();
    }

    @Test
    void theRuleSeesADatabaseTestThroughItsBaseClass() {
        // given a database test whose own code names no database class
        JavaClass test = TESTS.get("jp.crowdpay.jobs.status.StatusAndReissueTest");
        // then what its base class uses counts, and so does the tag the base class carries
        assertThat(uses(test, DATABASE)).isTrue();
        assertThat(tagged(test, Tiers.DATABASE)).isTrue();
    }

    private static Stream<JavaClass> testClasses() {
        return TESTS.stream()
                .filter(javaClass -> javaClass.getSimpleName().endsWith("Test") || javaClass.getSimpleName().endsWith("IT"))
                .filter(javaClass -> !javaClass.isNestedClass() && !javaClass.getModifiers().contains(JavaModifier.ABSTRACT));
    }

    /**
     * Whether the test, its base classes, its nested classes or the test support it calls (what
     * that support calls in turn) use one of {@code markers}.
     */
    private static boolean uses(JavaClass test, List<String> markers) {
        Set<JavaClass> seen = new HashSet<>();
        Deque<JavaClass> todo = new ArrayDeque<>(List.of(test));
        while (!todo.isEmpty()) {
            JavaClass javaClass = todo.pop();
            if (!seen.add(javaClass)) {
                continue;
            }
            javaClass.getRawSuperclass().ifPresent(todo::push);
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (markers.stream().anyMatch(marker -> marker.endsWith(".") ? target.getName().startsWith(marker) : target.getName().equals(marker))) {
                    return true;
                }
                if (target.getPackageName().equals(SUPPORT) || target.getName().startsWith(test.getName() + "$")) {
                    todo.push(target);
                }
            }
        }
        return false;
    }

    private static boolean tagged(JavaClass test, String tag) {
        return AnnotationSupport.findRepeatableAnnotations(test.reflect(), Tag.class).stream()
                .anyMatch(annotation -> annotation.value().equals(tag));
    }
}

package org.zarrscope.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies in the main sources run one way (docs/architecture.md): no two classes depend on
 * each other, directly or around a loop, and neither do two stage packages. The root package
 * {@code org.zarrscope} is the public API, the values every stage reads and the writer that
 * wires the stages, so it sits both below and above them; its classes are in the class rule.
 * Read from the compiled classes, so every real reference counts (annotations included,
 * comments not).
 */
class DependenciesRunOneWayTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("org.zarrscope");
    }

    @Test
    void noClassesDependOnEachOther() {
        slices().assignedFrom(new EachTopLevelClass()).should().beFreeOfCycles().check(main);
    }

    @Test
    void noStagePackagesDependOnEachOther() {
        // (**) makes every package its own slice: micromanager.headless apart from micromanager.mda
        slices().matching("org.zarrscope.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void theRulesSeeTheWholeProgram() {
        // an import that found nothing would pass every rule
        org.junit.jupiter.api.Assertions.assertTrue(main.size() > 150, main.size() + " classes imported");
    }

    /** A top-level class with its nested, inner, anonymous and lambda classes. */
    private static final class EachTopLevelClass implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            if (!javaClass.getPackageName().startsWith("org.zarrscope")) {
                return SliceIdentifier.ignore();
            }
            JavaClass top = javaClass;
            while (top.getEnclosingClass().isPresent()) {
                top = top.getEnclosingClass().get();
            }
            return SliceIdentifier.of(top.getName());
        }

        @Override
        public String getDescription() {
            return "each top-level class of org.zarrscope";
        }
    }
}

package io.jiebang.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering every service keeps: a plain-Java domain (no Spring, MongoDB or Kafka), adapters that do not
 * know each other, and no service reaching into another service's code.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    public static void check(String servicePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        classes().that().resideInAPackage(servicePackage + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(servicePackage + ".domain..", "java..",
                        "io.jiebang.events..", "io.jiebang.platform.domain..")
                .because("the domain is plain Java: no Spring, driver or Kafka imports")
                .check(classes);
        noClasses().that().resideInAPackage(servicePackage + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage(servicePackage + ".web..",
                        servicePackage + ".messaging..", servicePackage + ".persistence..")
                .because("use cases do not know the adapters that call them")
                .check(classes);
        noClasses().that().resideInAnyPackage(servicePackage + ".web..")
                .should().dependOnClassesThat().resideInAnyPackage(servicePackage + ".messaging..",
                        servicePackage + ".persistence..")
                .check(classes);
        noClasses().that().resideInAPackage(servicePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(otherServices(servicePackage))
                .because("services share only the event contracts")
                .check(classes);
    }

    private static String[] otherServices(String servicePackage) {
        return java.util.stream.Stream.of("io.jiebang.topic..", "io.jiebang.claim..", "io.jiebang.dispatch..",
                        "io.jiebang.resolution..", "io.jiebang.console..")
                .filter(p -> !p.equals(servicePackage + ".."))
                .toArray(String[]::new);
    }
}

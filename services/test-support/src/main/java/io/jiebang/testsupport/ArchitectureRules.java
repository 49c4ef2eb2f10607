package io.jiebang.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * The layering every service keeps: a plain-Java domain (no Spring, MongoDB or Kafka), adapters that do not
 * know each other, and no service reaching into another service's code.
 */
public final class ArchitectureRules {

    private static final List<String> ADAPTERS = List.of("web", "messaging", "persistence", "gateway");

    private ArchitectureRules() {
    }

    public static void check(String servicePackage) {
        check(servicePackage, "domain");
    }

    /**
     * @param core the plain-Java heart of the service: its domain, or for the console, which decides nothing, the
     *             read-model views
     */
    public static void check(String servicePackage, String core) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        classes().that().resideInAPackage(servicePackage + "." + core + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(servicePackage + "." + core + "..", "java..",
                        "io.jiebang.events..", "io.jiebang.platform.domain..")
                .because("the " + core + " is plain Java: no Spring, driver or Kafka imports")
                .check(classes);
        noClasses().that().resideInAPackage(servicePackage + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage(adapters(servicePackage, null))
                .because("use cases do not know the adapters that call them")
                .check(classes);
        for (String adapter : ADAPTERS) {
            noClasses().that().resideInAPackage(servicePackage + "." + adapter + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(adapters(servicePackage, adapter))
                    .because("adapters meet only in the use cases")
                    .allowEmptyShould(true)
                    .check(classes);
        }
        noClasses().that().resideInAPackage(servicePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(otherServices(servicePackage))
                .because("services share only the event contracts")
                .check(classes);
    }

    /** The adapters of a service other than {@code except}; the console's gateway both serves and calls HTTP. */
    private static String[] adapters(String servicePackage, String except) {
        return ADAPTERS.stream().filter(adapter -> !adapter.equals(except))
                .map(adapter -> servicePackage + "." + adapter + "..").toArray(String[]::new);
    }

    private static String[] otherServices(String servicePackage) {
        return java.util.stream.Stream.of("io.jiebang.topic..", "io.jiebang.claim..", "io.jiebang.dispatch..",
                        "io.jiebang.resolution..", "io.jiebang.console..")
                .filter(p -> !p.equals(servicePackage + ".."))
                .toArray(String[]::new);
    }
}

package io.jiebang.platform;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The chassis's packages depend on each other one way only, so each can be read (and changed) on its own. */
class PackageCyclesTest {

    @Test
    void platformPackagesAreFreeOfCycles() {
        slices().matching("io.jiebang.platform.(*)..").should().beFreeOfCycles()
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.jiebang.platform"));
    }
}

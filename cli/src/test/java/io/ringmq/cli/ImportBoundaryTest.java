package io.ringmq.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cli is a user of the library like any other: its classes reach ringmq through {@code io.ringmq.engine} only
 * (never codecs, crypto, rings or transports), besides the JDK, picocli, HdrHistogram and the traffic journal of
 * {@code io.ringmq.capture} (record and replay). Agrona's buffers are
 * allowed because they are the engine API's zero-copy types. ArchUnit rather than {@code module-info.java}: see
 * engine's PublicApiTest.
 */
class ImportBoundaryTest
{
    private static final JavaClasses CLI = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.ringmq.cli");

    @Test
    void cliDependsOnTheEngineApiOnly()
    {
        assertTrue(CLI.contain(RingMq.class), "the import found the cli's main classes");
        final ArchRule rule = classes().should().onlyDependOnClassesThat(or(
            resideInAnyPackage("io.ringmq.cli..", "io.ringmq.engine", "io.ringmq.capture", "java..", "picocli..",
                "org.HdrHistogram.."),
            belongToAnyOf(org.agrona.DirectBuffer.class, org.agrona.MutableDirectBuffer.class,
                org.agrona.concurrent.UnsafeBuffer.class)));
        rule.check(CLI);
    }
}

package io.ringmq.bench;

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
 * The benchmarks measure ringmq as a user sees it: through {@code io.ringmq.engine} only (never codecs, crypto,
 * rings or transports), beside JMH, HdrHistogram, JeroMQ (the contender), OpenHFT affinity (pinning) and the JDK.
 * The regression gate adds commons-math3's statistics (its Mann-Whitney U test). Agrona's buffers are allowed
 * because they are the engine API's zero-copy types. The micro-benchmarks of
 * internals (FrameCodecBenchmark, SecretBoxBenchmark, RingSignalBenchmark) live in the test sources of the module
 * they measure and run through scripts/bench.sh. ArchUnit rather than {@code module-info.java}: see engine's
 * PublicApiTest.
 */
class ImportBoundaryTest
{
    private static final JavaClasses BENCH = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.ringmq.bench");

    @Test
    void benchmarksDependOnTheEngineApiOnly()
    {
        assertTrue(BENCH.contain(io.ringmq.bench.sidebyside.SideBySide.class), "the import found the main classes");
        final ArchRule rule = classes().should().onlyDependOnClassesThat(or(
            resideInAnyPackage("io.ringmq.bench..", "io.ringmq.engine", "java..", "org.openjdk.jmh..",
                "org.HdrHistogram..", "org.zeromq..", "net.openhft.affinity..", "org.apache.commons.math3.stat.."),
            belongToAnyOf(org.agrona.DirectBuffer.class, org.agrona.MutableDirectBuffer.class,
                org.agrona.concurrent.UnsafeBuffer.class)));
        rule.check(BENCH);
    }
}

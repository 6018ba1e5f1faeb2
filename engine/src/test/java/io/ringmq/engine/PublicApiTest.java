package io.ringmq.engine;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's public API is sealed: no public or protected member of a public class, nor a public class's
 * supertypes, names a type from the lower modules or from the Disruptor or BouncyCastle. Agrona's buffers (the
 * zero-copy send and receive) and its clock are the foreign types a user may see.
 *
 * <p>ArchUnit rather than {@code module-info.java}: on the module path the shaded jars (cli's ringmq.jar,
 * latency-bench's benchmarks.jar), the {@code --add-opens} of jvm.options that Agrona and Chronicle need and the
 * codecs test-jar every engine test uses would all need module descriptors or patches; a class-file rule checks
 * the same boundary with everything left on the classpath.
 */
class PublicApiTest
{
    /** Packages whose types must stay behind the engine's API. */
    static final String[] SEALED = {
        "io.ringmq.codecs..", "io.ringmq.crypto..", "io.ringmq.rings..", "io.ringmq.transports..",
        "com.lmax.disruptor..", "org.bouncycastle.."};

    private static final JavaClasses ENGINE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.ringmq.engine");

    @Test
    void publicApiExposesNoSealedType()
    {
        final ArchRule rule = classes().that(isPublicApi()).should(exposeNoSealedType())
            .because("cli, latency-bench and users import io.ringmq.engine only (issue 11)");
        rule.check(ENGINE);
    }

    @Test
    void ruleSeesTheWholeApi()
    {
        // Guards the rule against silently checking nothing: the import found the API and its nested types.
        final Set<String> api = new LinkedHashSet<>();
        for (final JavaClass type : ENGINE)
        {
            if (isPublicApiType(type))
            {
                api.add(type.getSimpleName());
            }
        }
        assertTrue(api.containsAll(List.of(
            "Context", "Builder", "Socket", "SocketOption", "SocketType", "WaitStrategy", "CurveKeyPair",
            "EndpointUri", "Transport", "MonitorEvent", "Listener", "Poller", "Proxy", "Status")), api.toString());
    }

    @Test
    void ruleCatchesALeak()
    {
        // The engine has no leak left to catch, so the condition is tried on the rings class WaitStrategy wraps,
        // whose public wakerFor names rings' Waker.
        final JavaClasses leaky = new ClassFileImporter().importClasses(io.ringmq.rings.IdleStrategyKind.class);
        final List<String> found = new ArrayList<>();
        for (final JavaClass type : leaky)
        {
            found.addAll(sealedTypesIn(type));
        }
        assertTrue(found.stream().anyMatch(leak -> leak.endsWith("io.ringmq.rings.Waker")), found.toString());
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> isPublicApi()
    {
        return com.tngtech.archunit.base.DescribedPredicate.describe("are public API", PublicApiTest::isPublicApiType);
    }

    static boolean isPublicApiType(final JavaClass type)
    {
        for (JavaClass c = type; c != null; c = c.getEnclosingClass().orElse(null))
        {
            if (!c.getModifiers().contains(JavaModifier.PUBLIC))
            {
                return false;
            }
        }
        return !type.isAnonymousClass() && !type.isLocalClass();
    }

    private static ArchCondition<JavaClass> exposeNoSealedType()
    {
        return new ArchCondition<>("expose no type of " + String.join(", ", SEALED))
        {
            public void check(final JavaClass type, final ConditionEvents events)
            {
                for (final String leak : sealedTypesIn(type))
                {
                    events.add(SimpleConditionEvent.violated(type, leak));
                }
            }
        };
    }

    /** @return one line per sealed type named by the class's supertypes or its public and protected members. */
    static List<String> sealedTypesIn(final JavaClass type)
    {
        final List<String> leaks = new ArrayList<>();
        if (type.getRawSuperclass().isPresent())
        {
            check(leaks, type.getName() + " extends", type.getRawSuperclass().get());
        }
        for (final JavaClass implemented : type.getRawInterfaces())
        {
            check(leaks, type.getName() + " implements", implemented);
        }
        for (final JavaMember member : type.getMembers())
        {
            final Set<JavaModifier> modifiers = member.getModifiers();
            if (!(modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED)) ||
                modifiers.contains(JavaModifier.SYNTHETIC))
            {
                continue;
            }
            final String where = member.getFullName();
            if (member instanceof JavaField)
            {
                check(leaks, where, ((JavaField)member).getType());
            }
            if (member instanceof JavaMethod)
            {
                check(leaks, where + " returns", ((JavaMethod)member).getReturnType());
            }
            if (member instanceof JavaCodeUnit)
            {
                final JavaCodeUnit code = (JavaCodeUnit)member;
                for (final JavaType parameter : code.getParameterTypes())
                {
                    check(leaks, where + " takes", parameter);
                }
                for (final JavaClass thrown : code.getThrowsClause().getTypes())
                {
                    check(leaks, where + " throws", thrown);
                }
            }
        }
        return leaks;
    }

    private static void check(final List<String> leaks, final String where, final JavaType type)
    {
        for (final JavaClass involved : type.getAllInvolvedRawTypes())
        {
            JavaClass base = involved;
            while (base.isArray())
            {
                base = base.getComponentType();
            }
            for (final String sealed : SEALED)
            {
                if (base.getPackageName().startsWith(sealed.substring(0, sealed.length() - 2)))
                {
                    leaks.add(where + " " + base.getName());
                }
            }
        }
    }
}

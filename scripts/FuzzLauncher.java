import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * scripts/fuzz.sh's JVM entry point: runs one {@code Class#method} (a Jazzer {@code @FuzzTest}) on the JUnit
 * Platform, so that each target is fuzzed in a JVM of its own without a Maven start per target. The launcher API
 * is already on every module's test classpath (jazzer-junit depends on junit-platform-launcher; the junit BOM pins
 * its version), so this needs no dependency of its own. Jazzer's settings ({@code jazzer.*}) reach it as system
 * properties, which JUnit reads as configuration parameters.
 *
 * <p>Exit status: 0 if the target ran and nothing failed, 1 if anything failed (a finding), 2 if nothing ran.
 */
public final class FuzzLauncher
{
    public static void main(final String[] args) throws ClassNotFoundException
    {
        if (args.length != 1 || !args[0].contains("#"))
        {
            System.err.println("usage: FuzzLauncher <fully.qualified.Class#method>");
            System.exit(2);
        }
        // By name, as surefire's -Dtest=Class#method: a @FuzzTest's parameter types are the fuzzer's business.
        final String className = args[0].substring(0, args[0].indexOf('#'));
        final String methodName = args[0].substring(args[0].indexOf('#') + 1);
        final Class<?> testClass = Class.forName(className, false, FuzzLauncher.class.getClassLoader());
        final List<DiscoverySelector> selectors = new ArrayList<>();
        for (final Method method : testClass.getDeclaredMethods())
        {
            if (method.getName().equals(methodName))
            {
                selectors.add(selectMethod(testClass, method));
            }
        }
        if (selectors.size() != 1)
        {
            System.err.println("FuzzLauncher: " + selectors.size() + " methods named " + args[0]);
            System.exit(2);
        }
        final LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
            .selectors(selectors)
            .build();
        final SummaryGeneratingListener listener = new SummaryGeneratingListener();
        final Launcher launcher = LauncherFactory.create();
        launcher.execute(request, listener);
        final TestExecutionSummary summary = listener.getSummary();
        final PrintWriter out = new PrintWriter(System.out, true);
        summary.printTo(out);
        summary.printFailuresTo(out, 50);
        out.flush();
        final int status;
        if (summary.getTotalFailureCount() > 0)
        {
            status = 1;
        }
        else if (summary.getTestsSucceededCount() == 0)
        {
            status = 2;
        }
        else
        {
            status = 0;
        }
        // The targets' own threads (a Context's I/O threads) must not keep the JVM up: exit, do not return.
        System.exit(status);
    }
}

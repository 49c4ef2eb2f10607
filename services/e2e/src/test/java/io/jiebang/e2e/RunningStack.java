package io.jiebang.e2e;

import io.jiebang.devstack.LocalStack;
import io.jiebang.devstack.ServiceSpec;
import java.time.Duration;

/**
 * The whole system started once per test run the way {@code make run} starts it: broker, store and every
 * service as its own process, on free ports, with the demo directory and movable clocks; as many instances of
 * each service as {@code -Djiebang.replicas} says (1 unless set; the e2e module runs some tests again with 2).
 */
final class RunningStack {

    private static LocalStack stack;
    private static Duration startup;
    /** Where notification-service sends its e-mails: a mail server a test starts when it reads them (GreenMail). */
    private static int smtpPort;

    private RunningStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            smtpPort = LocalStack.freePort();
            LocalStack.Options options = new LocalStack.Options()
                        .temporaryData("jiebang-e2e-")
                        .freePorts()
                        .replicas(replicas())
                        .serviceEnvironment("JIEBANG_CLOCK_ADJUSTABLE", "true")
                        .serviceEnvironment("SPRING_PROFILES_ACTIVE", "test")
                        // As behind a proxy: the console takes the client's address from X-Forwarded-For (login throttling).
                        .serviceEnvironment("JIEBANG_FORWARD_HEADERS", "framework")
                        .serviceEnvironment("JIEBANG_SCHEDULER_INTERVAL", "PT2S")
                        .serviceEnvironment("JIEBANG_SMTP_PORT", String.valueOf(smtpPort))
                        // The tests' webhook receivers listen on plain http on this host.
                        .serviceEnvironment("JIEBANG_WEBHOOK_ALLOW_HTTP", "true")
                        .serviceEnvironment("JIEBANG_WEBHOOK_ALLOW_INTERNAL", "true");
                options.demo();
                LocalStack started = LocalStack.create(options);
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-stack-stop"));
                long begin = System.nanoTime();
                started.startAll();
                startup = Duration.ofNanos(System.nanoTime() - begin);
                System.out.printf("[e2e] stack up in %d s at %s (%d instances of each service)%n", startup.toSeconds(),
                        started.urls(ServiceSpec.CONSOLE), replicas());
            stack = started;
        }
        return stack;
    }

    /** How long the stack took from starting the broker until every service was healthy. */
    static Duration startup() {
        get();
        return startup;
    }

    static Api api() {
        LocalStack running = get();
        return new Api(running.instances(ServiceSpec.CONSOLE).stream().map(running::url).toList(), running);
    }

    static int smtpPort() {
        get();
        return smtpPort;
    }

    static int replicas() {
        return Integer.getInteger("jiebang.replicas", 1);
    }

    static String url(ServiceSpec spec) {
        return get().url(spec);
    }
}

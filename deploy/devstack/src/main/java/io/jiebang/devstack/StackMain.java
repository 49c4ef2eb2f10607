package io.jiebang.devstack;

import java.util.concurrent.CountDownLatch;

/** {@code make run}: starts everything, prints where to go, and stops everything on Ctrl-C. */
public final class StackMain {

    private StackMain() {
    }

    /** With JIEBANG_REPLICAS above 1: where the other console instances answer (the same board, the same logins). */
    private static String otherConsoles(LocalStack stack) {
        java.util.List<ServiceSpec.Instance> consoles = stack.instances(ServiceSpec.CONSOLE);
        if (consoles.size() == 1) {
            return "";
        }
        return "\n Other console instances (same board, same logins):  "
                + String.join("  ", consoles.subList(1, consoles.size()).stream().map(stack::url).toList());
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStack.Options options = new LocalStack.Options();
        options.demo();
        LocalStack stack = LocalStack.create(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the Jiebang stack...");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "stack-shutdown"));
        long started = System.nanoTime();
        try {
            System.out.println("Starting Kafka broker and store (data in " + stack.dataDir() + ")...");
            stack.startInfrastructure();
            System.out.println("Kafka at " + stack.kafkaBootstrap() + ", MongoDB at " + stack.mongoUri());
            System.out.println("Starting services: " + ServiceSpec.ALL.stream().map(ServiceSpec::name).toList()
                    + (stack.replicas() == 1 ? "" : ", " + stack.replicas() + " instances of each") + " ...");
            stack.startServices(ServiceSpec.ALL);
        } catch (RuntimeException e) {
            System.err.println("The stack did not come up: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("""

                ============================================================
                 Jiebang is up in %d s.  Open the console:  %s%s
                 API docs: %s/swagger-ui.html

                 Demo logins (password for all: jiebang), two districts (docs/tenancy.md):
                 海滨区 Haibin District (d1):
                   coordinator   district coordinator (调度)
                   dept-01..50   staff of a department (部门), e.g. dept-01
                   street-01..12 staff of a street office (镇街), e.g. street-01
                   leader        district leadership (区领导): reads, sees level-3 escalations
                   analyst       read-only analyst
                 山前区 Shanqian District (d2):
                   d2-coordinator, d2-dept-01..03, d2-street-01..03, d2-leader, d2-analyst
                 city            the city level (市级): reads and compares every district

                 Logs: %s   Stop: Ctrl-C
                ============================================================
                %n""", (System.nanoTime() - started) / 1_000_000_000L, stack.consoleUrl(), otherConsoles(stack), stack.consoleUrl(),
                stack.dataDir().resolve("logs"));
        stopped.await();
    }
}

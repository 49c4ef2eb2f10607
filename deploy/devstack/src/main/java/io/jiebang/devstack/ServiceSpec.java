package io.jiebang.devstack;

/** A Spring Boot service of the stack: its Maven module under {@code services/}, its port and its database. */
public record ServiceSpec(String name, int defaultPort, String database) {

    public static final ServiceSpec TOPIC = new ServiceSpec("topic-service", 8081, "jiebang-topic");
    public static final ServiceSpec CLAIM = new ServiceSpec("claim-service", 8082, "jiebang-claim");
    public static final ServiceSpec DISPATCH = new ServiceSpec("dispatch-service", 8083, "jiebang-dispatch");
    public static final ServiceSpec RESOLUTION = new ServiceSpec("resolution-service", 8084, "jiebang-resolution");
    public static final ServiceSpec NOTIFICATION = new ServiceSpec("notification-service", 8085, "jiebang-notification");
    public static final ServiceSpec CONSOLE = new ServiceSpec("console", 8080, "jiebang-console");

    /** Start order: the console last, so the board it shows is fed by services that are up. */
    public static final java.util.List<ServiceSpec> ALL = java.util.List.of(TOPIC, CLAIM, DISPATCH, RESOLUTION, NOTIFICATION, CONSOLE);

    /** Instance {@code number} (from 1) of this service: its process name and its port when ports are fixed. */
    public Instance instance(int number) {
        return new Instance(this, number);
    }

    /** One process of a service; the first keeps the service's own name and port, the next ones add 100 each. */
    public record Instance(ServiceSpec spec, int number) {

        public String name() {
            return number == 1 ? spec.name() : spec.name() + "-" + number;
        }

        public int defaultPort() {
            return spec.defaultPort() + 100 * (number - 1);
        }
    }

    /** The environment variable through which the console finds this service. */
    public String urlVariable() {
        return "JIEBANG_" + name.replace("-service", "").toUpperCase() + "_URL";
    }
}

package io.jiebang.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the whole local stack as separate processes: the Kafka broker and the MongoDB-wire store (unless
 * {@code KAFKA_BOOTSTRAP_SERVERS} / {@code MONGODB_URI} point elsewhere) and every service from its jar, as many
 * instances of each as {@code JIEBANG_REPLICAS} says (1 unless set). {@code make run} and the end-to-end tests
 * both use it, so they start the system the same way.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration INFRA_START_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Options options;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ManagedProcess> processes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String kafkaBootstrap;
    private final String mongoUri;

    private LocalStack(Options options) {
        this.options = options;
        boolean ownBroker = options.kafkaBootstrap == null;
        boolean ownStore = options.mongoUri == null;
        if (ownBroker) {
            ports.put("kafka", port(9092));
            ports.put("kafka-controller", port(9093));
        }
        if (ownStore) {
            ports.put("store", port(27017));
        }
        for (ServiceSpec spec : ServiceSpec.ALL) {
            for (ServiceSpec.Instance instance : instances(spec)) {
                ports.put(instance.name(), port(instance.defaultPort()));
            }
        }
        this.kafkaBootstrap = ownBroker ? "127.0.0.1:" + ports.get("kafka") : options.kafkaBootstrap;
        this.mongoUri = ownStore ? "mongodb://127.0.0.1:" + ports.get("store") : options.mongoUri;
    }

    public static LocalStack create(Options options) {
        return new LocalStack(options);
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String mongoUri() {
        return mongoUri;
    }

    public String url(ServiceSpec spec) {
        return url(spec.instance(1));
    }

    public String url(ServiceSpec.Instance instance) {
        return "http://127.0.0.1:" + ports.get(instance.name());
    }

    /** Every instance of the service, the first first. */
    public List<ServiceSpec.Instance> instances(ServiceSpec spec) {
        return java.util.stream.IntStream.rangeClosed(1, options.replicas).mapToObj(spec::instance).toList();
    }

    /** The base URL of every instance of the service, comma-separated, as the console's gateway takes them. */
    public String urls(ServiceSpec spec) {
        return String.join(",", instances(spec).stream().map(this::url).toList());
    }

    public String consoleUrl() {
        return url(ServiceSpec.CONSOLE);
    }

    public Path dataDir() {
        return options.dataDir;
    }

    /** Starts the broker and the store (those not given from outside) and waits until they accept connections. */
    public void startInfrastructure() {
        if (options.kafkaBootstrap == null) {
            ManagedProcess broker = process("kafka", javaCommand(List.of("-Xmx512m", "-XX:+UseSerialGC",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"),
                    "io.jiebang.devstack.KafkaBroker", options.dataDir.resolve("kafka").toString(),
                    String.valueOf(ports.get("kafka")), String.valueOf(ports.get("kafka-controller"))));
            broker.start();
            awaitPort("kafka", ports.get("kafka"), INFRA_START_TIMEOUT);
        }
        createTopics();
        if (options.mongoUri == null) {
            ManagedProcess store = process("store", javaCommand(List.of("-Xmx1g", "-XX:+UseSerialGC"),
                    "io.jiebang.devstack.MongoStore", options.dataDir.resolve("store").resolve("jiebang.mv").toString(),
                    String.valueOf(ports.get("store"))));
            store.start();
            awaitPort("store", ports.get("store"), INFRA_START_TIMEOUT);
        }
    }

    /** The setup step a deployment runs before its services: the declared topics, 3 partitions each, one copy. */
    private void createTopics() {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap))) {
            io.jiebang.events.KafkaTopicSetup.createMissing(admin, 3, (short) 1);
        }
    }

    /**
     * Starts every instance of the given services that is not running, the first instances together, then the
     * second ones, and so on, and waits until each reports UP on its health endpoint.
     */
    public void startServices(List<ServiceSpec> services) {
        // A wave per instance number: ten JVMs starting at once on two cores took longer than each may.
        for (int number = 1; number <= options.replicas; number++) {
            int wave = number;
            startInstances(services.stream().map(spec -> spec.instance(wave)).toList());
        }
    }

    /** Starts the given instances (those not running) together and waits until each reports UP. */
    public void startInstances(List<ServiceSpec.Instance> specs) {
        for (ServiceSpec.Instance spec : specs) {
            serviceProcess(spec).start();
        }
        // One waiting thread per service: the first to fail ends the wait, whatever the others do.
        java.util.concurrent.ExecutorService waiters = java.util.concurrent.Executors.newFixedThreadPool(specs.size());
        try {
            java.util.concurrent.ExecutorCompletionService<Void> ready = new java.util.concurrent.ExecutorCompletionService<>(waiters);
            specs.forEach(spec -> ready.submit(() -> {
                awaitHealthy(spec, SERVICE_START_TIMEOUT);
                return null;
            }));
            for (int i = 0; i < specs.size(); i++) {
                ready.take().get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting services", e);
        } finally {
            waiters.shutdownNow();
        }
    }

    public void startAll() {
        startInfrastructure();
        startServices(ServiceSpec.ALL);
    }

    /** Stops every instance of a service gracefully. */
    public void stop(ServiceSpec spec) {
        instances(spec).forEach(this::stop);
    }

    public void stop(ServiceSpec.Instance instance) {
        Optional.ofNullable(processes.get(instance.name())).ifPresent(p -> p.stop(STOP_GRACE));
    }

    /** Kills every instance of a service like {@code kill -9}. */
    public void kill(ServiceSpec spec) {
        instances(spec).forEach(this::kill);
    }

    public void kill(ServiceSpec.Instance instance) {
        Optional.ofNullable(processes.get(instance.name())).ifPresent(ManagedProcess::kill);
    }

    public int replicas() {
        return options.replicas;
    }

    /** Stops the broker gracefully (SIGTERM): it flushes its logs and leaves its controller role cleanly. */
    public void stopBroker() {
        infrastructure("kafka").stop(STOP_GRACE);
    }

    /** Kills the broker like {@code kill -9}: nothing flushed, its logs recovered on the next start. */
    public void killBroker() {
        infrastructure("kafka").kill();
    }

    public void startBroker() {
        restartInfrastructure("kafka");
    }

    /** Kills the store like {@code kill -9}: what it acknowledged must be there when it is back. */
    public void killStore() {
        infrastructure("store").kill();
    }

    public void startStore() {
        restartInfrastructure("store");
    }

    /** The broker ("kafka") or the store ("store") when this stack started it; from outside, it cannot be a fault. */
    private ManagedProcess infrastructure(String name) {
        ManagedProcess process = processes.get(name);
        if (process == null) {
            throw new IllegalStateException(name + " is not managed by this stack");
        }
        return process;
    }

    private void restartInfrastructure(String name) {
        infrastructure(name).start();
        awaitPort(name, ports.get(name), INFRA_START_TIMEOUT);
    }

    /** The operating-system id of each running process of the stack, by name ("kafka", "store", "console", ...). */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        processes.forEach((name, process) -> {
            long pid = process.pid();
            if (pid > 0) {
                pids.put(name, pid);
            }
        });
        return pids;
    }

    public Path logFile(String processName) {
        return options.dataDir.resolve("logs").resolve(processName + ".log");
    }

    @Override
    public void close() {
        List<ManagedProcess> reverse = new ArrayList<>(processes.values());
        java.util.Collections.reverse(reverse);
        java.util.Set<String> serviceNames = new java.util.HashSet<>();
        ServiceSpec.ALL.forEach(spec -> instances(spec).forEach(instance -> serviceNames.add(instance.name())));
        List<ManagedProcess> services = reverse.stream().filter(p -> serviceNames.contains(p.name())).toList();
        // Services first, all at once, then the infrastructure they were using.
        List<Thread> stopping = services.stream().map(p -> new Thread(() -> p.stop(STOP_GRACE), "stop-" + p.name())).toList();
        stopping.forEach(Thread::start);
        stopping.forEach(LocalStack::join);
        reverse.stream().filter(p -> !services.contains(p)).forEach(p -> p.stop(STOP_GRACE));
        if (options.temporary && System.getenv("JIEBANG_KEEP_TEST_DATA") == null) {
            deleteRecursively(options.dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }

    private ManagedProcess serviceProcess(ServiceSpec.Instance instance) {
        ServiceSpec spec = instance.spec();
        return processes.computeIfAbsent(instance.name(), name -> {
            Path jar = options.home.resolve("services").resolve(spec.name()).resolve("target").resolve(spec.name() + ".jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build first (mvn -B -ntp -DskipTests package)");
            }
            List<String> command = new ArrayList<>();
            command.add(javaBinary());
            command.addAll(options.serviceJvmOptions);
            command.add("-jar");
            command.add(jar.toString());
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SERVER_PORT", String.valueOf(ports.get(name)));
            env.put("JIEBANG_INSTANCE", name);
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
            env.put("MONGODB_URI", mongoUri);
            env.put("MONGODB_DATABASE", spec.database());
            env.put("JIEBANG_DATA", options.dataDir.toString());
            env.put("JIEBANG_HOME", options.home.toString());
            env.put("JIEBANG_JWKS_URI", consoleUrl() + "/oauth2/jwks");
            // Every event's dataschema points at the console that serves the schemas.
            env.put("JIEBANG_SCHEMAS_URL", consoleUrl() + "/schemas/events/");
            for (ServiceSpec other : ServiceSpec.ALL) {
                env.put(other.urlVariable(), urls(other));
            }
            env.putAll(options.serviceEnvironment);
            return new ManagedProcess(name, command, env, logFile(name), options.home);
        });
    }

    private ManagedProcess process(String name, List<String> command) {
        return processes.computeIfAbsent(name, n -> new ManagedProcess(n, command, Map.of(), logFile(n), options.home));
    }

    private List<String> javaCommand(List<String> jvmOptions, String mainClass, String... args) {
        Path devstack = options.home.resolve("deploy").resolve("devstack").resolve("target");
        String classpath;
        try {
            classpath = devstack.resolve("classes") + java.io.File.pathSeparator
                    + Files.readString(devstack.resolve("runtime.classpath")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("the devstack is not built: " + devstack.resolve("runtime.classpath"), e);
        }
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private int port(int preferred) {
        if (!options.freePorts) {
            if (!isFree(preferred)) {
                throw new IllegalStateException("port " + preferred + " is in use: is another stack (make run) still running?");
            }
            return preferred;
        }
        return freePort();
    }

    /**
     * A port free now, below the OS's range of ephemeral ports (32768 and up on Linux), and handed out once per JVM. A
     * port the OS hands out for the asking (bind to port 0) lies in that range, where, in the seconds before the
     * service binds it, the OS may take it as the source port of one of the many outgoing connections a starting stack
     * opens; a port below the range is never taken that way.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int candidate = java.util.concurrent.ThreadLocalRandom.current().nextInt(FIRST_FREE_PORT, LAST_FREE_PORT);
            if (isFree(candidate) && HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free port between " + FIRST_FREE_PORT + " and " + LAST_FREE_PORT);
    }

    private static final int FIRST_FREE_PORT = 20000;
    private static final int LAST_FREE_PORT = 32000;
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitPort(String name, int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            assertAlive(name);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        throw new IllegalStateException(name + " did not open port " + port + " in " + timeout + "\n" + processes.get(name).tail(40));
    }

    private void awaitHealthy(ServiceSpec.Instance spec, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(spec) + "/actuator/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            assertAlive(spec.name());
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + spec.name(), e);
            }
            pause();
        }
        throw new IllegalStateException(spec.name() + " was not healthy in " + timeout + "\n" + processes.get(spec.name()).tail(60));
    }

    private void assertAlive(String name) {
        ManagedProcess process = processes.get(name);
        if (process != null && !process.isAlive()) {
            throw new IllegalStateException(name + " exited during start; its log " + process.logFile() + " ends:\n" + process.tail(60));
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where the project is, where its data goes, and what comes from outside. */
    public static final class Options {
        private Path home = ProjectHome.find();
        private Path dataDir = home.resolve(".data");
        private int replicas = replicasFromEnvironment();
        private boolean freePorts;
        private boolean temporary;
        private String kafkaBootstrap = blankToNull(System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
        private String mongoUri = blankToNull(System.getenv("MONGODB_URI"));
        /** Every service within a 256 MiB heap; the full (C2) compiler, since the services run for long. */
        private List<String> serviceJvmOptions = List.of("-Xmx256m", "-XX:+UseSerialGC");
        private final Map<String, String> serviceEnvironment = new LinkedHashMap<>();

        public Options dataDir(Path dataDir) {
            this.dataDir = dataDir.toAbsolutePath();
            return this;
        }

        /** Keeps the data in a new temporary folder, deleted when the stack is closed unless JIEBANG_KEEP_TEST_DATA is set. */
        public Options temporaryData(String prefix) {
            try {
                this.dataDir = Files.createTempDirectory(prefix);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.temporary = true;
            return this;
        }

        /** Picks free ports instead of the fixed defaults, so a test stack can run beside {@code make run}. */
        public Options freePorts() {
            this.freePorts = true;
            return this;
        }

        /** Uses this MongoDB instead of starting the embedded store. */
        public Options mongoUri(String uri) {
            this.mongoUri = blankToNull(uri);
            return this;
        }

        /** How many instances of each service to start. */
        public Options replicas(int replicas) {
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas must be at least 1: " + replicas);
            }
            this.replicas = replicas;
            return this;
        }

        private static int replicasFromEnvironment() {
            String replicas = blankToNull(System.getenv("JIEBANG_REPLICAS"));
            return replicas == null ? 1 : Integer.parseInt(replicas.trim());
        }

        /**
         * The demo district: the seed directory's organisations, and its logins with their shared password, which
         * the console makes only in demo mode (docs/security.md).
         */
        public Options demo() {
            serviceEnvironment("JIEBANG_SEED_DIRECTORY", home().resolve("deploy/seed/directory.json").toString());
            return serviceEnvironment("JIEBANG_DEMO", "true");
        }

        public Options serviceEnvironment(String name, String value) {
            serviceEnvironment.put(name, value);
            return this;
        }

        public Options serviceJvmOptions(List<String> options) {
            this.serviceJvmOptions = List.copyOf(options);
            return this;
        }

        public Path home() {
            return home;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}

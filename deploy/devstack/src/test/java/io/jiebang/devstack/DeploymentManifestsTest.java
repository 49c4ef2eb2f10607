package io.jiebang.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests (deploy/k8s), the compose file (deploy/compose) and the operator's page (docs/deploy.md)
 * held against each service's own settings: its name, port, database and the environment variables it reads. A
 * variable or a port renamed on one side and not the other fails here, not in a cluster. The overlays are rendered
 * with kubectl and the compose file validated with docker-compose where they are installed
 * (deploy/setup/manifest-tools.sh); without them those checks are skipped and say so.
 */
class DeploymentManifestsTest {

    private static final Path HOME = ProjectHome.find();
    private static final Path K8S = HOME.resolve("deploy/k8s");
    private static final Path COMPOSE = HOME.resolve("deploy/compose/compose.yaml");

    /** What every service needs from its deployment to reach the cluster, its database and the console's keys. */
    private static final List<String> REQUIRED = List.of("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "MONGODB_DATABASE",
            "JIEBANG_JWKS_URI");

    /** The topic setup step's own variables, read by the console image when JIEBANG_KAFKA_SETUP=only. */
    private static final Set<String> SETUP_STEP = Set.of("JIEBANG_KAFKA_SETUP", "JIEBANG_KAFKA_PARTITIONS",
            "JIEBANG_KAFKA_REPLICATION");

    private static final Map<ServiceSpec, ServiceSettings> SETTINGS = ServiceSpec.ALL.stream()
            .collect(Collectors.toMap(Function.identity(), spec -> ServiceSettings.of(HOME, spec), (a, b) -> a, LinkedHashMap::new));

    @Test
    void eachServiceListensOnItsPortOfTheStack() {
        SETTINGS.forEach((spec, settings) -> assertThat(settings.port()).as(spec.name() + " server.port").isEqualTo(spec.defaultPort()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void kubernetesManifestsHoldToTheServicesSettings(String kustomization) {
        List<Map<String, Object>> documents = kubernetes(kustomization);
        Map<String, String> config = stringMap(field(single(documents, "ConfigMap", "jiebang-config"), "data"));
        ServiceSettings console = SETTINGS.get(ServiceSpec.CONSOLE);

        for (ServiceSettings settings : SETTINGS.values()) {
            String name = settings.spec().name();
            String port = String.valueOf(settings.port());
            Map<String, Object> deployment = single(documents, "Deployment", name);
            Map<String, Object> pod = field(deployment, "spec", "template");
            Map<String, Object> container = container(pod);

            // The console, the public gateway, answers probes and scrapes on a management port the Service does not expose.
            String managementPort = settings.spec() == ServiceSpec.CONSOLE
                    ? text(env(container).get("JIEBANG_MANAGEMENT_PORT"), "value") : port;
            String probedPort = settings.spec() == ServiceSpec.CONSOLE ? "management" : "http";
            assertThat(managementPort).as(name + " management port").isNotEqualTo("null");
            assertThat(stringMap(field(pod, "metadata", "annotations"))).as(name + " scrape annotations").containsExactlyInAnyOrderEntriesOf(
                    Map.of("prometheus.io/scrape", "true", "prometheus.io/port", managementPort, "prometheus.io/path", "/actuator/prometheus"));
            assertThat(text(list(container, "ports").get(0), "containerPort")).as(name + " containerPort").isEqualTo(port);
            assertThat(list(container, "ports")).as(name + " ports").anyMatch(p -> probedPort.equals(p.get("name"))
                    && managementPort.equals(String.valueOf(p.get("containerPort"))));
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(text(container, probe, "httpGet", "port")).as(name + " " + probe + " port").isEqualTo(probedPort);
            }
            assertThat(text(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(text(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(text(pod, "spec", "securityContext", "runAsNonRoot")).as(name + " runAsNonRoot").isEqualTo("true");
            assertThat(text(container, "resources", "limits", "memory")).as(name + " memory limit").isNotEqualTo("null");

            Map<String, Map<String, Object>> env = env(container);
            assertThat(env.keySet()).as(name + ": variables it does not read").allMatch(settings::reads);
            assertThat(env.get("MONGODB_DATABASE")).as(name + " database").containsEntry("value", settings.spec().database());
            assertThat(text(env.get("MONGODB_URI"), "valueFrom", "secretKeyRef", "name"))
                    .as(name + " store credentials").matches("jiebang-" + name + "(-[a-z0-9]+)?");
            assertThat(text(list(container, "envFrom").get(0), "configMapRef", "name")).startsWith("jiebang-config");
            Set<String> provided = new TreeSet<>(env.keySet());
            provided.addAll(config.keySet());
            assertThat(settings.variables()).as(name + " reads").containsAll(REQUIRED);
            assertThat(provided).as(name + " is given").containsAll(REQUIRED);

            Map<String, Object> service = single(documents, "Service", name);
            Map<String, Object> servicePort = list(field(service, "spec"), "ports").get(0);
            assertThat(String.valueOf(servicePort.get("port"))).as(name + " Service port").isEqualTo(port);
            assertThat(servicePort.get("targetPort")).isEqualTo("http");
            assertThat(list(field(service, "spec"), "ports")).as(name + " Service ports").hasSize(1);
            Object podLabels = field(pod, "metadata", "labels");
            assertThat(stringMap(podLabels)).containsAllEntriesOf(stringMap(field(service, "spec", "selector")));
            assertThat(stringMap(podLabels)).containsAllEntriesOf(
                    stringMap(field(single(documents, "PodDisruptionBudget", name), "spec", "selector", "matchLabels")));
        }

        // The console reaches each service by its Service's name and port; every service fetches the console's keys.
        for (ServiceSettings settings : SETTINGS.values()) {
            if (settings.spec() != ServiceSpec.CONSOLE) {
                assertThat(console.variables()).contains(settings.spec().urlVariable());
                assertThat(config).containsEntry(settings.spec().urlVariable(), "http://" + settings.spec().name() + ":" + settings.port());
            }
        }
        if (kustomization.endsWith("prod")) {
            assertThat(config.get("JIEBANG_JWKS_URI")).as("production fetches the keys over TLS").startsWith("https://");
            assertThat(config).containsEntry("JIEBANG_PLAIN_JWKS", "false");
        } else {
            assertThat(config).containsEntry("JIEBANG_JWKS_URI", "http://console:" + console.port() + "/oauth2/jwks");
        }
        assertThat(config.keySet()).as("ConfigMap keys no service reads")
                .allMatch(key -> SETTINGS.values().stream().anyMatch(settings -> settings.reads(key)));

        Map<String, Object> consolePod = field(single(documents, "Deployment", "console"), "spec", "template");
        String dataDir = String.valueOf(env(container(consolePod)).get("JIEBANG_DATA").get("value"));
        Map<String, Object> dataMount = list(container(consolePod), "volumeMounts").stream()
                .filter(mount -> dataDir.equals(mount.get("mountPath"))).findFirst().orElseThrow();
        assertThat(list(field(consolePod, "spec"), "volumes")).as("the console's JIEBANG_DATA is an emptyDir")
                .anyMatch(volume -> volume.get("name").equals(dataMount.get("name")) && volume.containsKey("emptyDir"));

        Map<String, Object> setup = container(field(single(documents, "Job", "kafka-topic-setup"), "spec", "template"));
        assertThat(String.valueOf(setup.get("image"))).as("the topic setup runs the console image").matches(image("console"));
        Map<String, Map<String, Object>> setupEnv = env(setup);
        assertThat(setupEnv.get("JIEBANG_KAFKA_SETUP")).containsEntry("value", "only");
        assertThat(setupEnv.keySet()).allMatch(variable -> console.reads(variable) || SETUP_STEP.contains(variable));
    }

    @Test
    void productionRunsTwoInstancesOfEachService() {
        List<Map<String, Object>> documents = kubernetes("overlays/prod");
        for (ServiceSpec spec : ServiceSpec.ALL) {
            assertThat((Integer) field(single(documents, "Deployment", spec.name()), "spec", "replicas"))
                    .as(spec.name() + " replicas").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void composeFileHoldsToTheServicesSettings() {
        Map<String, Object> services = field(new Yaml().load(ServiceSettings.read(COMPOSE)), "services");
        ServiceSettings console = SETTINGS.get(ServiceSpec.CONSOLE);
        for (ServiceSettings settings : SETTINGS.values()) {
            String name = settings.spec().name();
            Map<String, Object> service = field(services, name);
            Map<String, String> env = stringMap(service.get("environment"));
            assertThat(String.valueOf(service.get("image"))).matches(image(name));
            assertThat(env.keySet()).as(name + ": variables it does not read").allMatch(settings::reads);
            assertThat(env).as(name).containsKeys(REQUIRED.toArray(String[]::new))
                    .containsEntry("MONGODB_DATABASE", settings.spec().database())
                    .containsEntry("JIEBANG_JWKS_URI", "http://console:" + console.port() + "/oauth2/jwks");
            assertThat(env.get("MONGODB_URI")).contains("replicaSet=rs0", "w=majority");
            assertThat(String.join(" ", stringList(field(service, "healthcheck", "test"))))
                    .contains("http://127.0.0.1:" + settings.port() + "/actuator/health/readiness");
            assertThat(stringMap(field(service, "depends_on", "kafka-setup"))).containsEntry("condition", "service_completed_successfully");
            if (settings.spec() != ServiceSpec.CONSOLE) {
                assertThat(stringMap(field(services, "console", "environment")))
                        .containsEntry(settings.spec().urlVariable(), "http://" + name + ":" + settings.port());
            }
        }
        assertThat(stringList(field(services, "console", "ports"))).contains(console.port() + ":" + console.port());
        Map<String, Object> setup = field(services, "kafka-setup");
        assertThat(String.valueOf(setup.get("image"))).matches(image("console"));
        assertThat(stringMap(setup.get("environment"))).containsEntry("JIEBANG_KAFKA_SETUP", "only")
                .containsKey("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void composeFileIsValid() {
        Assumptions.assumeTrue(installed("docker-compose"),
                "docker-compose is not installed (deploy/setup/manifest-tools.sh installs it): compose.yaml not validated");
        run(List.of("docker-compose", "-f", COMPOSE.toString(), "config", "--quiet"));
    }

    @Test
    void theOperatorsPageListsEveryVariableTheServicesRead() {
        String page = ServiceSettings.read(HOME.resolve("docs/deploy.md"));
        Set<String> read = new TreeSet<>(SETUP_STEP);
        SETTINGS.values().forEach(settings -> read.addAll(settings.variables()));
        read.add("SERVER_PORT");
        assertThat(read).as("variables missing from docs/deploy.md's table").allMatch(variable -> page.contains("| `" + variable + "`"));
    }

    /** The overlay rendered by kubectl, or the base as written when kubectl is not there. */
    private static List<Map<String, Object>> kubernetes(String kustomization) {
        Path dir = K8S.resolve(kustomization);
        if (installed("kubectl")) {
            return documents(run(List.of("kubectl", "kustomize", dir.toString())));
        }
        Assumptions.assumeTrue(kustomization.equals("base"),
                "kubectl is not installed (deploy/setup/manifest-tools.sh installs it): " + kustomization + " not rendered");
        Map<String, Object> base = new Yaml().load(ServiceSettings.read(dir.resolve("kustomization.yaml")));
        List<Map<String, Object>> documents = new ArrayList<>();
        stringList(base.get("resources")).forEach(resource -> documents.addAll(documents(ServiceSettings.read(dir.resolve(resource)))));
        for (Map<String, Object> generator : list(base, "configMapGenerator")) {
            Map<String, String> data = new LinkedHashMap<>();
            stringList(generator.get("literals")).forEach(literal -> data.put(literal.substring(0, literal.indexOf('=')),
                    literal.substring(literal.indexOf('=') + 1)));
            documents.add(Map.of("kind", "ConfigMap", "metadata", Map.of("name", generator.get("name")), "data", data));
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml().loadAll(yaml).forEach(document -> {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        });
        return documents;
    }

    /** The one document of this kind whose name is this, or this with Kustomize's hash suffix. */
    private static Map<String, Object> single(List<Map<String, Object>> documents, String kind, String name) {
        List<Map<String, Object>> found = documents.stream().filter(document -> kind.equals(document.get("kind")))
                .filter(document -> text(document, "metadata", "name").matches(name + "(-[a-z0-9]{10})?"))
                .toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> container(Map<String, Object> podTemplate) {
        return list(field(podTemplate, "spec"), "containers").get(0);
    }

    private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        list(container, "env").forEach(variable -> env.put(String.valueOf(variable.get("name")), variable));
        return env;
    }

    /** An image reference naming this service's image, whatever its registry and tag. */
    private static String image(String service) {
        return "(.*/)?" + service + "(:.+)?";
    }

    private static String text(Object node, String... path) {
        Object value = field(node, path);
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            assertThat(current).as("'" + key + "' of " + String.join(".", path)).isInstanceOf(Map.class);
            current = ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> node, String key) {
        Object value = node.get(key);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static List<String> stringList(Object value) {
        return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (value != null) {
            ((Map<?, ?>) value).forEach((key, item) -> strings.put(String.valueOf(key), String.valueOf(item)));
        }
        return strings;
    }

    private static boolean installed(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static String run(List<String> command) {
        try {
            Path errors = Files.createTempFile("manifests", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(HOME.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectError(errors.toFile()).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(command + " finished").isTrue();
                assertThat(process.exitValue()).as(command + " failed:\n" + Files.readString(errors)).isZero();
                return output;
            } finally {
                Files.delete(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.jiebang.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code make images-smoke}: the topic-service image, as {@code make images} built it, started by podman against the
 * local stack's broker and store (host network), answers UP on its health endpoint and runs as the image's non-root
 * user. Skipped where podman or the image is missing; about a minute, so not part of {@code make test}.
 */
@EnabledIfSystemProperty(named = "images.smoke", matches = "true", disabledReason = "the image smoke test runs with make images-smoke")
class ImageSmokeIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String IMAGE = System.getProperty("images.prefix", "localhost/jiebang") + "/topic-service:"
            + System.getProperty("images.tag", "latest");

    @Test
    void theServiceImageStartsAgainstTheBrokerAndStoreAndRunsAsItsOwnUser() throws Exception {
        Assumptions.assumeTrue(installed("podman"), "podman is not installed (make images installs it): no image to run");
        Assumptions.assumeTrue(podman("image", "exists", IMAGE).exitCode() == 0, IMAGE + " is not built: run make images first");

        try (LocalStack stack = LocalStack.create(new LocalStack.Options().temporaryData("jiebang-image-smoke").freePorts())) {
            stack.startInfrastructure();
            int port = freePort();
            String container = "jiebang-image-smoke-" + port;
            Result started = podman("run", "--detach", "--rm", "--name", container, "--network", "host",
                    "--env", "SERVER_PORT=" + port,
                    "--env", "KAFKA_BOOTSTRAP_SERVERS=" + stack.kafkaBootstrap(),
                    "--env", "MONGODB_URI=" + stack.mongoUri(),
                    "--env", "MONGODB_DATABASE=" + ServiceSpec.TOPIC.database(),
                    IMAGE);
            assertThat(started.exitCode()).as("podman run: " + started.output()).isZero();
            try {
                awaitUp(port, container);
                assertThat(podman("exec", container, "id", "-u").output().strip()).as("the process's user").isEqualTo("10001");
            } finally {
                podman("rm", "--force", container);
            }
        }
    }

    private static void awaitUp(int port, String container) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the JVM is still starting
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(IMAGE + " was not UP in " + START_TIMEOUT + "; its log:\n" + podman("logs", container).output());
    }

    private record Result(int exitCode, String output) {
    }

    /** Podman with the project's settings (deploy/images/containers.conf) unless the caller gave others. */
    private static Result podman(String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putIfAbsent("CONTAINERS_CONF",
                ProjectHome.find().resolve("deploy/images/containers.conf").toString());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish:\n" + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean installed(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

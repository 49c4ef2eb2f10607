package io.jiebang.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * What a service reads from its environment, taken from its own sources: the {@code ${VAR:default}} placeholders of
 * its application.yml and of the platform's defaults, the variables its code reads with {@code System.getenv}, and
 * the port it listens on by default.
 */
record ServiceSettings(ServiceSpec spec, int port, Set<String> variables) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern GETENV = Pattern.compile("getenv\\(\"([A-Z][A-Z0-9_]*)\"\\)");
    private static final Pattern PORT = Pattern.compile("\\$\\{SERVER_PORT:(\\d+)}");

    static ServiceSettings of(Path home, ServiceSpec spec) {
        Path services = home.resolve("services");
        Path applicationYml = services.resolve(spec.name()).resolve("src/main/resources/application.yml");
        String application = read(applicationYml);
        Set<String> variables = new TreeSet<>();
        collect(PLACEHOLDER, application, variables);
        collect(PLACEHOLDER, read(services.resolve("platform/src/main/resources/jiebang-platform.yml")), variables);
        for (String module : new String[] {spec.name(), "platform", "events"}) {
            javaSources(services.resolve(module).resolve("src/main/java")).forEach(source -> collect(GETENV, read(source), variables));
        }
        Map<String, Object> yaml = new Yaml().load(application);
        Object server = ((Map<?, ?>) yaml.get("server")).get("port");
        Matcher port = PORT.matcher(String.valueOf(server));
        if (!port.matches()) {
            throw new IllegalStateException(applicationYml + ": server.port is not ${SERVER_PORT:<port>} but " + server);
        }
        return new ServiceSettings(spec, Integer.parseInt(port.group(1)), Set.copyOf(variables));
    }

    /** Whether the service reads this variable: one of its own, or a Spring property set by its environment name. */
    boolean reads(String variable) {
        return variables.contains(variable) || variable.startsWith("SPRING_") || variable.equals("JAVA_TOOL_OPTIONS");
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static Stream<Path> javaSources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

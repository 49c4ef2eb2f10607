package io.jiebang.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.console.gateway.GatewayRoutes;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description lists exactly the public API: the gateway's routes and the console's own /api endpoints. */
class OpenApiCoverageTest {

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedPathExists() throws Exception {
        JsonNode spec = new ApiDocsController().json();
        Set<String> documented = new TreeSet<>();
        spec.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> documented.add(operation.getKey().toUpperCase() + " " + normalise(path.getKey()))));

        Set<String> served = new TreeSet<>();
        GatewayRoutes.ROUTES.forEach(route -> served.add(route.method().name() + " " + normalise(route.path())));
        // Every controller of the console's web adapter, found as Spring finds them, but the operators' dead letters
        // (docs/operations.md), which the gateway's dead-letter routes serve for the other services too.
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        scanner.addExcludeFilter(new AssignableTypeFilter(ConsoleDeadLetterController.class));
        for (BeanDefinition found : scanner.findCandidateComponents(OpenApiCoverageTest.class.getPackageName())) {
            Class<?> controller = Class.forName(found.getBeanClassName());
            String prefix = controller.isAnnotationPresent(org.springframework.web.bind.annotation.RequestMapping.class)
                    ? controller.getAnnotation(org.springframework.web.bind.annotation.RequestMapping.class).value()[0] : "";
            for (Method method : controller.getDeclaredMethods()) {
                GetMapping get = method.getAnnotation(GetMapping.class);
                PostMapping post = method.getAnnotation(PostMapping.class);
                if (get != null) {
                    paths(get.value(), get.path()).forEach(p -> served.add("GET " + normalise(prefix + p)));
                }
                if (post != null) {
                    paths(post.value(), post.path()).forEach(p -> served.add("POST " + normalise(prefix + p)));
                }
            }
        }
        served.removeIf(route -> !route.contains(" /api/") && !route.contains(" /open311/"));
        assertThat(documented).isEqualTo(served);
    }

    private static List<String> paths(String[] value, String[] path) {
        return List.of(value.length > 0 ? value : path);
    }

    /** Path variables are compared by position, not by name. */
    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }
}

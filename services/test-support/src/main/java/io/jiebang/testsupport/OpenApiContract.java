package io.jiebang.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.jiebang.devstack.ProjectHome;
import io.jiebang.platform.web.CommandBody;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.HttpEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.ValueConstants;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsonFormatVisitors.JsonAnyFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonArrayFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonBooleanFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitable;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.jsonFormatVisitors.JsonIntegerFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonMapFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonNullFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonNumberFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonStringFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonValueFormat;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Holds the hand-written OpenAPI description of the public API to the controllers that serve it. For every handler
 * of a public path ({@code /api/…}, {@code /open311/…}) of the given controllers it finds the operation (the HTTP method
 * and the path, path variables compared by position: their names never reach the wire, and the gateway forwards the
 * services' paths unchanged) and checks:
 * <ul>
 *   <li>the operation exists and has a {@code summary} (or a {@code description});</li>
 *   <li>its path variables and query parameters ({@code @PathVariable}, {@code @RequestParam}) are declared, with a
 *       description, a schema of the Java type's JSON type, the query parameters by the same names and no others, a
 *       parameter the code requires required, and the code's default value as the schema's {@code default};</li>
 *   <li>a JSON request body ({@code @CommandBody}, {@code @RequestBody}) is described exactly when the handler reads one,
 *       required as in the code, and its schema ({@code $ref}s resolved) matches the Java type as Jackson reads and
 *       writes it: the same properties, recursively through nested records, lists and maps, each of the same JSON type,
 *       enums with exactly the Java enum's values, dates as {@code date-time}; {@code required} lists exactly the
 *       properties annotated {@code @NotNull}, {@code @NotBlank} or {@code @NotEmpty}; {@code @Size}, {@code @Min} and
 *       {@code @Max} appear as the same bounds; every object says {@code additionalProperties: false} (the services
 *       refuse unknown fields) and every property has a {@code description};</li>
 *   <li>a 2xx answer is documented; when the handler answers a JSON value (a record, or a {@code Mono}, {@code Flux},
 *       {@code List} or {@code ResponseEntity} of one) every 2xx {@code application/json} schema matches it as a
 *       request body does, without the request-only rules. A command's {@code ResponseEntity<String>}, a file's bytes and
 *       a stream of events are checked for a 2xx answer only.</li>
 * </ul>
 * Throughout, a key without a value (an unquoted comma in YAML's flow style) and a schema keyword OpenAPI does not have
 * are reported.
 * <p>
 * It does not check headers ({@code Idempotency-Key}, {@code Accept}), the error answers, {@code nullable}, bounds the
 * document states that the code leaves to the domain, form and multipart bodies, or which operations are missing from
 * the code (OpenApiCoverageTest in the console holds the document's paths to the gateway's routes).
 */
public final class OpenApiContract {

    /** The public API's description, written by hand and served by the console. */
    public static final String PUBLIC_API = "services/console/src/main/resources/api/openapi.yaml";

    private static final List<String> PUBLIC_PREFIXES = List.of("/api/", "/open311/");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    private static final Set<Class<?>> OPAQUE = Set.of(String.class, byte[].class, Void.class, void.class,
            DataBuffer.class, Resource.class, ServerSentEvent.class);
    private static final Set<Class<? extends Annotation>> REQUIRED = Set.of(NotNull.class, NotBlank.class, NotEmpty.class);
    private static final Set<String> SCHEMA_KEYWORDS = Set.of("$ref", "type", "format", "description", "title", "enum",
            "default", "example", "nullable", "items", "properties", "required", "additionalProperties", "allOf", "oneOf",
            "anyOf", "not", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength",
            "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "readOnly",
            "writeOnly", "deprecated", "discriminator", "externalDocs", "xml");

    private enum Side { REQUEST, RESPONSE }

    private final Path file;
    private final JsonNode spec;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<Class<?>, String> excluded = new LinkedHashMap<>();
    private final Map<String, String> answersElsewhere = new LinkedHashMap<>();
    private final Set<String> answersFound = new HashSet<>();

    private OpenApiContract(Path file) {
        this.file = file;
        try {
            this.spec = new YAMLMapper().readTree(Files.readString(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The document of the public API, found from the project's folder. */
    public static OpenApiContract publicApi() {
        return of(ProjectHome.find().resolve(PUBLIC_API));
    }

    public static OpenApiContract of(Path file) {
        return new OpenApiContract(file);
    }

    /** Leaves a controller out on purpose, saying why: it serves no part of the public API. */
    public OpenApiContract excluding(Class<?> controller, String why) {
        excluded.put(controller, why);
        return this;
    }

    /**
     * The answer of one handler is documented as part of another answer, at {@code pointer} (a JSON pointer into the
     * document), and is compared with that schema instead of its operation's: a service's answer that the console
     * composes into what it answers itself.
     */
    public OpenApiContract answerDocumentedAt(Class<?> controller, String handler, String pointer) {
        assertThat(spec.at(pointer).isMissingNode()).as("%s in %s", pointer, file).isFalse();
        answersElsewhere.put(controller.getName() + "#" + handler, pointer);
        return this;
    }

    /** The {@code @RestController}s under a package, found as Spring finds them. */
    public static List<Class<?>> controllersIn(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        List<Class<?>> controllers = new ArrayList<>();
        for (BeanDefinition found : scanner.findCandidateComponents(basePackage)) {
            try {
                controllers.add(Class.forName(found.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        controllers.sort(Comparator.comparing(Class::getName));
        return controllers;
    }

    /** Checks the public handlers of these controllers, failing with every difference found. */
    public void check(Collection<Class<?>> controllers) {
        List<String> checked = new ArrayList<>();
        List<String> problems = problems(controllers, checked);
        assertThat(checked).as("public handlers among %s", controllers).isNotEmpty();
        assertThat(controllers).as("the controllers left out on purpose are among those checked")
                .containsAll(excluded.keySet());
        assertThat(answersFound).as("the handlers whose answer is documented elsewhere are among those checked")
                .containsAll(answersElsewhere.keySet());
        if (!problems.isEmpty()) {
            fail(problems.size() + " differences between " + file + " and the code:\n  " + String.join("\n  ", problems));
        }
    }

    /** Every difference between the document and these controllers' public handlers. */
    public List<String> problems(Collection<Class<?>> controllers) {
        return problems(controllers, new ArrayList<>());
    }

    private List<String> problems(Collection<Class<?>> controllers, List<String> checked) {
        List<String> problems = new ArrayList<>();
        keysWithoutValue(spec, "", problems);
        for (Class<?> controller : controllers) {
            if (excluded.containsKey(controller)) {
                continue;
            }
            for (Handler handler : handlers(controller, problems)) {
                if (PUBLIC_PREFIXES.stream().anyMatch(handler.path()::startsWith)) {
                    checked.add(handler.label());
                    check(handler, problems);
                }
            }
        }
        return problems;
    }

    /**
     * A key with no value: in YAML's flow style ({@code {description: a, b}}) an unquoted comma ends the value, and what
     * follows becomes keys of their own.
     */
    private static void keysWithoutValue(JsonNode node, String at, List<String> problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String path = at + "/" + entry.getKey();
                if (entry.getValue().isNull()) {
                    problems.add("the document's " + path + " has no value (a comma in an unquoted text?)");
                }
                keysWithoutValue(entry.getValue(), path, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                keysWithoutValue(node.get(i), at + "/" + i, problems);
            }
        }
    }

    // ---- handlers

    private record Handler(Class<?> controller, Method method, String httpMethod, String path) {

        String label() {
            return httpMethod + " " + path + " (" + controller.getSimpleName() + "." + method.getName() + ")";
        }
    }

    private static List<Handler> handlers(Class<?> controller, List<String> problems) {
        RequestMapping typeLevel = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
        List<String> prefixes = typeLevel == null || typeLevel.path().length == 0 ? List.of("") : List.of(typeLevel.path());
        List<Method> methods = new ArrayList<>(Arrays.asList(controller.getDeclaredMethods()));
        methods.sort(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        List<Handler> handlers = new ArrayList<>();
        for (Method method : methods) {
            RequestMapping mapping = method.isSynthetic() ? null : AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
            if (mapping == null) {
                continue;
            }
            List<String> paths = mapping.path().length == 0 ? List.of("") : List.of(mapping.path());
            if (mapping.method().length == 0) {
                problems.add(controller.getSimpleName() + "." + method.getName() + ": a handler of every HTTP method");
            }
            for (String prefix : prefixes) {
                for (String path : paths) {
                    for (RequestMethod httpMethod : mapping.method()) {
                        handlers.add(new Handler(controller, method, httpMethod.name(), prefix + path));
                    }
                }
            }
        }
        return handlers;
    }

    private void check(Handler handler, List<String> problems) {
        String where = handler.label();
        Map.Entry<String, JsonNode> pathItem = pathItem(handler.path());
        JsonNode operation = pathItem == null ? null : pathItem.getValue().get(handler.httpMethod().toLowerCase());
        if (operation == null) {
            problems.add(where + ": no such operation in " + file.getFileName());
            return;
        }
        if (!hasText(operation, "summary") && !hasText(operation, "description")) {
            problems.add(where + ": the operation has no summary");
        }
        checkParameters(handler, pathItem.getKey(), parameters(pathItem.getValue(), operation), where, problems);
        checkBody(handler, operation, where, problems);
        checkAnswer(handler, operation, where, problems);
    }

    private Map.Entry<String, JsonNode> pathItem(String path) {
        for (Map.Entry<String, JsonNode> entry : spec.path("paths").properties()) {
            if (normalise(entry.getKey()).equals(normalise(path))) {
                return entry;
            }
        }
        return null;
    }

    private static String normalise(String path) {
        return VARIABLE.matcher(path).replaceAll("{}");
    }

    private static List<String> variables(String path) {
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    // ---- parameters

    /** The operation's parameters and its path's, by {@code in:name}, {@code $ref}s resolved. */
    private Map<String, JsonNode> parameters(JsonNode pathItem, JsonNode operation) {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (JsonNode declared : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : declared) {
                JsonNode resolved = resolve(parameter);
                parameters.put(resolved.path("in").asString() + ":" + resolved.path("name").asString(), resolved);
            }
        }
        return parameters;
    }

    private void checkParameters(Handler handler, String documentedPath, Map<String, JsonNode> declared, String where,
                                 List<String> problems) {
        List<String> codeVariables = variables(handler.path());
        List<String> documentedVariables = variables(documentedPath);
        for (String variable : documentedVariables) {
            if (!declared.containsKey("path:" + variable)) {
                problems.add(where + ": the path variable {" + variable + "} is not declared as a parameter");
            }
        }
        declared.forEach((key, parameter) -> {
            if (key.startsWith("path:") && !documentedVariables.contains(parameter.path("name").asString())) {
                problems.add(where + ": the path parameter " + parameter.path("name").asString() + " is not in the path");
            }
        });
        Set<String> codeQuery = new TreeSet<>();
        for (Parameter parameter : handler.method().getParameters()) {
            PathVariable pathVariable = parameter.getAnnotation(PathVariable.class);
            RequestParam requestParam = parameter.getAnnotation(RequestParam.class);
            if (pathVariable != null) {
                String name = name(parameter, pathVariable.name(), pathVariable.value());
                int position = codeVariables.indexOf(name);
                if (position < 0 || position >= documentedVariables.size()) {
                    problems.add(where + ": the path variable " + name + " has no place in the documented path " + documentedPath);
                    continue;
                }
                JsonNode documented = declared.get("path:" + documentedVariables.get(position));
                if (documented != null) {
                    checkParameter(parameter, documented, true, null, where + " path variable " + name, problems);
                }
            } else if (requestParam != null) {
                String name = name(parameter, requestParam.name(), requestParam.value());
                codeQuery.add(name);
                JsonNode documented = declared.get("query:" + name);
                if (documented == null) {
                    problems.add(where + ": the query parameter " + name + " is not documented");
                    continue;
                }
                String defaultValue = ValueConstants.DEFAULT_NONE.equals(requestParam.defaultValue()) ? null : requestParam.defaultValue();
                checkParameter(parameter, documented, requestParam.required() && defaultValue == null, defaultValue,
                        where + " query parameter " + name, problems);
            }
        }
        declared.forEach((key, parameter) -> {
            if (key.startsWith("query:") && !codeQuery.contains(parameter.path("name").asString())) {
                problems.add(where + ": the documented query parameter " + parameter.path("name").asString()
                        + " is not read by the handler");
            }
        });
    }

    private void checkParameter(Parameter parameter, JsonNode documented, boolean required, String defaultValue, String where,
                                List<String> problems) {
        if (!hasText(documented, "description")) {
            problems.add(where + ": no description");
        }
        if (required && !documented.path("required").asBoolean(false)) {
            problems.add(where + ": required by the code, not in the document");
        }
        JsonNode schema = documented.get("schema");
        if (schema == null) {
            problems.add(where + ": no schema");
            return;
        }
        compare(json.constructType(parameter.getParameterizedType()), schema, Side.RESPONSE, where, problems, new HashSet<>());
        JsonNode documentedDefault = resolve(schema).get("default");
        if (defaultValue != null && (documentedDefault == null || !documentedDefault.asString().equals(defaultValue))) {
            problems.add(where + ": the code's default is " + defaultValue + ", the document's "
                    + (documentedDefault == null ? "none" : documentedDefault.asString()));
        }
    }

    private static String name(Parameter parameter, String name, String value) {
        if (!name.isEmpty()) {
            return name;
        }
        if (!value.isEmpty()) {
            return value;
        }
        if (!parameter.isNamePresent()) {
            throw new IllegalStateException("compile with -parameters to read the name of " + parameter);
        }
        return parameter.getName();
    }

    // ---- request body

    private void checkBody(Handler handler, JsonNode operation, String where, List<String> problems) {
        Parameter body = null;
        boolean required = false;
        for (Parameter parameter : handler.method().getParameters()) {
            if (parameter.isAnnotationPresent(CommandBody.class)) {
                body = parameter;
                required = parameter.getAnnotation(CommandBody.class).required();
            } else if (parameter.isAnnotationPresent(RequestBody.class)) {
                body = parameter;
                required = parameter.getAnnotation(RequestBody.class).required();
            }
        }
        JsonNode requestBody = operation.has("requestBody") ? resolve(operation.get("requestBody")) : null;
        JsonNode schema = requestBody == null ? null : requestBody.path("content").path("application/json").get("schema");
        if (body == null) {
            if (schema != null) {
                problems.add(where + ": the document describes a JSON body the handler does not read");
            }
            return;
        }
        if (schema == null) {
            problems.add(where + ": the handler reads a JSON body the document does not describe");
            return;
        }
        if (requestBody.path("required").asBoolean(false) != required) {
            problems.add(where + ": the body is " + (required ? "required" : "optional") + " in the code, not in the document");
        }
        compare(json.constructType(body.getParameterizedType()), schema, Side.REQUEST, where + " request body", problems,
                new HashSet<>());
    }

    // ---- answer

    private void checkAnswer(Handler handler, JsonNode operation, String where, List<String> problems) {
        Map<String, JsonNode> success = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
            if (response.getKey().startsWith("2")) {
                success.put(response.getKey(), resolve(response.getValue()));
            }
        }
        if (success.isEmpty()) {
            problems.add(where + ": no 2xx answer documented");
            return;
        }
        JavaType answer = answered(json.constructType(handler.method().getGenericReturnType()));
        if (answer == null) {
            return;
        }
        String key = handler.controller().getName() + "#" + handler.method().getName();
        String elsewhere = answersElsewhere.get(key);
        if (elsewhere != null) {
            answersFound.add(key);
            compare(answer, spec.at(elsewhere), Side.RESPONSE, where + " answer (" + elsewhere + ")", problems, new HashSet<>());
            return;
        }
        boolean documented = false;
        for (Map.Entry<String, JsonNode> response : success.entrySet()) {
            JsonNode schema = response.getValue().path("content").path("application/json").get("schema");
            if (schema != null) {
                documented = true;
                compare(answer, schema, Side.RESPONSE, where + " answer " + response.getKey(), problems, new HashSet<>());
            }
        }
        if (!documented) {
            problems.add(where + ": the JSON answer has no application/json schema under any 2xx answer");
        }
    }

    /** The JSON value a handler answers, out of its reactive and HTTP wrappers; null for text, bytes and event streams. */
    private JavaType answered(JavaType type) {
        boolean many = false;
        while (true) {
            Class<?> raw = type.getRawClass();
            if (Mono.class.isAssignableFrom(raw) || HttpEntity.class.isAssignableFrom(raw) || Optional.class == raw
                    || CompletionStage.class.isAssignableFrom(raw)) {
                type = type.containedTypeOrUnknown(0);
            } else if (Flux.class.isAssignableFrom(raw)) {
                type = type.containedTypeOrUnknown(0);
                many = true;
            } else {
                break;
            }
        }
        if (OPAQUE.contains(type.getRawClass()) || (type.isCollectionLikeType() && OPAQUE.contains(type.getContentType().getRawClass()))) {
            return null;
        }
        return many ? json.getTypeFactory().constructCollectionType(List.class, type) : type;
    }

    // ---- schemas

    /** A JSON value as Jackson writes a Java type. */
    private static final class Shape {
        enum Kind { ANY, STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, MAP, OBJECT }

        Kind kind = Kind.ANY;
        JavaType type;
        JsonValueFormat format;
        Set<String> values;
        final Map<String, JavaType> properties = new LinkedHashMap<>();
        final Map<String, String> members = new LinkedHashMap<>();
    }

    private Shape shape(JavaType type) {
        Shape shape = new Shape();
        shape.type = type;
        if (type.getRawClass() == Object.class || JsonNode.class.isAssignableFrom(type.getRawClass())) {
            return shape;
        }
        json.acceptJsonFormatVisitor(type, new JsonFormatVisitorWrapper.Base() {
            @Override
            public JsonObjectFormatVisitor expectObjectFormat(JavaType hint) {
                shape.kind = Shape.Kind.OBJECT;
                return new JsonObjectFormatVisitor.Base(getContext()) {
                    @Override
                    public void property(BeanProperty property) {
                        shape.properties.put(property.getName(), property.getType());
                        shape.members.put(property.getName(), property.getMember() == null ? property.getName() : property.getMember().getName());
                    }

                    @Override
                    public void optionalProperty(BeanProperty property) {
                        property(property);
                    }

                    @Override
                    public void property(String name, JsonFormatVisitable handler, JavaType propertyType) {
                        shape.properties.put(name, propertyType);
                        shape.members.put(name, name);
                    }

                    @Override
                    public void optionalProperty(String name, JsonFormatVisitable handler, JavaType propertyType) {
                        property(name, handler, propertyType);
                    }
                };
            }

            @Override
            public JsonArrayFormatVisitor expectArrayFormat(JavaType hint) {
                shape.kind = Shape.Kind.ARRAY;
                return new JsonArrayFormatVisitor.Base(getContext());
            }

            @Override
            public JsonMapFormatVisitor expectMapFormat(JavaType hint) {
                shape.kind = Shape.Kind.MAP;
                return new JsonMapFormatVisitor.Base(getContext());
            }

            @Override
            public JsonStringFormatVisitor expectStringFormat(JavaType hint) {
                shape.kind = Shape.Kind.STRING;
                return new JsonStringFormatVisitor.Base() {
                    @Override
                    public void format(JsonValueFormat format) {
                        shape.format = format;
                    }

                    @Override
                    public void enumTypes(Set<String> enums) {
                        shape.values = new TreeSet<>(enums);
                    }
                };
            }

            @Override
            public JsonIntegerFormatVisitor expectIntegerFormat(JavaType hint) {
                shape.kind = Shape.Kind.INTEGER;
                return new JsonIntegerFormatVisitor.Base();
            }

            @Override
            public JsonNumberFormatVisitor expectNumberFormat(JavaType hint) {
                shape.kind = Shape.Kind.NUMBER;
                return new JsonNumberFormatVisitor.Base();
            }

            @Override
            public JsonBooleanFormatVisitor expectBooleanFormat(JavaType hint) {
                shape.kind = Shape.Kind.BOOLEAN;
                return new JsonBooleanFormatVisitor.Base();
            }

            @Override
            public JsonNullFormatVisitor expectNullFormat(JavaType hint) {
                shape.kind = Shape.Kind.ANY;
                return new JsonNullFormatVisitor.Base();
            }

            @Override
            public JsonAnyFormatVisitor expectAnyFormat(JavaType hint) {
                shape.kind = Shape.Kind.ANY;
                return new JsonAnyFormatVisitor.Base();
            }
        });
        return shape;
    }

    /** Compares what Jackson makes of {@code type} with the documented {@code schema}. */
    private void compare(JavaType type, JsonNode documented, Side side, String where, List<String> problems, Set<String> seen) {
        JsonNode schema = resolve(documented);
        if (schema == null || schema.isMissingNode()) {
            problems.add(where + ": no schema");
            return;
        }
        if (!seen.add(System.identityHashCode(schema) + " " + type.toCanonical())) {
            return;
        }
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            if (!SCHEMA_KEYWORDS.contains(keyword.getKey()) && !keyword.getKey().startsWith("x-")) {
                problems.add(where + ": " + keyword.getKey() + " is no keyword of a schema");
            }
        }
        Shape shape = shape(type);
        String documentedType = schema.path("type").asString("");
        switch (shape.kind) {
            case ANY -> {
            }
            case STRING -> {
                expectType("string", documentedType, where, problems);
                if (shape.format == JsonValueFormat.DATE_TIME && !"date-time".equals(schema.path("format").asString(""))) {
                    problems.add(where + ": a date-time in the code, format " + schema.path("format").asString("(none)") + " in the document");
                }
                if (shape.values != null) {
                    Set<String> listed = new TreeSet<>();
                    schema.path("enum").forEach(value -> listed.add(value.asString()));
                    if (!listed.equals(shape.values)) {
                        problems.add(where + ": the values are " + shape.values + " in the code, " + listed + " in the document");
                    }
                }
            }
            case INTEGER -> expectType("integer", documentedType, where, problems);
            case NUMBER -> expectType("number", documentedType, where, problems);
            case BOOLEAN -> expectType("boolean", documentedType, where, problems);
            case ARRAY -> {
                expectType("array", documentedType, where, problems);
                if (!schema.has("items")) {
                    problems.add(where + ": the items are not described");
                } else {
                    compare(type.getContentType(), schema.get("items"), side, where + "[]", problems, seen);
                }
            }
            case MAP -> {
                expectType("object", documentedType, where, problems);
                if (!schema.path("properties").isEmpty()) {
                    problems.add(where + ": a map in the code, an object with properties in the document");
                }
                JsonNode values = schema.get("additionalProperties");
                if (shape(type.getContentType()).kind != Shape.Kind.ANY) {
                    if (values == null || !values.isObject()) {
                        problems.add(where + ": the map's values are not described (additionalProperties)");
                    } else {
                        compare(type.getContentType(), values, side, where + "{}", problems, seen);
                    }
                }
            }
            case OBJECT -> compareObject(shape, schema, side, where, problems, seen);
        }
    }

    private void compareObject(Shape shape, JsonNode schema, Side side, String where, List<String> problems, Set<String> seen) {
        expectType("object", schema.path("type").asString(""), where, problems);
        JsonNode documented = schema.path("properties");
        Set<String> inCode = new TreeSet<>(shape.properties.keySet());
        Set<String> inDocument = new TreeSet<>();
        documented.properties().forEach(property -> inDocument.add(property.getKey()));
        Set<String> undocumented = new TreeSet<>(inCode);
        undocumented.removeAll(inDocument);
        Set<String> unknown = new TreeSet<>(inDocument);
        unknown.removeAll(inCode);
        if (!undocumented.isEmpty()) {
            problems.add(where + ": properties of " + shape.type.getRawClass().getSimpleName() + " not in the document: " + undocumented);
        }
        if (!unknown.isEmpty()) {
            problems.add(where + ": documented properties " + shape.type.getRawClass().getSimpleName() + " does not have: " + unknown);
        }
        Class<?> raw = shape.type.getRawClass();
        Set<String> required = new TreeSet<>();
        for (Map.Entry<String, JavaType> entry : shape.properties.entrySet()) {
            String name = entry.getKey();
            RecordComponent component = component(raw, shape.members.get(name));
            if (component != null && REQUIRED.stream().anyMatch(annotation -> annotated(component, annotation))) {
                required.add(name);
            }
            if (!documented.has(name)) {
                continue;
            }
            String at = where + "." + name;
            JsonNode property = documented.get(name);
            if (side == Side.REQUEST) {
                if (!hasText(property, "description") && !hasText(resolve(property), "description")) {
                    problems.add(at + ": no description");
                }
                if (component != null) {
                    checkBounds(component, resolve(property), at, problems);
                }
            }
            compare(entry.getValue(), property, side, at, problems, seen);
        }
        if (side == Side.REQUEST) {
            Set<String> documentedRequired = new TreeSet<>();
            schema.path("required").forEach(name -> documentedRequired.add(name.asString()));
            if (!documentedRequired.equals(required)) {
                problems.add(where + ": required " + required + " in the code (@NotNull, @NotBlank, @NotEmpty), "
                        + documentedRequired + " in the document");
            }
            JsonNode additional = schema.get("additionalProperties");
            if (additional == null || !additional.isBoolean() || additional.asBoolean()) {
                problems.add(where + ": unknown fields are refused; say additionalProperties: false");
            }
        }
    }

    /** The bounds the code declares ({@code @Size}, {@code @Min}, {@code @Max}) are the document's. */
    private void checkBounds(RecordComponent component, JsonNode schema, String where, List<String> problems) {
        boolean many = java.util.Collection.class.isAssignableFrom(component.getType());
        Size size = annotation(component, Size.class);
        if (size != null) {
            bound(size.max() == Integer.MAX_VALUE ? null : (long) size.max(), schema, many ? "maxItems" : "maxLength", where, problems);
            bound(size.min() == 0 ? null : (long) size.min(), schema, many ? "minItems" : "minLength", where, problems);
        }
        Min min = annotation(component, Min.class);
        Max max = annotation(component, Max.class);
        bound(min == null ? null : min.value(), schema, "minimum", where, problems);
        bound(max == null ? null : max.value(), schema, "maximum", where, problems);
        if (many && component.getAnnotatedType() instanceof AnnotatedParameterizedType list) {
            AnnotatedType item = list.getAnnotatedActualTypeArguments()[0];
            Size itemSize = item.getAnnotation(Size.class);
            if (itemSize != null && itemSize.max() != Integer.MAX_VALUE) {
                bound((long) itemSize.max(), resolve(schema.path("items")), "maxLength", where + "[]", problems);
            }
        }
    }

    private static void bound(Long inCode, JsonNode schema, String keyword, String where, List<String> problems) {
        if (inCode == null) {
            return;
        }
        JsonNode documented = schema.get(keyword);
        if (documented == null || documented.asLong() != inCode) {
            problems.add(where + ": " + keyword + " " + inCode + " in the code, " + (documented == null ? "none" : documented.asString())
                    + " in the document");
        }
    }

    private static RecordComponent component(Class<?> type, String member) {
        if (!type.isRecord()) {
            return null;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(member)) {
                return component;
            }
        }
        return null;
    }

    private static boolean annotated(RecordComponent component, Class<? extends Annotation> annotation) {
        return annotation(component, annotation) != null;
    }

    /** A constraint on a record component: on its accessor (where javac puts it) or on its type (a type-use annotation). */
    private static <A extends Annotation> A annotation(RecordComponent component, Class<A> annotation) {
        A onAccessor = component.getAccessor().getAnnotation(annotation);
        return onAccessor != null ? onAccessor : component.getAnnotatedType().getAnnotation(annotation);
    }

    private static void expectType(String inCode, String documented, String where, List<String> problems) {
        if (!inCode.equals(documented)) {
            problems.add(where + ": " + inCode + " in the code, " + (documented.isEmpty() ? "no type" : documented) + " in the document");
        }
    }

    /** Follows {@code $ref}s within the document, and an {@code allOf} of one schema (how a nullable reference is written). */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && hops < 20; hops++) {
            if (current.has("$ref")) {
                String ref = current.get("$ref").asString();
                if (!ref.startsWith("#")) {
                    throw new IllegalStateException("only references within the document are followed: " + ref);
                }
                current = spec.at(ref.substring(1));
            } else if (current.has("allOf") && current.get("allOf").size() == 1 && !current.has("properties")) {
                current = current.get("allOf").get(0);
            } else {
                return current;
            }
        }
        return current;
    }

    private static boolean hasText(JsonNode node, String field) {
        return node != null && node.has(field) && !node.get(field).asString("").isBlank();
    }
}

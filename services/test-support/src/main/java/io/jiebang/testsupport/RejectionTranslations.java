package io.jiebang.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every refusal a module can make has a translation. The refusals are read from the module's sources, so a new
 * rule without its translation fails the build: {@code Rejection.invalid(field, "code", "template", args...)} and
 * {@code Rejection.conflict("code", "template", args...)} (and the other kinds), code and template as literals.
 */
public final class RejectionTranslations {

    private static final Pattern ANY_CALL =
            Pattern.compile("\\bRejection\\.(?:invalid|unauthenticated|forbidden|notFound|conflict|unprocessable|tooManyRequests|tooLarge)\\(");
    private static final String LITERAL = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern INVALID =
            Pattern.compile("\\bRejection\\.(?:invalid|tooManyRequests|tooLarge)\\(\\s*[^,()]+?\\s*,\\s*" + LITERAL + "\\s*,\\s*" + LITERAL + "\\s*[,)]");
    private static final Pattern OTHER = Pattern.compile("\\bRejection\\.(?:unauthenticated|forbidden|notFound|conflict|unprocessable)\\("
            + "\\s*" + LITERAL + "\\s*,\\s*" + LITERAL + "\\s*[,)]");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");
    private static final String PREFIX = "rejection.";

    private RejectionTranslations() {
    }

    /** Checks the refusals under {@code sources} against the translations in {@code bundle}. */
    public static void check(Path sources, Path bundle) {
        Map<String, Set<String>> templatesByCode = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        for (Path file : javaFiles(sources)) {
            String text = read(file);
            int calls = count(ANY_CALL.matcher(text));
            int read = collect(INVALID.matcher(text), templatesByCode) + collect(OTHER.matcher(text), templatesByCode);
            if (read != calls) {
                unreadable.add(file.toString());
            }
        }
        assertThat(unreadable).as("refusals whose code or template is not a literal, so cannot be checked").isEmpty();
        assertThat(templatesByCode).as("refusals in %s", sources).isNotEmpty();

        Properties translations = load(bundle);
        templatesByCode.forEach((code, templates) -> {
            assertThat(templates).as("one English template per code: %s", code).hasSize(1);
            String template = templates.iterator().next();
            assertThat(template.replace("''", "")).as("an apostrophe starts a quoted part in MessageFormat: %s", code)
                    .doesNotContain("'");
            String translation = translations.getProperty(PREFIX + code);
            assertThat(translation).as("translation of %s%s in %s", PREFIX, code, bundle).isNotBlank();
            new MessageFormat(translation);
            assertThat(placeholders(translation)).as("the arguments of %s", code).isEqualTo(placeholders(template));
        });
        Set<String> unused = translations.stringPropertyNames().stream().filter(key -> key.startsWith(PREFIX))
                .map(key -> key.substring(PREFIX.length())).filter(code -> !templatesByCode.containsKey(code))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(unused).as("translations of refusals no code makes").isEmpty();
    }

    private static int collect(Matcher matcher, Map<String, Set<String>> templatesByCode) {
        int found = 0;
        while (matcher.find()) {
            templatesByCode.computeIfAbsent(matcher.group(1), code -> new TreeSet<>()).add(matcher.group(2));
            found++;
        }
        return found;
    }

    private static int count(Matcher matcher) {
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }

    private static Set<String> placeholders(String pattern) {
        return PLACEHOLDER.matcher(pattern).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Path> javaFiles(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(Path bundle) {
        // As Spring Boot reads it (spring.messages.encoding is UTF-8).
        try (Reader reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

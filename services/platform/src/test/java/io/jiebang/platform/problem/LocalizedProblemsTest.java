package io.jiebang.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.platform.domain.Rejection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.MockServerConfigurer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import reactor.core.publisher.Mono;

/**
 * Problem details follow Accept-Language: Chinese where there is a translation, English (from code) otherwise.
 * The message source is the one Spring Boot makes from the platform's configuration.
 */
class LocalizedProblemsTest {

    enum Phase {
        WORKING, DONE
    }

    @RestController
    static class Refusals {

        @GetMapping("/in-progress")
        Mono<String> inProgress() {
            return Mono.error(Rejection.conflict("not-in-progress", "topic {0} is {1}", "t-1", Phase.WORKING));
        }

        @GetMapping("/co-claimants")
        Mono<String> coClaimants() {
            return Mono.error(Rejection.invalid("coClaimantOrgIds", "too-many-co-claimants",
                    "this topic allows at most {0} co-claimants", 2));
        }

        @GetMapping("/untranslated")
        Mono<String> untranslated() {
            return Mono.error(Rejection.conflict("not-translated", "topic {0} is {1}", "t-1", "OPEN"));
        }

        @GetMapping("/key-reused")
        Mono<String> keyReused() {
            return Mono.error(Rejection.unprocessable("idempotency-key-reused",
                    "this Idempotency-Key was already used for a different request"));
        }

        record Bid(@NotBlank String plan, @Size(min = 2, max = 200) String title, @Min(1) Integer days) {
        }

        @PostMapping("/bids")
        Mono<String> bid(@Valid @RequestBody Bid bid) {
            return Mono.just("ok");
        }

        @GetMapping("/pages")
        Mono<String> page(@RequestParam(name = "page") int page, @RequestParam(name = "size", required = false) Integer size) {
            return Mono.just("ok");
        }

        @GetMapping("/relayed")
        Mono<String> relayed() {
            return Mono.error(Rejection.relayed(Rejection.Kind.CONFLICT, "too-many-co-claimants", "已由别的服务说明"));
        }
    }

    static MessageSource messageSource;

    @BeforeAll
    static void bootMessageSource() {
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withPropertyValues("spring.config.import=classpath:jiebang-platform.yml", "spring.application.name=test")
                .withConfiguration(AutoConfigurations.of(MessageSourceAutoConfiguration.class))
                .run(context -> messageSource = context.getBean(MessageSource.class));
    }

    private WebTestClient client() {
        AcceptHeaderLocaleContextResolver locales = new AcceptHeaderLocaleContextResolver();
        locales.setDefaultLocale(java.util.Locale.ENGLISH);
        return WebTestClient.bindToController(new Refusals())
                .controllerAdvice(new ProblemDetailsAdvice(new ProblemMessages(messageSource)))
                .apply(new MockServerConfigurer() {
                    @Override
                    public void beforeServerCreated(WebHttpHandlerBuilder builder) {
                        builder.localeContextResolver(locales);
                    }
                })
                .build();
    }

    @Test
    void withoutAcceptLanguageTheAnswerIsEnglish() {
        client().get().uri("/co-claimants").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://jiebang.io/problems/too-many-co-claimants")
                .jsonPath("$.detail").isEqualTo("this topic allows at most 2 co-claimants")
                .jsonPath("$.errors[0].field").isEqualTo("coClaimantOrgIds")
                .jsonPath("$.errors[0].message").isEqualTo("this topic allows at most 2 co-claimants");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "zh", "zh-Hans", "zh-Hans-CN", "zh-CN,zh;q=0.9,en;q=0.8"})
    void chineseAskersGetTheTranslationWithItsArguments(String acceptLanguage) {
        client().get().uri("/co-claimants").header("Accept-Language", acceptLanguage).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://jiebang.io/problems/too-many-co-claimants")
                .jsonPath("$.detail").isEqualTo("该榜单最多允许 2 家协同单位")
                .jsonPath("$.errors[0].message").isEqualTo("该榜单最多允许 2 家协同单位");
    }

    @Test
    void brokenConstraintsAreWordedInTheAskersLanguageWhateverTheServersLocale() {
        Locale serverLocale = Locale.getDefault();
        Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
        try {
            String bad = "{\"plan\":\" \",\"title\":\"x\",\"days\":0}";
            client().post().uri("/bids").contentType(MediaType.APPLICATION_JSON).bodyValue(bad).header("Accept-Language", "en")
                    .exchange().expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.errors[?(@.field == 'plan')].message").isEqualTo("must not be blank")
                    .jsonPath("$.errors[?(@.field == 'title')].message").isEqualTo("size must be between 2 and 200")
                    .jsonPath("$.errors[?(@.field == 'days')].message").isEqualTo("must be greater than or equal to 1");
            client().post().uri("/bids").contentType(MediaType.APPLICATION_JSON).bodyValue(bad).header("Accept-Language", "zh-CN")
                    .exchange().expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.errors[?(@.field == 'plan')].message").isEqualTo("不能为空")
                    .jsonPath("$.errors[?(@.field == 'title')].message").isEqualTo("长度须在 2 到 200 之间")
                    .jsonPath("$.errors[?(@.field == 'days')].message").isEqualTo("不能小于 1");
        } finally {
            Locale.setDefault(serverLocale);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "en-US", "fr-FR"})
    void otherLanguagesGetEnglish(String acceptLanguage) {
        client().get().uri("/co-claimants").header("Accept-Language", acceptLanguage).exchange()
                .expectBody().jsonPath("$.detail").isEqualTo("this topic allows at most 2 co-claimants");
    }

    @Test
    void statesAreNamedInTheAskersLanguageToo() {
        client().get().uri("/in-progress").header("Accept-Language", "zh-CN").exchange()
                .expectBody().jsonPath("$.detail").isEqualTo("榜单 t-1 当前为“办理中”");
        client().get().uri("/in-progress").exchange()
                .expectBody().jsonPath("$.detail").isEqualTo("topic t-1 is WORKING");
    }

    @Test
    void aCodeWithoutTranslationFallsBackToEnglish() {
        client().get().uri("/untranslated").header("Accept-Language", "zh-CN").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://jiebang.io/problems/not-translated")
                .jsonPath("$.detail").isEqualTo("topic t-1 is OPEN");
    }

    @Test
    void thePlatformBundleTranslatesThePlatformsOwnRefusals() {
        client().get().uri("/key-reused").header("Accept-Language", "zh-CN").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.detail").isEqualTo("该 Idempotency-Key 已用于另一个不同的请求");
    }

    @Test
    void aQueryParameterMissingOrOfTheWrongTypeIsNamedInTheAskersLanguage() {
        client().get().uri("/pages?page=2&size=many").header("Accept-Language", "zh-CN").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://jiebang.io/problems/malformed-request")
                .jsonPath("$.detail").isEqualTo("“many”不是参数“size”的有效值")
                .jsonPath("$.errors[0].field").isEqualTo("size");
        client().get().uri("/pages?page=x").header("Accept-Language", "en").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.detail").isEqualTo("'x' is not a valid value of parameter 'page'")
                .jsonPath("$.errors[0].field").isEqualTo("page");
        client().get().uri("/pages").header("Accept-Language", "zh-CN").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.detail").isEqualTo("参数“page”为必填项")
                .jsonPath("$.errors[0].field").isEqualTo("page");
    }

    @Test
    void aRelayedRefusalIsPassedOnAsItIs() {
        client().get().uri("/relayed").header("Accept-Language", "zh-CN").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").isEqualTo("已由别的服务说明");
    }

    @Test
    void theEnglishMessageIsFormattedFromTheTemplate() {
        Rejection rejection = Rejection.invalid("percent", "percent-out-of-range", "percent complete is {0} to {1}", 0, 100);
        assertThat(rejection.getMessage()).isEqualTo("percent complete is 0 to 100");
        assertThat(rejection.code()).isEqualTo("percent-out-of-range");
        assertThat(rejection.field()).contains("percent");
    }
}

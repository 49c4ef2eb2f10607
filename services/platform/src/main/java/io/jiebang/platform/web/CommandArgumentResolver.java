package io.jiebang.platform.web;

import io.jiebang.platform.command.CommandMeta;
import java.lang.reflect.Executable;
import java.util.List;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.SynthesizingMethodParameter;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.annotation.AbstractMessageReaderArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets a command handler take its {@link CommandMeta}, read from the request itself: the caller (from the
 * bearer token, as for an {@code Actor} parameter), the {@code Idempotency-Key} and the fingerprint of the request's
 * path and its {@link CommandBody}. The body is read once, with the codecs and validation of {@code @RequestBody},
 * for both parameters.
 */
public class CommandArgumentResolver extends AbstractMessageReaderArgumentResolver {

    private static final String BODY = CommandArgumentResolver.class.getName() + ".body";

    private final CommandRequests requests;

    public CommandArgumentResolver(List<HttpMessageReader<?>> readers, CommandRequests requests) {
        super(readers);
        this.requests = requests;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CommandMeta.class || parameter.hasParameterAnnotation(CommandBody.class);
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
                                        ServerWebExchange exchange) {
        Mono<Optional<Object>> body = body(parameter, bindingContext, exchange);
        if (parameter.hasParameterAnnotation(CommandBody.class)) {
            return body.flatMap(Mono::justOrEmpty);
        }
        ServerHttpRequest request = exchange.getRequest();
        return Mono.zip(ActorArgumentResolver.actorOf(exchange), body)
                .map(asked -> requests.meta(asked.getT1(), request.getHeaders().getFirst(CommandRequests.IDEMPOTENCY_KEY),
                        request.getPath().pathWithinApplication().value(), asked.getT2().orElse(null)));
    }

    /** The handler's command body, read on the first of its parameters that asks; empty when it takes none. */
    @SuppressWarnings("unchecked")
    private Mono<Optional<Object>> body(MethodParameter parameter, BindingContext bindingContext,
                                        ServerWebExchange exchange) {
        return (Mono<Optional<Object>>) exchange.getAttributes().computeIfAbsent(BODY, key -> {
            MethodParameter body = bodyParameter(parameter);
            if (body == null) {
                return Mono.just(Optional.empty());
            }
            return readBody(body, body.getParameterAnnotation(CommandBody.class).required(), bindingContext, exchange)
                    .map(Optional::of).defaultIfEmpty(Optional.empty()).cache();
        });
    }

    private static MethodParameter bodyParameter(MethodParameter parameter) {
        if (parameter.hasParameterAnnotation(CommandBody.class)) {
            return parameter;
        }
        Executable handler = parameter.getExecutable();
        for (int i = 0; i < handler.getParameterCount(); i++) {
            MethodParameter other = SynthesizingMethodParameter.forExecutable(handler, i);
            if (other.hasParameterAnnotation(RequestBody.class)) {
                // A @RequestBody would be read elsewhere, and silently left out of the fingerprint.
                throw new IllegalStateException(handler + " takes a CommandMeta, so its body is a @CommandBody");
            }
            if (other.hasParameterAnnotation(CommandBody.class)) {
                return other;
            }
        }
        return null;
    }
}

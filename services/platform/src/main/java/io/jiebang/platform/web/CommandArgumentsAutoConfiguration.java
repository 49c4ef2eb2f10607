package io.jiebang.platform.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/** Lets every service's command handlers take their {@code CommandMeta} and {@link CommandBody} as parameters. */
@AutoConfiguration
public class CommandArgumentsAutoConfiguration {

    /**
     * The codecs are looked up only when WebFlux asks for argument resolvers: they are a bean of the very
     * configuration that collects this configurer.
     */
    @Bean
    public WebFluxConfigurer commandArguments(ObjectProvider<ServerCodecConfigurer> codecs, CommandRequests requests) {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CommandArgumentResolver(codecs.getObject().getReaders(), requests));
            }
        };
    }
}

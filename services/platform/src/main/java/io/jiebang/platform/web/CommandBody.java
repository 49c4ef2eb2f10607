package io.jiebang.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The body of a command, read and validated like {@code @RequestBody}. It is its own annotation because the
 * handler's {@link io.jiebang.platform.command.CommandMeta} fingerprints it too, and a body can be read only once:
 * {@link CommandArgumentResolver} reads it for both.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CommandBody {

    /** Whether a request without a body is refused (400), as with {@code @RequestBody}. */
    boolean required() default true;
}

package org.zarrscope.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that starts another process (zarr-python, zarrita on Node, a child JVM, a
 * Micro-Manager installation's MMCore): the slow layer. {@code mvn test -Pfast} runs everything
 * else (but the {@link Exhaustive} matrices): the in-process layer.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("external-process")
public @interface ExternalProcess {
}

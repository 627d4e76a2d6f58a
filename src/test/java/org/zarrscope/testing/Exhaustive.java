package org.zarrscope.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks an in-process test class that checks a whole matrix and takes tens of seconds (every
 * Blosc setting against c-blosc): the full suite runs it, {@code mvn test -Pfast} leaves it out
 * so the fast layer stays a quick check; a smaller part of the same ground is covered there by
 * the round trips through Zarrscope's own reader.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("exhaustive")
public @interface Exhaustive {
}

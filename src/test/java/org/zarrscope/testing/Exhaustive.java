package org.zarrscope.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that checks a whole matrix (every Blosc setting against c-blosc) or one very
 * large case (an OME-TIFF run past 4 GB) and takes tens of seconds: the full suite runs it,
 * {@code mvn test -Pfast} leaves it out so the fast layer stays a quick check; a smaller part of
 * the same ground is covered there by the round trips through Zarrscope's own reader.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("exhaustive")
public @interface Exhaustive {
}

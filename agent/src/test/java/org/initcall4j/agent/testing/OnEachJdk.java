package org.initcall4j.agent.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A test run once on each JDK of {@link Jdks#names()}; the method takes the name, and
 * {@link Jdks#home(String)} gives its home (or skips the run when that JDK is not installed).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest
@MethodSource("org.initcall4j.agent.testing.Jdks#names")
public @interface OnEachJdk {}

package io.aiops.catalog.step.io;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an option (a {@code Path} or path {@code String}) as a place the step writes. {@code StepCommandLine}
 * checks every marked option with {@link OutputLocations} after parsing and before the command runs, so an
 * unwritable output is exit 2 before the first side effect, not exit 1 after the work is done.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Output {
  Kind value() default Kind.DIRECTORY;

  enum Kind {
    /** A directory the step creates when missing and writes files into. */
    DIRECTORY,
    /** A file the step creates or replaces (its directory is created when missing). */
    FILE
  }
}

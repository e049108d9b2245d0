package org.hpcmfa.keycloak.it.prerequisites;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that needs root or Debian packages. Where they are missing the class is skipped and named in the
 * one line {@link SkippedPrerequisites} prints at the end of the run; under CI ({@code CI=true}) or as
 * root, a missing prerequisite fails the class instead, so CI never skips anything. A subclass adds to what its
 * superclasses need.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(PrerequisitesCondition.class)
public @interface Needs {

    Prerequisite[] value();
}

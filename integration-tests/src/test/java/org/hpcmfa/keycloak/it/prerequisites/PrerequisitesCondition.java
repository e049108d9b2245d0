package org.hpcmfa.keycloak.it.prerequisites;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Evaluates {@link Needs} before anything of the class runs, so a skipped class does not even start Keycloak. */
public final class PrerequisitesCondition implements ExecutionCondition {

    /** How to run everything; the skip line and the failures name it. */
    public static final String RUN_EVERYTHING = "sudo .ci/run";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() || context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("checked for the class");
        }
        Class<?> testClass = context.getTestClass().get();
        List<Prerequisite> missing = Prerequisite.missing(needs(testClass));
        ConditionEvaluationResult result = decide(testClass.getSimpleName(), missing, mustRunEverything());
        if (result.isDisabled()) {
            SkippedPrerequisites.record(testClass.getSimpleName(), missing);
            // Closed when the whole run ends: the one summary line comes after every class, skipped or not.
            context.getRoot().getStore(ExtensionContext.Namespace.create(PrerequisitesCondition.class))
                    .getOrComputeIfAbsent(SkippedPrerequisites.class, k -> new SkippedPrerequisites.Summary());
        }
        return result;
    }

    /** Runs, skips, or (when everything must run) fails a class that lacks {@code missing}. */
    static ConditionEvaluationResult decide(String testClass, List<Prerequisite> missing, boolean mustRunEverything) {
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("prerequisites present");
        }
        String what = missing.stream().map(p -> p.remedy).collect(Collectors.joining(", "));
        if (mustRunEverything) {
            throw new IllegalStateException(testClass + " needs " + what + ", which this machine lacks; CI "
                    + "(CI=true) and root runs must run every test: " + RUN_EVERYTHING + " installs the packages");
        }
        return ConditionEvaluationResult.disabled("needs " + what + " (run everything with " + RUN_EVERYTHING + ")");
    }

    /** Everything the class and its superclasses declare. */
    static List<Prerequisite> needs(Class<?> testClass) {
        Set<Prerequisite> needed = new LinkedHashSet<>();
        for (Class<?> c = testClass; c != null; c = c.getSuperclass()) {
            Needs needs = c.getDeclaredAnnotation(Needs.class);
            if (needs != null) {
                needed.addAll(List.of(needs.value()));
            }
        }
        return new ArrayList<>(needed);
    }

    /** CI sets {@code CI=true}; root has every permission, so a missing package there is a set-up error. */
    static boolean mustRunEverything() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Prerequisite.ROOT.present();
    }
}

package org.hpcmfa.keycloak.common.selfservice;

import java.util.Map;

/**
 * What the person sees after a step of a {@link FactorEnrolment}: JSON fields for the CLI ({@code otpauthUri},
 * {@code secret}, {@code sentTo}, {@code credentialId}, ...) and whether the set-up is complete.
 */
public record EnrolmentStep(boolean complete, Map<String, Object> shown) {

    public EnrolmentStep {
        shown = Map.copyOf(shown);
    }

    public static EnrolmentStep pending(Map<String, Object> shown) {
        return new EnrolmentStep(false, shown);
    }

    public static EnrolmentStep complete(Map<String, Object> shown) {
        return new EnrolmentStep(true, shown);
    }
}

package org.hpcmfa.keycloak.common.selfservice;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * A second factor a person sets up from the terminal ({@code mfa mk METHOD}) through the pack's account API, in two
 * steps: {@link #begin} (make a secret, or send a code to the address or phone being verified) and {@link #confirm}
 * (the person's code proves it; the credential is created). Each module that owns a factor implements this, so the
 * account API needs none of their code. Pending state lives only in the request's {@code notes}, which the API keeps
 * in Keycloak's cluster-wide single-use store between the two steps.
 */
public interface FactorEnrolment extends Provider {

    /** The method's name on the command line, upper case: {@code AUTHENTICATOR}, {@code EMAIL}, {@code SMS}. */
    String method();

    /** The credential type the method creates (events, the factor list). */
    String credentialType();

    /** Whether the realm offers the method (e.g. SMS only with a gateway configured). */
    boolean offeredIn(RealmModel realm);

    /**
     * Starts the set-up. Reads the person's parameters (e.g. {@code phone}), keeps what {@link #confirm} needs in
     * {@link EnrolmentRequest#notes()}, and returns what the person must see (an otpauth URI and the key, "a code
     * was sent to +32 4** ** ** 12").
     *
     * @throws EnrolmentRefusal with a stable error code and a clear message when the set-up cannot start
     */
    EnrolmentStep begin(EnrolmentRequest request) throws EnrolmentRefusal;

    /**
     * Finishes the set-up with the person's {@code code}: creates the credential on success.
     *
     * @throws EnrolmentRefusal with a stable error code (e.g. {@code invalid_code}, {@code expired_code})
     */
    EnrolmentStep confirm(EnrolmentRequest request, String code) throws EnrolmentRefusal;

    @Override
    default void close() {
    }
}

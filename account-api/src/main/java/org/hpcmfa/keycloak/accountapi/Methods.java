package org.hpcmfa.keycloak.accountapi;

import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.selfservice.FactorMethods;

/** The methods whose codes the API sends on request, and the method names of credential types (mfa-common's). */
final class Methods {

    static final String AUTHENTICATOR = FactorMethods.AUTHENTICATOR;

    /** Methods whose code is sent on request ({@code POST /codes}), with the credential type that enrols them. */
    static final Map<String, String> SENT_CODES = Map.of(FactorMethods.EMAIL, CredentialTypes.EMAIL_CODE,
            FactorMethods.SMS, CredentialTypes.SMS);

    private Methods() {
    }

    static Optional<String> ofType(String credentialType) {
        return FactorMethods.ofType(credentialType);
    }
}

package org.hpcmfa.keycloak.common.selfservice;

import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.CredentialTypes;

/**
 * The names the terminal {@code mfa} command gives second factors ({@code AUTHENTICATOR}, {@code EMAIL}, ...), by
 * credential type: one vocabulary for the account API's factor list and the removal endpoint's answers.
 */
public final class FactorMethods {

    public static final String AUTHENTICATOR = "AUTHENTICATOR";
    public static final String EMAIL = "EMAIL";
    public static final String SMS = "SMS";

    private static final Map<String, String> BY_TYPE = Map.of(
            CredentialTypes.OTP, AUTHENTICATOR,
            CredentialTypes.EMAIL_CODE, EMAIL,
            CredentialTypes.SMS, SMS,
            CredentialTypes.PUSH, "PUSH",
            CredentialTypes.WEBAUTHN, "SECURITY_KEY",
            CredentialTypes.PASSKEY, "PASSKEY",
            CredentialTypes.RECOVERY_CODES, "RECOVERY_CODES");

    private FactorMethods() {
    }

    /** The method name of a credential type; empty for types that are not second factors (a password). */
    public static Optional<String> ofType(String credentialType) {
        return Optional.ofNullable(BY_TYPE.get(credentialType));
    }
}

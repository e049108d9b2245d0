package org.hpcmfa.keycloak.common.factors;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hpcmfa.keycloak.common.CredentialTypes;

/**
 * What one completed login step proves towards a certificate: a first factor (something only the person knows or
 * holds on its own), a second factor, or an email code (a second factor only where the CA allows it).
 *
 * <p>Steps are recognised by their authenticator id first, because reference categories do not tell factors
 * apart: Keycloak's username-only form, the pack's registration-token form and the password forms all declare
 * "password", and the pack's email code declares "otp". A first factor is therefore only ever one of the named
 * password or passkey steps; second factors of other extensions are recognised by category as a fallback.
 */
public enum LoginFactor {

    PASSWORD("password", Kind.FIRST),
    PASSKEY("passkey", Kind.FIRST),
    /** Proven by the sign request itself (possession of an SSH key the person registered beforehand). */
    REGISTERED_SSH_KEY("registered SSH key", Kind.FIRST),
    TOTP("TOTP", Kind.SECOND),
    PUSH("push", Kind.SECOND),
    /** A code sent to a phone number the person proved at enrolment. */
    SMS_CODE("SMS code", Kind.SECOND),
    SECURITY_KEY("security key", Kind.SECOND),
    RECOVERY_CODE("recovery code", Kind.SECOND),
    EMAIL_CODE("email code", Kind.EMAIL_CODE);

    /** Whether a factor is a first factor, a second factor, or an email code (a second factor by setting). */
    public enum Kind { FIRST, SECOND, EMAIL_CODE }

    /** The pack's one-page password and OTP form: its own OTP check is noted in the user session. */
    public static final String PASSWORD_OTP_FORM = "hpc-password-otp-form";

    /** By authenticator id (the push and email-code authenticators happen to share their credential type's name). */
    private static final Map<String, LoginFactor> BY_AUTHENTICATOR = Map.ofEntries(
            Map.entry("auth-username-password-form", PASSWORD),
            Map.entry("auth-password-form", PASSWORD),
            Map.entry("direct-grant-validate-password", PASSWORD),
            Map.entry(PASSWORD_OTP_FORM, PASSWORD),
            Map.entry("webauthn-authenticator-passwordless", PASSKEY),
            Map.entry("auth-otp-form", TOTP),
            Map.entry("auth-conditional-otp-form", TOTP),
            Map.entry("direct-grant-validate-otp", TOTP),
            Map.entry("hpc-push", PUSH), // authenticator id
            Map.entry("webauthn-authenticator", SECURITY_KEY),
            Map.entry("auth-recovery-authn-code-form", RECOVERY_CODE),
            Map.entry("hpc-recovery-code", RECOVERY_CODE), // the pack's any-order recovery-code form
            Map.entry("hpc-direct-grant-recovery-code", RECOVERY_CODE), // the same codes in a direct grant
            Map.entry("hpc-email-otp", EMAIL_CODE), // authenticator id
            Map.entry("hpc-sms", SMS_CODE)); // authenticator id

    /**
     * Steps that prove nothing for a certificate although their category says "password" or "otp": the username
     * alone, and the registration-token form (a one-time bootstrap secret, or a single code without a password).
     */
    private static final Set<String> NOTHING = Set.of("auth-username-form",
            "hpc-registration-token-form", "auth-cookie", "identity-provider-redirector", "passkeys-authenticator");

    /** Keycloak's reference category of an authenticator is the credential type it checks. */
    private static final Map<String, LoginFactor> SECOND_BY_CATEGORY = Map.of(
            CredentialTypes.OTP, TOTP,
            CredentialTypes.PUSH, PUSH,
            CredentialTypes.WEBAUTHN, SECURITY_KEY,
            CredentialTypes.RECOVERY_CODES, RECOVERY_CODE);

    /** Second factors the pack's password-and-OTP form may note in the user session, by credential type. */
    private static final Map<String, LoginFactor> BY_CREDENTIAL_TYPE = Map.of(
            CredentialTypes.OTP, TOTP,
            "totp", TOTP, // the OTP credential's sub-type, as some forms note it
            CredentialTypes.RECOVERY_CODES, RECOVERY_CODE,
            CredentialTypes.PUSH, PUSH,
            CredentialTypes.SMS, SMS_CODE,
            CredentialTypes.WEBAUTHN, SECURITY_KEY);

    private final String label;
    private final Kind kind;

    LoginFactor(String label, Kind kind) {
        this.label = label;
        this.kind = kind;
    }

    /** How refusals and events name the factor. */
    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** The factor a completed step of this authenticator proves; empty when it proves none. */
    public static Optional<LoginFactor> ofStep(String authenticatorId, String referenceCategory) {
        if (authenticatorId == null || NOTHING.contains(authenticatorId)) {
            return Optional.empty();
        }
        LoginFactor known = BY_AUTHENTICATOR.get(authenticatorId);
        if (known != null) {
            return Optional.of(known);
        }
        return Optional.ofNullable(referenceCategory == null ? null : SECOND_BY_CATEGORY.get(referenceCategory));
    }

    /** The second factor a credential type names (the note of the password-and-OTP form); empty if unknown. */
    public static Optional<LoginFactor> ofCredentialType(String credentialType) {
        return Optional.ofNullable(credentialType == null ? null : BY_CREDENTIAL_TYPE.get(credentialType.trim()));
    }
}

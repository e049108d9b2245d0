package org.hpcmfa.keycloak.common;

/**
 * The credential types the pack stores or reads, named once. The pack's own types are contracts with stored data
 * (a rename would orphan every enrolled credential), so they never change; Keycloak's own types are repeated here
 * so that modules compare against one vocabulary.
 */
public final class CredentialTypes {

    /** A phone enrolled with the privacyIDEA Authenticator app (push approvals). */
    public static final String PUSH = "hpc-push";
    /** A person's opt-in to email codes: it stores no secret, only the choice. */
    public static final String EMAIL_CODE = "hpc-email-otp";
    /** A phone number proven at enrolment, to which SMS codes are sent (module authenticator-sms). */
    public static final String SMS = "hpc-sms";
    /** A one-time registration token for the first login, hashed. */
    public static final String REGISTRATION_TOKEN = "registration-token";
    /** An SSH public key a person registered for certificates and, optionally, as a first factor. */
    public static final String SSH_KEY = "hpc-ssh-key";

    /** Keycloak's TOTP/HOTP credential. */
    public static final String OTP = "otp";
    /** Keycloak's password credential. */
    public static final String PASSWORD = "password";
    /** Keycloak's security key (two-factor WebAuthn). */
    public static final String WEBAUTHN = "webauthn";
    /** Keycloak's passkey (passwordless WebAuthn). */
    public static final String PASSKEY = "webauthn-passwordless";
    /** Keycloak's recovery codes. */
    public static final String RECOVERY_CODES = "recovery-authn-codes";

    private CredentialTypes() {
    }
}

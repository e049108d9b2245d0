package org.hpcmfa.keycloak.registrationtoken;

import static org.hpcmfa.keycloak.common.events.EventErrors.Capability.REGISTRATION_TOKEN;

/**
 * What the module writes into Keycloak events. Issuing is an UPDATE_CREDENTIAL event of the user (with the
 * issuing admin's id) plus an admin event; use and rejection are details and errors of LOGIN events. No event
 * contains a token. Error names follow mfa-common's {@link org.hpcmfa.keycloak.common.events.EventErrors} scheme.
 */
public final class RegistrationTokenEvents {

    public static final String ACTION = "registration_token";
    public static final String ISSUED_BY = "issued_by";
    public static final String EXPIRES_AT = "expires_at";

    public static final String ISSUED = "issued";
    public static final String USED = "used";
    /** Logged in with the token, which stays valid until the enrolment (realm option). */
    public static final String USED_KEPT = "used_kept_until_enrolment";
    public static final String CONSUMED_AT_ENROLMENT = "consumed_at_enrolment";

    public static final String ERROR_EXPIRED = REGISTRATION_TOKEN.error("expired");
    public static final String ERROR_ALREADY_USED = REGISTRATION_TOKEN.error("already_used");
    public static final String ERROR_ENROLMENT_UNAVAILABLE = REGISTRATION_TOKEN.error("enrolment_not_enabled");

    private RegistrationTokenEvents() {
    }
}

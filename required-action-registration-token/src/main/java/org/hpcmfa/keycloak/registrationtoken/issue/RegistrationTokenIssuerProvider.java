package org.hpcmfa.keycloak.registrationtoken.issue;

import java.net.URI;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.enrolment.EnrolmentTokenIssuer;
import org.hpcmfa.keycloak.common.enrolment.EnrolmentTokenIssuerFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * This module's answer to mfa-common's {@link EnrolmentTokenIssuer} SPI (provider "registration-token"): the
 * lost-phone reset of account-recovery issues the fresh token through it, with the same settings, mail and events
 * as the registration-token endpoint.
 */
public class RegistrationTokenIssuerProvider implements EnrolmentTokenIssuer, EnrolmentTokenIssuerFactory {

    public static final String ID = CredentialTypes.REGISTRATION_TOKEN;

    @Override
    public Issued issue(KeycloakSession session, RealmModel realm, UserModel user, String issuedBy, boolean mail,
            URI baseUri) throws MailFailed {
        return RegistrationTokenIssuer.issue(session, realm, user, issuedBy, mail, baseUri);
    }

    @Override
    public EnrolmentTokenIssuer create(KeycloakSession session) {
        return this;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void close() {
    }
}

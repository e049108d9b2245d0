package org.hpcmfa.keycloak.registrationtoken.issue;

import java.net.URI;

import org.hpcmfa.keycloak.common.Failures;
import org.hpcmfa.keycloak.common.SecretHash;
import org.hpcmfa.keycloak.common.enrolment.EnrolmentTokenIssuer.Issued;
import org.hpcmfa.keycloak.common.enrolment.EnrolmentTokenIssuer.MailFailed;
import org.hpcmfa.keycloak.common.enrolment.EnrolmentTokenIssuer;
import org.hpcmfa.keycloak.registrationtoken.RegistrationTokenEvents;
import org.hpcmfa.keycloak.registrationtoken.config.RegistrationTokenSettings;
import org.hpcmfa.keycloak.registrationtoken.credential.RegistrationTokenCredentialModel;
import org.hpcmfa.keycloak.registrationtoken.credential.RegistrationTokenCredentialProvider;
import org.hpcmfa.keycloak.registrationtoken.token.RegistrationTokens;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.email.EmailException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Issues (or re-issues) a user's registration token and, if asked, mails it. Runs inside the caller's
 * transaction: when the mail fails the caller rolls back, so the user's earlier token stays as it was. Other modules
 * reach it through mfa-common's {@link EnrolmentTokenIssuer} SPI ({@link RegistrationTokenIssuerProvider}).
 */
public final class RegistrationTokenIssuer {

    private RegistrationTokenIssuer() {
    }

    /**
     * @param baseUri Keycloak's base URI as the user reaches it, for the portal link in the mail; taken from
     *                the request that triggered the issuing (background transactions have no request).
     */
    public static Issued issue(KeycloakSession session, RealmModel realm, UserModel user, String issuedBy,
            boolean sendEmail, URI baseUri) throws MailFailed {
        RegistrationTokenSettings settings = RegistrationTokenSettings.of(realm);
        long now = Time.currentTime();
        long expiresAt = now + settings.tokenValiditySeconds();
        String token = RegistrationTokens.generate();
        RegistrationTokenCredentialModel credential = RegistrationTokenCredentialModel.createNew(
                SecretHash.hash(RegistrationTokens.normalize(token)), expiresAt, issuedBy, now);
        provider(session).createCredential(realm, user, credential);

        if (sendEmail) {
            try {
                RegistrationTokenMailer.send(session, realm, user, token, expiresAt,
                        settings.portalUrl(baseUri, realm));
            } catch (EmailException | RuntimeException e) {
                event(session, realm, user, issuedBy, expiresAt).error(Errors.EMAIL_SEND_FAILED);
                throw new MailFailed("The registration email to " + user.getEmail() + " could not be sent: "
                        + Failures.rootMessage(e), e);
            }
        }
        event(session, realm, user, issuedBy, expiresAt).success();
        return new Issued(token, expiresAt);
    }

    public static RegistrationTokenCredentialProvider provider(KeycloakSession session) {
        return (RegistrationTokenCredentialProvider) session.getProvider(CredentialProvider.class,
                RegistrationTokenCredentialModel.TYPE);
    }

    private static EventBuilder event(KeycloakSession session, RealmModel realm, UserModel user, String issuedBy,
            long expiresAt) {
        return new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.UPDATE_CREDENTIAL)
                .user(user)
                .detail(Details.USERNAME, user.getUsername())
                .detail(Details.CREDENTIAL_TYPE, RegistrationTokenCredentialModel.TYPE)
                .detail(RegistrationTokenEvents.ACTION, RegistrationTokenEvents.ISSUED)
                .detail(RegistrationTokenEvents.ISSUED_BY, issuedBy)
                .detail(RegistrationTokenEvents.EXPIRES_AT, String.valueOf(expiresAt));
    }

}

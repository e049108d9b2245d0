package org.hpcmfa.keycloak.emailotp.sending;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.codes.CodeChannel;
import org.hpcmfa.keycloak.common.codes.CodeRules;
import org.hpcmfa.keycloak.common.codes.DeliveryFailure;
import org.hpcmfa.keycloak.common.events.EventErrors.Capability;
import org.hpcmfa.keycloak.emailotp.EmailCodeEvents;
import org.keycloak.email.EmailException;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Email codes as a {@link CodeChannel}: mailed through the realm's SMTP settings and email theme; each send is a
 * SEND_VERIFY_EMAIL(_ERROR) event naming the address. {@code event} is the event of the login or request the send
 * belongs to.
 */
public final class EmailCodeChannel implements CodeChannel {

    /** Store keys and notes: unchanged since the first release, so limits survive an upgrade. */
    public static final String KEY_PREFIX = CredentialTypes.EMAIL_CODE;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final EventBuilder event;

    public EmailCodeChannel(KeycloakSession session, RealmModel realm, UserModel user, EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.event = event;
    }

    @Override
    public String keyPrefix() {
        return KEY_PREFIX;
    }

    @Override
    public Capability capability() {
        return Capability.EMAIL_CODE;
    }

    @Override
    public String noun() {
        return "email";
    }

    @Override
    public EventBuilder sendEvent() {
        return event.clone()
                .event(EventType.SEND_VERIFY_EMAIL)
                .user(user)
                .detail(EmailCodeEvents.CREDENTIAL_TYPE, EmailCodeEvents.TYPE)
                .detail(EmailCodeEvents.EMAIL, user.getEmail());
    }

    @Override
    public String sendFailedError() {
        return Errors.EMAIL_SEND_FAILED;
    }

    @Override
    public void deliver(String code, CodeRules rules) throws DeliveryFailure {
        try {
            EmailCodeMailer.send(session, realm, user, code, rules.codeTtlMinutes());
        } catch (EmailException e) {
            // The server log gets the cause; the event keeps Keycloak's email_send_failed alone, as before.
            throw new DeliveryFailure(null, e);
        }
    }
}

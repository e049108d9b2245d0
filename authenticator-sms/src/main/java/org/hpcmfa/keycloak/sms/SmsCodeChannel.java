package org.hpcmfa.keycloak.sms;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.codes.CodeChannel;
import org.hpcmfa.keycloak.common.codes.CodeRules;
import org.hpcmfa.keycloak.common.codes.DeliveryFailure;
import org.hpcmfa.keycloak.common.events.EventErrors.Capability;
import org.hpcmfa.keycloak.sms.config.SmsConfig;
import org.hpcmfa.keycloak.sms.gateway.SmsGateway;
import org.hpcmfa.keycloak.sms.gateway.SmsMessage;
import org.hpcmfa.keycloak.sms.phone.PhoneNumber;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * SMS codes as a {@link CodeChannel}: the text in the person's language (login theme message
 * {@code authenticator-sms.smsText}) through the realm's gateway. Sends belong to the event of the step that asks
 * (the login, the set-up), so a delivered text writes no event of its own; refusals and failures do.
 */
public final class SmsCodeChannel implements CodeChannel {

    public static final String KEY_PREFIX = CredentialTypes.SMS;
    static final String TEXT_KEY = "authenticator-sms.smsText";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final PhoneNumber phone;
    private final SmsConfig config;
    private final EventBuilder event;

    public SmsCodeChannel(KeycloakSession session, RealmModel realm, UserModel user, PhoneNumber phone, SmsConfig config,
            EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.phone = phone;
        this.config = config;
        this.event = event;
    }

    @Override
    public String keyPrefix() {
        return KEY_PREFIX;
    }

    @Override
    public Capability capability() {
        return Capability.SMS_CODE;
    }

    @Override
    public String noun() {
        return "SMS";
    }

    @Override
    public EventBuilder sendEvent() {
        return event.clone().user(user).detail(Details.CREDENTIAL_TYPE, SmsEvents.TYPE)
                .detail(SmsEvents.PHONE, phone.masked());
    }

    @Override
    public String sendFailedError() {
        return SmsEvents.ERROR_SEND_FAILED;
    }

    @Override
    public void deliver(String code, CodeRules rules) throws DeliveryFailure {
        SmsGateway gateway = config.hasGateway() ? session.getProvider(SmsGateway.class, config.gateway()) : null;
        if (gateway == null) {
            throw new DeliveryFailure("no SMS gateway configured", null);
        }
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        gateway.send(new SmsMessage(phone.e164(), text(code, rules.codeTtlMinutes(), realmName), code, realmName),
                config.settings());
    }

    @Override
    public void recordSent(EventBuilder sent) {
        // The step's own event (the login, the set-up) records the outcome.
    }

    private String text(String code, int minutes, String realmName) {
        String pattern = "{0} is your {2} login code. It is valid for {1} minutes.";
        try {
            Locale locale = session.getContext().resolveLocale(user);
            Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getMessages(locale);
            pattern = messages.getProperty(TEXT_KEY, pattern);
        } catch (IOException | RuntimeException themeUnavailable) {
            // The English text above: a missing theme must not cost the person their code.
        }
        return new MessageFormat(pattern).format(new Object[] {code, String.valueOf(minutes), realmName});
    }
}

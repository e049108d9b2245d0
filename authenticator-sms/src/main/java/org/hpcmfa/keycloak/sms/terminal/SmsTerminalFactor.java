package org.hpcmfa.keycloak.sms.terminal;

import org.hpcmfa.keycloak.common.codes.CodeChannel;
import org.hpcmfa.keycloak.common.codes.CodeRules;
import org.hpcmfa.keycloak.common.codes.CodeTerminalFactor;
import org.hpcmfa.keycloak.common.terminal.TerminalLogin;
import org.hpcmfa.keycloak.sms.SmsAuthenticatorFactory;
import org.hpcmfa.keycloak.sms.SmsCodeChannel;
import org.hpcmfa.keycloak.sms.SmsEvents;
import org.hpcmfa.keycloak.sms.config.SmsSettings;
import org.hpcmfa.keycloak.sms.credential.SmsCredentialProvider;
import org.hpcmfa.keycloak.sms.phone.PhoneNumber;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;

/**
 * SMS code at the SSH prompt: offered where the realm's terminal flow contains an enabled SMS execution, to people
 * with a proven phone; texted when the prompt is shown, with the rules of every sent code.
 */
public class SmsTerminalFactor extends CodeTerminalFactor {

    @Override
    public String authenticatorId() {
        return SmsAuthenticatorFactory.PROVIDER_ID;
    }

    @Override
    public String credentialType() {
        return SmsEvents.TYPE;
    }

    @Override
    public boolean offeredByDefault() {
        // Texts cost money and reach a phone at every prompt: only where the admin put SMS in the terminal flow.
        return false;
    }

    @Override
    public boolean usableBy(TerminalLogin login) {
        return SmsCredentialProvider.phoneOf(login.user()).isPresent();
    }

    @Override
    protected CodeChannel channel(TerminalLogin login) {
        PhoneNumber phone = SmsCredentialProvider.phoneOf(login.user()).orElseThrow();
        EventBuilder event = new EventBuilder(login.realm(), login.session(), login.session().getContext().getConnection())
                .event(EventType.LOGIN);
        return new SmsCodeChannel(login.session(), login.realm(), login.user(), phone,
                SmsSettings.forExecution(login.realm(), login.config()), event);
    }

    @Override
    protected CodeRules rules(TerminalLogin login) {
        return SmsSettings.forExecution(login.realm(), login.config()).rules();
    }

    @Override
    protected String sentTo(TerminalLogin login) {
        return SmsCredentialProvider.phoneOf(login.user()).map(PhoneNumber::masked).orElse("");
    }

    @Override
    protected String messagePrefix() {
        return "authenticator-sms";
    }
}

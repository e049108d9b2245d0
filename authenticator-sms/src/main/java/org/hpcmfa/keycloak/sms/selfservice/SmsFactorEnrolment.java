package org.hpcmfa.keycloak.sms.selfservice;

import java.util.Map;
import java.util.Optional;

import org.hpcmfa.keycloak.common.codes.CodeEnrolment;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentRefusal;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentRequest;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentStep;
import org.hpcmfa.keycloak.common.selfservice.FactorEnrolment;
import org.hpcmfa.keycloak.sms.SmsCodeChannel;
import org.hpcmfa.keycloak.sms.config.SmsConfig;
import org.hpcmfa.keycloak.sms.config.SmsSettings;
import org.hpcmfa.keycloak.sms.credential.SmsCredentialProvider;
import org.hpcmfa.keycloak.sms.phone.PhoneNumber;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.RealmModel;

/**
 * {@code mfa mk SMS --phone +32...}: the number (E.164) is kept in the set-up's notes, a code is texted to it, and
 * the code typed back creates the phone credential (replacing an earlier phone). Offered only where a gateway is
 * configured.
 */
public class SmsFactorEnrolment implements FactorEnrolment {

    public static final String METHOD = "SMS";
    public static final String PARAM_PHONE = "phone";
    static final String NOTE_PHONE = "hpc-sms.enrolment.phone";

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public String credentialType() {
        return SmsCredentialProvider.TYPE;
    }

    @Override
    public boolean offeredIn(RealmModel realm) {
        return SmsSettings.ofRealm(realm).isPresent();
    }

    @Override
    public EnrolmentStep begin(EnrolmentRequest request) throws EnrolmentRefusal {
        if (!offeredIn(request.realm())) {
            throw new EnrolmentRefusal(400, "method_not_offered", "This realm does not send SMS codes.");
        }
        PhoneNumber phone = PhoneNumber.parse(request.parameters().get(PARAM_PHONE)).orElseThrow(() ->
                new EnrolmentRefusal(400, "invalid_phone",
                        "Give the phone number in international form, with + and the country code, e.g. +32 470 12 34 56."));
        request.notes().put(NOTE_PHONE, phone.e164());
        SmsConfig config = SmsSettings.forSetup(request.realm());
        return CodeEnrolment.begin(request, config.rules(), channel(request, phone, config), phone.masked());
    }

    @Override
    public EnrolmentStep confirm(EnrolmentRequest request, String code) throws EnrolmentRefusal {
        Optional<PhoneNumber> phone = PhoneNumber.parse(request.notes().get(NOTE_PHONE));
        if (phone.isEmpty()) {
            throw new EnrolmentRefusal(400, "expired_enrolment", "This set-up has no phone number: start it again.");
        }
        SmsConfig config = SmsSettings.forSetup(request.realm());
        CodeEnrolment.confirm(request, config.rules(), channel(request, phone.get(), config), code);
        CredentialModel credential = new SmsCredentialProvider(request.session())
                .enrol(request.realm(), request.user(), phone.get());
        request.notes().remove(NOTE_PHONE);
        return EnrolmentStep.complete(Map.of("credentialId", credential.getId(), "sentTo", phone.get().masked()));
    }

    private static SmsCodeChannel channel(EnrolmentRequest request, PhoneNumber phone, SmsConfig config) {
        EventBuilder event = new EventBuilder(request.realm(), request.session(), request.session().getContext().getConnection())
                .event(EventType.UPDATE_CREDENTIAL);
        return new SmsCodeChannel(request.session(), request.realm(), request.user(), phone, config, event);
    }
}

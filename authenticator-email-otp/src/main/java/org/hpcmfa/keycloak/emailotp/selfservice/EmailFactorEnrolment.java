package org.hpcmfa.keycloak.emailotp.selfservice;

import java.util.Map;

import org.hpcmfa.keycloak.common.codes.CodeEnrolment;
import org.hpcmfa.keycloak.common.factors.EmailAddresses;
import org.hpcmfa.keycloak.common.factors.EmailCodes;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentRefusal;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentRequest;
import org.hpcmfa.keycloak.common.selfservice.EnrolmentStep;
import org.hpcmfa.keycloak.common.selfservice.FactorEnrolment;
import org.hpcmfa.keycloak.emailotp.EmailEligibility;
import org.hpcmfa.keycloak.emailotp.config.EmailCodeConfig;
import org.hpcmfa.keycloak.emailotp.credential.EmailCodeCredentialProvider;
import org.hpcmfa.keycloak.emailotp.sending.EmailCodeChannel;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code mfa mk EMAIL}: a code goes to the account's address; the code typed back proves the address, which is then
 * marked verified, and the person's opt-in to email codes is stored (one credential, kept if it exists). The address
 * itself is changed only through the profile, never here.
 */
public class EmailFactorEnrolment implements FactorEnrolment {

    public static final String METHOD = "EMAIL";

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public String credentialType() {
        return EmailCodeCredentialProvider.TYPE;
    }

    @Override
    public boolean offeredIn(RealmModel realm) {
        return EmailCodes.usedInRealm(realm);
    }

    @Override
    public EnrolmentStep begin(EnrolmentRequest request) throws EnrolmentRefusal {
        UserModel user = request.user();
        EmailCodeConfig config = EmailEligibility.realmSettings(request.realm());
        String email = user.getEmail();
        if (email == null || email.isBlank()) {
            throw new EnrolmentRefusal(400, "no_email", "Your account has no email address. Add one to your profile first.");
        }
        if (!config.allowedDomains().isEmpty() && !EmailEligibility.domainAllowed(email, config.allowedDomains())) {
            throw new EnrolmentRefusal(400, "address_not_allowed",
                    "Codes are not sent to addresses in your address's domain. Use another method.");
        }
        return CodeEnrolment.begin(request, config.rules(), channel(request), EmailAddresses.masked(email));
    }

    @Override
    public EnrolmentStep confirm(EnrolmentRequest request, String code) throws EnrolmentRefusal {
        EmailCodeConfig config = EmailEligibility.realmSettings(request.realm());
        CodeEnrolment.confirm(request, config.rules(), channel(request), code);
        UserModel user = request.user();
        // The code reached the address and came back: the person controls it.
        user.setEmailVerified(true);
        CredentialModel optIn = user.credentialManager().getStoredCredentialsByTypeStream(EmailCodeCredentialProvider.TYPE)
                .findFirst().orElseGet(() -> create(request, user));
        return EnrolmentStep.complete(Map.of("credentialId", optIn.getId(), "sentTo",
                EmailAddresses.masked(user.getEmail())));
    }

    private static CredentialModel create(EnrolmentRequest request, UserModel user) {
        CredentialModel model = new CredentialModel();
        model.setType(EmailCodeCredentialProvider.TYPE);
        model.setUserLabel(user.getEmail());
        model.setCreatedDate(Time.currentTimeMillis());
        model.setCredentialData("{}");
        model.setSecretData("{}");
        return new EmailCodeCredentialProvider(request.session()).createCredential(request.realm(), user, model);
    }

    private static EmailCodeChannel channel(EnrolmentRequest request) {
        return new EmailCodeChannel(request.session(), request.realm(), request.user(),
                new EventBuilder(request.realm(), request.session(), request.session().getContext().getConnection()));
    }
}

package org.hpcmfa.keycloak.registrationtoken.enrol;

import java.util.List;

import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.CredentialTypes;
import org.hpcmfa.keycloak.common.factors.PermanentFactors;
import org.hpcmfa.keycloak.registrationtoken.RegistrationTokenEvents;
import org.hpcmfa.keycloak.registrationtoken.config.RegistrationTokenSettings;
import org.hpcmfa.keycloak.registrationtoken.credential.RegistrationTokenCredentialModel;
import org.hpcmfa.keycloak.registrationtoken.issue.RegistrationTokenIssuer;
import org.hpcmfa.keycloak.registrationtoken.token.TokenRedemption;
import org.keycloak.Config;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Enrol your second factor": after a registration-token login the user cannot reach any application before a
 * permanent factor is enrolled. Steps, remembered in the authentication session: choose a factor (skipped when
 * only TOTP is available), set it up with its own required action (Keycloak's TOTP page is reused as it is),
 * recovery codes when the realm enables them, then a page suggesting a second factor. It offers no cancel.
 */
public class EnrolSecondFactorAction implements RequiredActionProvider, RequiredActionFactory {

    public static final String ID = RegistrationTokenSettings.REQUIRED_ACTION_ID;

    static final String NOTE_STEP = "hpc-enrol.step";
    static final String STEP_CHOOSE = "choose";
    static final String STEP_FACTOR = "factor:";
    static final String STEP_RECOVERY = "recovery";
    static final String STEP_SUGGEST = "suggest";

    static final String TEMPLATE_CHOOSE = "hpc-enrol-choose.ftl";
    static final String TEMPLATE_DONE = "hpc-enrol-done.ftl";

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        String step = context.getAuthenticationSession().getAuthNote(NOTE_STEP);
        if (step == null) {
            begin(context);
        } else if (step.startsWith(STEP_FACTOR)) {
            challengeWith(context, step.substring(STEP_FACTOR.length()));
        } else if (STEP_RECOVERY.equals(step)) {
            challengeWith(context, EnrolmentFactors.recoveryCodes(context.getSession(), context.getRealm()));
        } else if (STEP_SUGGEST.equals(step)) {
            context.challenge(donePage(context));
        } else {
            context.challenge(choosePage(context, null));
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        String step = context.getAuthenticationSession().getAuthNote(NOTE_STEP);
        if (step == null) {
            begin(context);
        } else if (STEP_CHOOSE.equals(step)) {
            String factor = context.getHttpRequest().getDecodedFormParameters().getFirst("factor");
            if (factor == null || !EnrolmentFactors.available(context.getSession(), context.getRealm()).contains(factor)) {
                context.challenge(choosePage(context, "required-action-registration-token.chooseFactor"));
            } else {
                startFactor(context, factor);
            }
        } else if (step.startsWith(STEP_FACTOR)) {
            RequiredActionProvider factor = EnrolmentFactors.provider(context.getSession(), step.substring(STEP_FACTOR.length()));
            if (!DelegatedAction.process(factor, context)) {
                return; // the delegate answered itself, e.g. "invalid code" on Keycloak's TOTP page
            }
            if (PermanentFactors.hasAny(context.getUser())) {
                // The delegate's own event, as Keycloak would have sent it on its success.
                context.getEvent().clone().success();
                afterFactor(context);
            } else {
                context.getAuthenticationSession().setAuthNote(NOTE_STEP, STEP_CHOOSE);
                context.challenge(choosePage(context, "required-action-registration-token.chooseFactor"));
            }
        } else if (STEP_RECOVERY.equals(step)) {
            if (DelegatedAction.process(EnrolmentFactors.provider(context.getSession(),
                    EnrolmentFactors.recoveryCodes(context.getSession(), context.getRealm())), context)) {
                context.getEvent().clone().success();
                afterRecoveryCodes(context);
            }
        } else {
            finish(context);
        }
    }

    private void begin(RequiredActionContext context) {
        if (PermanentFactors.hasAny(context.getUser())) {
            afterFactor(context);
            return;
        }
        List<String> factors = EnrolmentFactors.available(context.getSession(), context.getRealm());
        if (factors.size() == 1) {
            startFactor(context, factors.get(0));
        } else {
            context.getAuthenticationSession().setAuthNote(NOTE_STEP, STEP_CHOOSE);
            context.challenge(choosePage(context, null));
        }
    }

    private void startFactor(RequiredActionContext context, String factor) {
        context.getAuthenticationSession().setAuthNote(NOTE_STEP, STEP_FACTOR + factor);
        challengeWith(context, factor);
    }

    /**
     * The delegate's page. Keycloak's own pages link to themselves under their own action id (the TOTP page's
     * "Unable to scan?" link names {@code execution=CONFIGURE_TOTP}); Keycloak lets such a link through only if
     * that id was challenged in this login, and then hands it back to this action, the current one. Without the
     * mark the person who cannot scan the QR code would land on "Page has expired".
     */
    private static void challengeWith(RequiredActionContext context, String actionId) {
        context.getAuthenticationSession().setExecutionStatus(actionId,
                AuthenticationSessionModel.ExecutionStatus.CHALLENGED);
        EnrolmentFactors.provider(context.getSession(), actionId).requiredActionChallenge(context);
    }

    /** A permanent factor exists: spend a token that was kept for this moment, then recovery codes. */
    private void afterFactor(RequiredActionContext context) {
        UserModel user = context.getUser();
        KeycloakSession session = context.getSession();
        TokenRedemption redemption = new TokenRedemption(session, RegistrationTokenIssuer.provider(session));
        if (redemption.spend(user, Time.currentTime())) {
            context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL)
                    .detail(Details.CREDENTIAL_TYPE, RegistrationTokenCredentialModel.TYPE)
                    .detail(RegistrationTokenEvents.ACTION, RegistrationTokenEvents.CONSUMED_AT_ENROLMENT)
                    .success();
        }
        boolean hasCodes = user.credentialManager().getStoredCredentialsByTypeStream(
                CredentialTypes.RECOVERY_CODES).findAny().isPresent();
        if (!hasCodes && EnrolmentFactors.recoveryCodesEnabled(session, context.getRealm())) {
            context.getAuthenticationSession().setAuthNote(NOTE_STEP, STEP_RECOVERY);
            challengeWith(context, EnrolmentFactors.recoveryCodes(context.getSession(), context.getRealm()));
            return;
        }
        afterRecoveryCodes(context);
    }

    private void afterRecoveryCodes(RequiredActionContext context) {
        if (RegistrationTokenSettings.of(context.getRealm()).suggestSecondFactor()) {
            context.getAuthenticationSession().setAuthNote(NOTE_STEP, STEP_SUGGEST);
            context.challenge(donePage(context));
        } else {
            finish(context);
        }
    }

    private void finish(RequiredActionContext context) {
        context.getAuthenticationSession().removeAuthNote(NOTE_STEP);
        context.success();
    }

    private Response choosePage(RequiredActionContext context, String error) {
        var form = context.form()
                .setAttribute("enrolFactors", EnrolmentFactors.available(context.getSession(), context.getRealm()))
                .setAttribute("enrolTotpApps", EnrolmentFactors.totpApps(context.getSession(), context.getRealm()));
        if (error != null) {
            form.addError(new FormMessage("factor", error));
        }
        return form.createForm(TEMPLATE_CHOOSE);
    }

    private Response donePage(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        RealmModel realm = context.getRealm();
        String portal = RegistrationTokenSettings.of(realm)
                .portalUrl(context.getSession().getContext().getUri().getBaseUri(), realm);
        return context.form()
                .setAttribute("enrolPortalUrl", portal)
                .setAttribute("enrolClient", authSession.getClient().getClientId())
                .createForm(TEMPLATE_DONE);
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.NOT_SUPPORTED;
    }

    @Override
    public String getDisplayText() {
        return "Enrol your second factor";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return RegistrationTokenSettings.properties();
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RegistrationTokenSettings.validate(model.getConfig() == null ? java.util.Map.of() : model.getConfig());
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}

package org.hpcmfa.keycloak.sshcert.binding;

import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.events.EventErrors;
import org.hpcmfa.keycloak.sshcert.ca.RealmSshCa;
import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OAuth2DeviceCodeModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.grants.device.DeviceGrantType;
import org.keycloak.protocol.oidc.grants.device.endpoints.DeviceEndpoint;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The last step of an SSH device login: after the person proved their factors, a page shows what they are about
 * to approve (client, requesting address, key fingerprint, principals, lifetime). "Approve" binds the login's
 * tokens to that key ({@link BoundKey}); "This was not me" denies the device code (the CLI gets access_denied),
 * records a security event and mails the user. Everything shown comes from the device code and the CA's policy,
 * nothing from the form. Logins that are not device logins of a certificate client pass straight through.
 */
public class KeyReviewAuthenticator implements Authenticator {

    static final String TEMPLATE = "hpc-ssh-key-review.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Pending pending = pending(context);
        if (pending == null) {
            return;
        }
        context.challenge(page(context, pending.review()));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        Pending pending = pending(context);
        if (pending == null) {
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (form.containsKey("not-me")) {
            Response denied = DeviceGrantType.denyOAuth2DeviceAuthorization(authSession,
                    LoginProtocol.Error.CONSENT_DENIED, context.getSession());
            NotMeReport.report(context, pending.review());
            context.forceChallenge(denied);
            return;
        }
        if (!form.containsKey("approve")) {
            context.challenge(page(context, pending.review()));
            return;
        }
        KeyReview review = pending.review();
        if (review.getFingerprint() == null) {
            BoundKey.none(authSession, Time.currentTime());
        } else {
            BoundKey.record(authSession, review.getFingerprint(), review.getTtlSeconds(), Time.currentTime());
            context.getEvent().detail("key_fingerprint", review.getFingerprint());
        }
        context.success();
    }

    private record Pending(KeyReview review) {
    }

    /**
     * The review of this login, or null when the step is already decided (passed through, or refused with a
     * page): not a device login, no CA, a client without certificates, or a device code that is gone.
     */
    private Pending pending(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        String userCode = authSession.getClientNote(DeviceGrantType.OAUTH2_DEVICE_VERIFIED_USER_CODE);
        Optional<SshCaComponent> ca = RealmSshCa.signer(realm);
        if (userCode == null || ca.isEmpty() || !KeyReviews.certificateClient(ca.get(), authSession.getClient())) {
            BoundKey.none(authSession, Time.currentTime());
            context.success();
            return null;
        }
        OAuth2DeviceCodeModel code = DeviceEndpoint.getDeviceByUserCode(session, realm, userCode);
        if (code == null || code.isDenied() || code.isExpired() || !code.isPending()) {
            refuse(context, "ssh-cert-endpoint.keyReviewGone", "device_code_gone", false);
            return null;
        }
        String fingerprint = code.getAdditionalParams().get(DeviceRequestParams.FINGERPRINT);
        if (fingerprint != null && !KeyFingerprint.valid(fingerprint)) {
            refuse(context, "ssh-cert-endpoint.keyReviewInvalidKey", "invalid_key_fingerprint", true);
            return null;
        }
        if (fingerprint == null && KeyBindingSettings.from(ca.get().config()).requireKeyBinding()) {
            refuse(context, "ssh-cert-endpoint.keyReviewNoKey", "key_not_named", true);
            return null;
        }
        UserModel user = context.getUser();
        try {
            return new Pending(KeyReviews.of(session, realm, ca.get(), authSession.getClient(), user, code));
        } catch (SignRefusal refusal) {
            refuse(context, "ssh-cert-endpoint.keyReviewRefused", refusal.error(), true);
            return null;
        }
    }

    /** An error page; {@code deny}: the device code can never lead to a certificate, so the CLI stops waiting. */
    private static void refuse(AuthenticationFlowContext context, String message, String reason, boolean deny) {
        if (deny) {
            DeviceGrantType.denyUserCode(context.getSession(), context.getRealm(),
                    context.getAuthenticationSession().getClientNote(DeviceGrantType.OAUTH2_DEVICE_VERIFIED_USER_CODE));
        }
        context.getEvent().clone().detail(Details.REASON, reason).error(EventErrors.Capability.SSH_KEY.error("review_refused"));
        context.forceChallenge(context.form().setError(message).createErrorPage(Response.Status.BAD_REQUEST));
    }

    private static Response page(AuthenticationFlowContext context, KeyReview review) {
        return context.form().setAttribute("keyReview", review).createForm(TEMPLATE);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}

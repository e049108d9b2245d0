package org.hpcmfa.keycloak.push.enrol;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.push.credential.PushCredentialProvider;
import org.hpcmfa.keycloak.push.credential.PushDeviceCredentialModel;
import org.hpcmfa.keycloak.push.key.PushSettings;
import org.hpcmfa.keycloak.push.key.PushSigningKeys;
import org.hpcmfa.keycloak.push.protocol.EnrollmentUri;
import org.hpcmfa.keycloak.push.protocol.PageStatus;
import org.hpcmfa.keycloak.push.protocol.PushSerials;
import org.hpcmfa.keycloak.push.protocol.PushUrls;
import org.hpcmfa.keycloak.push.protocol.WatchTokens;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Set up push approval": shows the {@code otpauth://pipush/...} QR code (and the URI as a link), waits for the
 * app's rollout, which may reach any node, and moves on by itself once the phone has enrolled. The page asks
 * Keycloak every {@value #POLL_MILLIS} ms whether the phone is done; without JavaScript the user presses
 * "Continue".
 */
public class PushSetupAction implements RequiredActionProvider {

    static final String TEMPLATE = "hpc-push-setup.ftl";
    static final int POLL_MILLIS = 500;
    static final String NOTE_WATCH = "hpc-push-setup.watch";
    static final String NOTE_URI = "hpc-push-setup.uri";
    static final String NOTE_EXPIRES = "hpc-push-setup.expires";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    /** The Account Console's "Set up" (and any application) may start it with {@code kc_action=hpc-push-setup}. */
    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (authSession.getAuthNote(NOTE_WATCH) == null || Time.currentTime() >= expiresAt(authSession)) {
            start(context);
        }
        context.challenge(page(context, null, null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String watch = authSession.getAuthNote(NOTE_WATCH);
        PendingEnrolments pending = new PendingEnrolments(context.getSession().singleUseObjects(), context.getRealm().getId());
        if (watch != null && pending.enrolled(watch)) {
            forget(authSession);
            context.getEvent().event(EventType.UPDATE_CREDENTIAL).detail(Details.CREDENTIAL_TYPE, PushDeviceCredentialModel.TYPE);
            context.success();
            return;
        }
        if (context.getHttpRequest().getDecodedFormParameters().containsKey("restart")) {
            start(context);
            context.challenge(page(context, null, null));
        } else if (watch == null || Time.currentTime() >= expiresAt(authSession)) {
            start(context);
            context.challenge(page(context, "authenticator-push.setupExpired", null));
        } else {
            context.challenge(page(context, null, "authenticator-push.setupWaiting"));
        }
    }

    private void start(RequiredActionContext context) {
        RealmModel realm = context.getRealm();
        int ttlMinutes = PushSetupActionFactory.ttlMinutes(realm);
        UserModel user = context.getUser();
        PushSigningKeys.component(realm); // created now, by the browser's request, not by the phone's
        PushSettings settings = PushSettings.of(realm);
        String serial = PushSerials.create(user.getId());
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        String enrollmentCredential = HexFormat.of().formatHex(secret);
        String watch = WatchTokens.create();
        String appUrl = PushUrls.appUrl(context.getSession().getContext().getUri().getBaseUri(), realm.getName(), settings.appUrl());
        String issuer = realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName() : realm.getDisplayName();
        new PendingEnrolments(context.getSession().singleUseObjects(), realm.getId())
                .start(serial, user.getId(), enrollmentCredential, nextLabel(context), watch, ttlMinutes * 60);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setAuthNote(NOTE_WATCH, watch);
        authSession.setAuthNote(NOTE_EXPIRES, String.valueOf(Time.currentTime() + ttlMinutes * 60L));
        authSession.setAuthNote(NOTE_URI, EnrollmentUri.build(user.getUsername(), appUrl, ttlMinutes, issuer,
                enrollmentCredential, serial, settings.sslVerify(), true));
    }

    /** "Phone 1", "Phone 2"...: the first not yet taken by the user's devices, renameable in the Account Console. */
    private static String nextLabel(RequiredActionContext context) {
        PushCredentialProvider provider = (PushCredentialProvider) context.getSession()
                .getProvider(CredentialProvider.class, PushDeviceCredentialModel.TYPE);
        Set<String> taken = provider.devices(context.getUser()).stream().map(PushDeviceCredentialModel::getUserLabel)
                .collect(Collectors.toSet());
        int n = 1;
        while (taken.contains("Phone " + n)) {
            n++;
        }
        return "Phone " + n;
    }

    private Response page(RequiredActionContext context, String errorKey, String infoKey) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String uri = authSession.getAuthNote(NOTE_URI);
        Map<String, Object> setup = new HashMap<>();
        setup.put("uri", uri);
        setup.put("qrCode", EnrolmentQrCode.pngDataUri(uri));
        setup.putAll(statusModel(context.getSession().getContext().getUri().getBaseUri(), context.getRealm().getName(),
                authSession.getAuthNote(NOTE_WATCH)));
        setup.put("pollMillis", POLL_MILLIS);
        setup.put("secondsLeft", Math.max(0, expiresAt(authSession) - Time.currentTime()));
        setup.put("ttlMinutes", PushSetupActionFactory.ttlMinutes(context.getRealm()));
        LoginFormsProvider form = context.form().setAttribute("pushSetup", setup);
        if (errorKey != null) {
            form.setError(errorKey);
        }
        if (infoKey != null) {
            form.setInfo(infoKey);
        }
        return form.createForm(TEMPLATE);
    }

    /** The page waits until the enrolment status says enrolled. */
    static Map<String, Object> statusModel(URI baseUri, String realmName, String watch) {
        return PageStatus.model(baseUri, realmName, PageStatus.ENROLMENT_PATH, watch, PageStatus.ENROLMENT_FIELD,
                List.of(String.valueOf(true)));
    }

    private static void forget(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(NOTE_WATCH);
        authSession.removeAuthNote(NOTE_URI);
        authSession.removeAuthNote(NOTE_EXPIRES);
    }

    private static long expiresAt(AuthenticationSessionModel authSession) {
        String value = authSession.getAuthNote(NOTE_EXPIRES);
        return value == null ? 0 : Long.parseLong(value);
    }


    @Override
    public void close() {
    }
}

package org.hpcmfa.keycloak.sshcert.self;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.compat.AuthResults;
import org.hpcmfa.keycloak.common.events.EventErrors;
import org.hpcmfa.keycloak.common.rest.SessionFormToken;
import org.hpcmfa.keycloak.sshcert.issue.CertificateEvents;
import org.hpcmfa.keycloak.sshcert.store.CertificateRecords;
import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.RealmsResource;

/**
 * "Your SSH certificates" ({@code /realms/{realm}/ssh-ca/certificates}, linked from the Account Console's
 * Applications): the person's unexpired certificates (serial, key fingerprint, principals, client, requesting
 * address, expiry) with a Revoke button each, in the login theme and the person's language. It reads the
 * browser's single sign-on session; without one it sends the person to the portal to sign in. A revocation is
 * the same record change and REMOVE_CREDENTIAL event as {@code POST ssh-ca/revoke}, so the KRL lists the serial.
 */
public final class MyCertificatesPage {

    static final String TEMPLATE = "hpc-ssh-certificates.ftl";
    /** The Revoke form's token, in a note of the user session (cluster-safe; {@link SessionFormToken}). */
    private static final SessionFormToken TOKEN = new SessionFormToken("hpc-ssh-certificates.page-token");

    private final KeycloakSession session;
    private final RealmModel realm;

    public MyCertificatesPage(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public Response show() {
        return render(AuthenticationManager.authenticateIdentityCookie(session, realm, true), null, null);
    }

    public Response revoke(MultivaluedMap<String, String> form) {
        AuthenticationManager.AuthResult signedIn = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (signedIn == null) {
            return render(null, null, null);
        }
        UserModel user = AuthResults.user(signedIn);
        UserSessionModel userSession = AuthResults.session(signedIn);
        EventBuilder event = CertificateEvents.revoking(session, realm).user(user).session(userSession)
                .detail(Details.USERNAME, user.getUsername()).detail("via", "account-page");
        if (!TOKEN.matches(userSession, form.getFirst("token"))) {
            event.error(EventErrors.Capability.SSH_CERT.error("invalid_form"));
            return render(signedIn, null, "ssh-cert-endpoint.pageInvalidForm");
        }
        CertificateRecords records = new CertificateRecords(session, realm.getId());
        List<SshCertificateEntity> mine;
        try {
            long serial = Long.parseUnsignedLong(String.valueOf(form.getFirst("serial")).trim());
            mine = records.bySerial(serial).stream().filter(c -> user.getId().equals(c.getUserId())).toList();
        } catch (NumberFormatException notASerial) {
            mine = List.of();
        }
        if (mine.isEmpty()) {
            // Someone else's serial looks exactly like an unknown one: the page tells nothing about other people.
            event.error(EventErrors.Capability.SSH_CERT.error("not_your_certificate"));
            return render(signedIn, null, "ssh-cert-endpoint.pageNotFound");
        }
        List<SshCertificateEntity> revoked = records.revoke(mine, "user:" + user.getId(), Time.currentTime());
        CertificateEvents.revoked(event, revoked.isEmpty() ? mine : revoked);
        return render(signedIn, Long.toUnsignedString(mine.get(0).getSerial()), null);
    }

    private Response render(AuthenticationManager.AuthResult signedIn, String revoked, String problem) {
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class);
        String base = RealmsResource.realmBaseUrl(session.getContext().getUri()).build(realm.getName()).toString();
        Map<String, Object> page = new HashMap<>();
        page.put("portalUrl", base + "/account");
        page.put("revokeUrl", base + "/ssh-ca/certificates/revoke");
        page.put("signedIn", signedIn != null);
        page.put("revoked", revoked == null ? "" : revoked);
        page.put("problem", problem == null ? "" : problem);
        page.put("certificates", List.of());
        page.put("token", "");
        if (signedIn != null) {
            UserModel user = AuthResults.user(signedIn);
            form.setUser(user);
            page.put("username", user.getUsername());
            page.put("certificates", CertificateRows.of(new CertificateRecords(session, realm.getId())
                    .currentOfUser(user.getId(), Time.currentTime())));
            page.put("token", TOKEN.of(AuthResults.session(signedIn)));
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.fromResponse(form.setAttribute("sshCertificatesPage", page).createForm(TEMPLATE))
                .cacheControl(noStore).build();
    }
}

package org.hpcmfa.keycloak.registrationtoken.signedin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.compat.AuthResults;
import org.hpcmfa.keycloak.common.factors.EmailCodes;
import org.hpcmfa.keycloak.common.factors.FactorView;
import org.hpcmfa.keycloak.common.factors.SecondFactors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.RealmsResource;

/**
 * "You are signed in": where a web application without a page of its own (the demo's clients, a centre's smoke
 * test) sends people after the login. It tells who the browser's single sign-on session belongs to and which second
 * factors that account has, in the login theme and the person's language, with links to the portal and to sign out.
 * It reads the session cookie only: it redeems no authorization code (that is the application's business, with its
 * PKCE verifier) and changes nothing. Without a session it says so.
 */
public class SignedInPage {

    static final String TEMPLATE = "hpc-signed-in.ftl";

    private final KeycloakSession session;

    SignedInPage(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        RealmModel realm = session.getContext().getRealm();
        AuthenticationManager.AuthResult signedIn = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class);
        Map<String, Object> page = new HashMap<>();
        String base = RealmsResource.realmBaseUrl(session.getContext().getUri()).build(realm.getName()).toString();
        page.put("portalUrl", base + "/account");
        page.put("signOutUrl", base + "/protocol/openid-connect/logout");
        page.put("signedIn", signedIn != null);
        if (signedIn != null) {
            UserModel user = AuthResults.user(signedIn);
            form.setUser(user);
            page.put("username", user.getUsername());
            page.put("name", fullName(user));
            page.put("factors", FactorView.of(SecondFactors.of(user)));
            page.put("emailCodesTo", EmailCodes.stayFor(user, realm, null) ? user.getEmail() : "");
        } else {
            page.put("factors", List.of());
            page.put("emailCodesTo", "");
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.fromResponse(form.setAttribute("signedInPage", page).createForm(TEMPLATE))
                .cacheControl(noStore).build();
    }

    /** "Alice Tremblay", or the username when the account has no name. */
    static String fullName(UserModel user) {
        String name = String.join(" ", java.util.stream.Stream.of(user.getFirstName(), user.getLastName())
                .filter(part -> part != null && !part.isBlank()).map(String::trim).toList());
        return name.isEmpty() ? user.getUsername() : name;
    }
}

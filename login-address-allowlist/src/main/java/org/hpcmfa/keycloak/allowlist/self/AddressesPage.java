package org.hpcmfa.keycloak.allowlist.self;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.allowlist.record.LoginAddress;
import org.hpcmfa.keycloak.allowlist.settings.AllowlistSettings;
import org.hpcmfa.keycloak.allowlist.store.LoginAddresses;
import org.hpcmfa.keycloak.common.compat.AuthResults;
import org.hpcmfa.keycloak.common.events.EventErrors;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.RealmsResource;

/**
 * "Your login addresses" (the firewall page): the addresses the person's two-factor logins allowed, with a Remove
 * button each, in the login theme and the person's language. It reads the browser's single sign-on session; without
 * one it sends the person to the portal to sign in. A removal writes a CUSTOM_REQUIRED_ACTION event
 * ({@code custom_required_action=hpc-login-address-remove}); a refused one its error.
 */
public final class AddressesPage {

    static final String TEMPLATE = "hpc-login-addresses.ftl";
    static final String REMOVE_ACTION = "hpc-login-address-remove";

    private final KeycloakSession session;
    private final RealmModel realm;

    public AddressesPage(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public Response show() {
        AuthenticationManager.AuthResult signedIn = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        return render(signedIn, null, null);
    }

    public Response remove(MultivaluedMap<String, String> form) {
        AuthenticationManager.AuthResult signedIn = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (signedIn == null) {
            return render(null, null, null);
        }
        UserModel user = AuthResults.user(signedIn);
        UserSessionModel userSession = AuthResults.session(signedIn);
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.CUSTOM_REQUIRED_ACTION).user(user).session(userSession)
                .detail(Details.USERNAME, user.getUsername()).detail(Details.CUSTOM_REQUIRED_ACTION, REMOVE_ACTION);
        if (!RemovalToken.matches(userSession, form.getFirst("token"))) {
            event.error(EventErrors.Capability.LOGIN_ADDRESS.error("invalid_form"));
            return render(signedIn, null, "login-address-allowlist.pageInvalidForm");
        }
        String address = LoginAddress.canonical(form.getFirst("address")).orElse(null);
        if (address == null || !new LoginAddresses(session, realm.getId()).remove(user.getId(), address)) {
            event.error(EventErrors.Capability.LOGIN_ADDRESS.error("not_found"));
            return render(signedIn, null, "login-address-allowlist.pageNotFound");
        }
        event.detail("login_address", address).success();
        return render(signedIn, address, null);
    }

    private Response render(AuthenticationManager.AuthResult signedIn, String removed, String error) {
        AllowlistSettings settings = AllowlistSettings.of(realm);
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class);
        String base = RealmsResource.realmBaseUrl(session.getContext().getUri()).build(realm.getName()).toString();
        Map<String, Object> page = new HashMap<>();
        page.put("portalUrl", base + "/account");
        page.put("removeUrl", base + "/login-addresses/remove");
        page.put("enabled", settings.enabled());
        page.put("days", settings.days());
        page.put("signedIn", signedIn != null);
        page.put("currentAddress", LoginAddress.canonical(session.getContext().getConnection().getRemoteAddr()).orElse(""));
        page.put("removed", removed == null ? "" : removed);
        page.put("problem", error == null ? "" : error);
        page.put("addresses", List.of());
        page.put("token", "");
        if (signedIn != null) {
            UserModel user = AuthResults.user(signedIn);
            form.setUser(user);
            page.put("username", user.getUsername());
            page.put("addresses", AddressRows.of(new LoginAddresses(session, realm.getId()).ofUser(user.getId()),
                    settings, Time.currentTime()));
            page.put("token", RemovalToken.of(AuthResults.session(signedIn)));
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.fromResponse(form.setAttribute("loginAddressesPage", page).createForm(TEMPLATE))
                .cacheControl(noStore).build();
    }
}

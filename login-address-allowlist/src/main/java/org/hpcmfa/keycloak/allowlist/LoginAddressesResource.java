package org.hpcmfa.keycloak.allowlist;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.allowlist.firewall.FirewallAnswer;
import org.hpcmfa.keycloak.allowlist.self.AddressesPage;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/login-addresses/}: the person's page ({@code GET}, {@code POST remove}) and the
 * firewall's list ({@code GET firewall} as JSON, {@code GET firewall.txt} one address a line).
 */
public class LoginAddressesResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    public LoginAddressesResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return new AddressesPage(session, realm).show();
    }

    @POST
    @Path("remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response remove(MultivaluedMap<String, String> form) {
        return new AddressesPage(session, realm).remove(form);
    }

    @GET
    @Path("firewall")
    @Produces(MediaType.APPLICATION_JSON)
    public Response firewallJson() {
        return new FirewallAnswer(session, realm).answer("json");
    }

    @GET
    @Path("firewall.txt")
    @Produces(MediaType.TEXT_PLAIN)
    public Response firewallText() {
        return new FirewallAnswer(session, realm).answer("text");
    }
}

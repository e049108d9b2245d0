package org.hpcmfa.keycloak.sshcert.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.hpcmfa.keycloak.sshcert.ca.RealmSshCa;
import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.hpcmfa.keycloak.sshcert.policy.CertificateRequester;
import org.hpcmfa.keycloak.sshcert.policy.RegisteredKeyPolicy;
import org.hpcmfa.keycloak.sshcert.policy.RegisteredKeyProof;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /realms/{realm}/ssh-ca/keys}: a person's registered SSH keys, for {@code hpc-ssh-cert keys}. The bearer
 * token is the person's, from a client allowed to get certificates. Listing and removing need an active login;
 * adding needs what a certificate needs (second factor, fresh login; a key-first login cannot add keys), because a
 * registered key can become a first factor. Changes are UPDATE_CREDENTIAL / REMOVE_CREDENTIAL events.
 */
public class SshKeysResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    public SshKeysResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    static class AddRequest {
        @JsonProperty("public_key")
        public String publicKey;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        try {
            CertificateRequester.Caller caller = person(ca());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("keys", new RegisteredKeys(session, realm).of(caller.user()).stream().map(SshKeysResource::json).toList());
            return Response.ok(answer).build();
        } catch (SignRefusal refusal) {
            return JsonErrors.response(refusal.status(), refusal.error(), refusal.getMessage());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response add(InputStream body) {
        EventBuilder event = event(EventType.UPDATE_CREDENTIAL);
        try {
            SshCaComponent ca = ca();
            CertificateRequester.Caller caller = person(ca);
            event.user(caller.user()).client(caller.token().getIssuedFor());
            RegisteredKeyPolicy policy = RegisteredKeyPolicy.from(ca.config());
            // Registering a key needs the login a certificate needs, with the password: no key proof here.
            CertificateRequester.authorize(session, realm, ca.policy(), caller, RegisteredKeyProof.Outcome.none(policy));
            AddRequest request = parse(read(body));
            SshKeyCredentialModel key = new RegisteredKeys(session, realm)
                    .add(caller.user(), request.publicKey, ca.policy().rsaMinBits(), policy);
            event.detail(Details.CREDENTIAL_ID, key.getId()).detail(Details.CREDENTIAL_USER_LABEL, key.getUserLabel())
                    .detail("key_fingerprint", key.fingerprint()).success();
            return Response.status(201).entity(json(key)).build();
        } catch (SignRefusal refusal) {
            event.detail(Details.REASON, refusal.getMessage()).error(KeyEventErrors.of(refusal.error()));
            return JsonErrors.response(refusal.status(), refusal.error(), refusal.getMessage());
        }
    }

    /** Removes by credential id ({@code DELETE keys/{id}}). */
    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response removeById(@PathParam("id") String id) {
        return remove(id);
    }

    /** Removes by fingerprint ({@code DELETE keys?fingerprint=SHA256:...}); fingerprints hold '/' and '+'. */
    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response removeByFingerprint(@QueryParam("fingerprint") String fingerprint) {
        return remove(fingerprint);
    }

    private Response remove(String idOrFingerprint) {
        EventBuilder event = event(EventType.REMOVE_CREDENTIAL);
        try {
            CertificateRequester.Caller caller = person(ca());
            event.user(caller.user()).client(caller.token().getIssuedFor());
            if (idOrFingerprint == null || idOrFingerprint.isBlank() || idOrFingerprint.length() > 200) {
                throw SignRefusal.badRequest("invalid_request", "Name the key by its id or its SHA256 fingerprint.");
            }
            SshKeyCredentialModel key = new RegisteredKeys(session, realm).remove(caller.user(), idOrFingerprint);
            event.detail(Details.CREDENTIAL_ID, key.getId()).detail(Details.CREDENTIAL_USER_LABEL, key.getUserLabel())
                    .detail("key_fingerprint", key.fingerprint()).success();
            return Response.ok(Map.of("removed", json(key))).build();
        } catch (SignRefusal refusal) {
            event.detail(Details.REASON, refusal.getMessage()).error(KeyEventErrors.of(refusal.error()));
            return JsonErrors.response(refusal.status(), refusal.error(), refusal.getMessage());
        }
    }

    private SshCaComponent ca() throws SignRefusal {
        Optional<SshCaComponent> ca = RealmSshCa.signer(realm);
        if (ca.isEmpty()) {
            throw new SignRefusal(503, "no_ca", "Realm " + realm.getName() + " has no active SSH user CA.");
        }
        return ca.get();
    }

    /** An active person's token from a client allowed to get certificates; service accounts have no keys. */
    private CertificateRequester.Caller person(SshCaComponent ca) throws SignRefusal {
        CertificateRequester.Caller caller = CertificateRequester.authenticate(session, realm);
        if (caller.serviceAccount()) {
            throw SignRefusal.forbidden("service_account_not_allowed", "Service accounts do not register SSH keys.");
        }
        if (!CertificateRequester.allowed(ca.policy(), caller.token())) {
            throw SignRefusal.forbidden("client_not_allowed", "Client '" + caller.token().getIssuedFor()
                    + "' may not manage SSH keys in this realm.");
        }
        return caller;
    }

    private EventBuilder event(EventType type) {
        return new EventBuilder(realm, session, session.getContext().getConnection()).event(type)
                .detail(Details.CREDENTIAL_TYPE, SshKeyCredentialModel.TYPE);
    }

    /** The body, refused beyond a size no key line reaches (read no further than that). */
    private static String read(InputStream body) throws SignRefusal {
        int max = RegisteredKeys.MAX_LINE + 1024;
        try {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new SignRefusal(413, "too_large", "The request body is larger than " + max + " bytes: send one "
                        + "public key line.");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SignRefusal.badRequest("invalid_request", "The request body could not be read.");
        }
    }

    /** The body as {@link AddRequest}; what is not that is a 400 that says what is expected, naming no Java type. */
    private static AddRequest parse(String body) throws SignRefusal {
        try {
            AddRequest request = body.isBlank() ? null : JsonSerialization.readValue(body, AddRequest.class);
            if (request != null) {
                return request;
            }
        } catch (IOException e) {
            // the answer below says what is expected
        }
        throw SignRefusal.badRequest("invalid_request", "The body must be JSON {\"public_key\": \"<one public key "
                + "line>\"} and nothing else.");
    }

    static Map<String, Object> json(SshKeyCredentialModel key) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", key.getId());
        json.put("fingerprint", key.fingerprint());
        json.put("type", key.data().keyType());
        json.put("comment", key.data().comment());
        json.put("label", key.getUserLabel());
        json.put("created", key.getCreatedDate());
        json.put("public_key", key.data().publicKey());
        return json;
    }
}

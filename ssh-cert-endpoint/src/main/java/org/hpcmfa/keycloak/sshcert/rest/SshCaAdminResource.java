package org.hpcmfa.keycloak.sshcert.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.common.rest.JsonErrors;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.hpcmfa.keycloak.sshcert.store.CertificateRecords;
import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;
import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code POST /admin/realms/{realm}/ssh-ca/revoke} with {@code {"serial": n}} or {@code {"key_id": "..."}}. */
public class SshCaAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    SshCaAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(String body) {
        auth.users().requireManage();
        try {
            RevokeRequest request = RequestBodies.parse(body, RevokeRequest.class);
            CertificateRecords records = new CertificateRecords(session, realm.getId());
            List<SshCertificateEntity> matching = new ArrayList<>();
            if (request.keyId != null) {
                matching.addAll(records.byKeyId(request.keyId));
            } else {
                matching.addAll(records.bySerial(request.serial(session)));
            }
            if (matching.isEmpty()) {
                return JsonErrors.response(404, "certificate_not_found", "No certificate with that serial or key id.");
            }
            List<SshCertificateEntity> revoked = records.revoke(matching, "admin:" + auth.adminAuth().getUser().getId(),
                    Time.currentTime());
            List<Long> serials = revoked.stream().map(SshCertificateEntity::getSerial).toList();
            adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                    .representation(Map.of("revoked", serials)).success();
            return Response.ok(Map.of("revoked", serials)).build();
        } catch (SignRefusal refusal) {
            return JsonErrors.response(refusal.status(), refusal.error(), refusal.getMessage());
        }
    }
}

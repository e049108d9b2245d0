package org.hpcmfa.keycloak.common.rest;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Mounts an admin resource at {@code /admin/realms/{realm}/<id>}, behind Keycloak's admin authentication: a
 * subclass names the id and the resource's constructor, which gets the caller's permissions and admin events.
 */
public abstract class AdminResourceMount implements AdminRealmResourceProviderFactory, AdminRealmResourceProvider {

    /** The constructor of an admin resource. */
    @FunctionalInterface
    public interface AdminResource {
        Object create(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder events);
    }

    private final String id;
    private final AdminResource resource;

    protected AdminResourceMount(String id, AdminResource resource) {
        this.id = id;
        this.resource = resource;
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public final Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        return resource.create(session, realm, auth, adminEvent);
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

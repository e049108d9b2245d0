package org.hpcmfa.keycloak.common.rest;

import java.util.function.Function;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Mounts a JAX-RS resource at {@code /realms/{realm}/<id>}: a subclass names the id and the resource's
 * constructor, nothing else. A new resource per request, no state in the factory (cluster-safe by construction).
 */
public abstract class RealmResourceMount implements RealmResourceProviderFactory {

    private final String id;
    private final Function<KeycloakSession, Object> resource;

    protected RealmResourceMount(String id, Function<KeycloakSession, Object> resource) {
        this.id = id;
        this.resource = resource;
    }

    @Override
    public final RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource.apply(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public final String getId() {
        return id;
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

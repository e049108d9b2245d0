package org.hpcmfa.keycloak.common.rest;

import java.util.function.BiFunction;
import java.util.function.Function;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Mounts a JAX-RS resource at {@code /realms/{realm}/<id>}: a subclass names the id and the resource's
 * constructor, nothing else. A new resource per request, no login state in the factory (cluster-safe by
 * construction). A resource whose requests may wait for a change ({@link LongPoll}) gets the node's limit of
 * waiting requests, set by the SPI option {@code max-waiting-requests} of this provider (e.g.
 * {@code --spi-realm-restapi-extension--pipush--max-waiting-requests=32}).
 */
public abstract class RealmResourceMount implements RealmResourceProviderFactory {

    private final String id;
    private final BiFunction<KeycloakSession, LongPoll, Object> resource;
    private final int defaultMaxWaiting;
    private LongPoll waits;

    protected RealmResourceMount(String id, Function<KeycloakSession, Object> resource) {
        this(id, 0, (session, waits) -> resource.apply(session));
    }

    /** A resource that may hold requests: at most {@code defaultMaxWaiting} at a time on a node, unless configured. */
    protected RealmResourceMount(String id, int defaultMaxWaiting, BiFunction<KeycloakSession, LongPoll, Object> resource) {
        this.id = id;
        this.resource = resource;
        this.defaultMaxWaiting = defaultMaxWaiting;
        this.waits = new LongPoll(defaultMaxWaiting);
    }

    @Override
    public final RealmResourceProvider create(KeycloakSession session) {
        LongPoll nodeWaits = waits;
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource.apply(session, nodeWaits);
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
        if (defaultMaxWaiting > 0 && config != null) {
            waits = new LongPoll(config.getInt(LongPoll.MAX_WAITING_OPTION, defaultMaxWaiting));
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}

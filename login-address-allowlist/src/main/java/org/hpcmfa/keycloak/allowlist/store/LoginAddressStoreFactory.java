package org.hpcmfa.keycloak.allowlist.store;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * Registers the login-address table with Keycloak's JPA (Liquibase creates it at start-up), deletes a realm's rows
 * when the realm is removed, and schedules the clean-up of addresses past their days.
 */
public class LoginAddressStoreFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String ID = "hpc-login-addresses";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(LoginAddressEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/hpc-login-addresses-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return ID;
    }

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .schedule(new ClusterAwareScheduledTaskRunner(factory, new ExpiredAddressPurge(),
                                ExpiredAddressPurge.INTERVAL_MILLIS), ExpiredAddressPurge.INTERVAL_MILLIS));
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                removed.getKeycloakSession().getProvider(JpaConnectionProvider.class).getEntityManager()
                        .createNamedQuery("hpcLoginAddressDeleteRealm")
                        .setParameter("realmId", removed.getRealm().getId())
                        .executeUpdate();
            }
        });
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void close() {
    }
}

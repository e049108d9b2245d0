package org.hpcmfa.keycloak.sshcert.store;

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
 * Registers the certificate table with Keycloak's JPA (Liquibase creates it at start-up), deletes a realm's
 * records when the realm is removed, and schedules the purge of long-expired records.
 */
public class SshCertificateStoreFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String ID = "hpc-ssh-certificates";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(SshCertificateEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/hpc-ssh-certificates-changelog.xml";
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
                schedulePurge(factory);
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                removed.getKeycloakSession().getProvider(JpaConnectionProvider.class).getEntityManager()
                        .createNamedQuery("hpcSshCertDeleteRealm")
                        .setParameter("realmId", removed.getRealm().getId())
                        .executeUpdate();
            }
        });
    }

    /** As Keycloak schedules its own clean-ups: once the schema is up to date, on one node per interval. */
    private static void schedulePurge(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class).schedule(
                new ClusterAwareScheduledTaskRunner(factory, new ExpiredCertificatePurge(),
                        ExpiredCertificatePurge.INTERVAL_MILLIS),
                ExpiredCertificatePurge.INTERVAL_MILLIS));
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void close() {
    }
}

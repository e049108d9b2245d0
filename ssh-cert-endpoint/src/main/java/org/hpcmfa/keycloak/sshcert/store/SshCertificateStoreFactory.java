package org.hpcmfa.keycloak.sshcert.store;

import java.util.List;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * Registers the certificate table with Keycloak's JPA (Liquibase creates it at start-up), deletes a realm's
 * records when the realm is removed, and schedules the purge of long-expired records.
 */
public class SshCertificateStoreFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String ID = "hpc-ssh-certificates";
    /**
     * Server option {@code --spi-jpa-entity-provider--hpc-ssh-certificates--purge-interval-seconds}: how often
     * the purge of long-expired records runs (1 s to one day).
     */
    static final String PURGE_INTERVAL_SECONDS = "purge-interval-seconds";

    private long purgeIntervalMillis = ExpiredCertificatePurge.DEFAULT_INTERVAL_SECONDS * 1000L;

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
        purgeIntervalMillis = 1000L * ConfigValues.intValue(config.get(PURGE_INTERVAL_SECONDS),
                ExpiredCertificatePurge.DEFAULT_INTERVAL_SECONDS, 1, 86_400);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(PURGE_INTERVAL_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(ExpiredCertificatePurge.DEFAULT_INTERVAL_SECONDS)
                .helpText("How often, in seconds, one node of the cluster deletes SSH certificate records that expired "
                        + "more than 30 days ago (1 to 86400).")
                .add().build();
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
    private void schedulePurge(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class).schedule(
                new ClusterAwareScheduledTaskRunner(factory, new ExpiredCertificatePurge(), purgeIntervalMillis),
                purgeIntervalMillis));
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void close() {
    }
}

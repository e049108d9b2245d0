package org.hpcmfa.keycloak.sshcert.store;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Registers the certificate table with Keycloak's JPA (Liquibase creates it at start-up) and deletes a realm's
 * records when the realm is removed.
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
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                removed.getKeycloakSession().getProvider(JpaConnectionProvider.class).getEntityManager()
                        .createNamedQuery("hpcSshCertDeleteRealm")
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

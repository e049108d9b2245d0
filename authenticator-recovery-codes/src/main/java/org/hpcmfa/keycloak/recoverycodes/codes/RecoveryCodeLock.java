package org.hpcmfa.keycloak.recoverycodes.codes;

import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.jpa.entities.CredentialEntity;

/**
 * One use of a user's recovery codes at a time, across the cluster: a key in Keycloak's single-use store, taken
 * before the set is read and given back once this request's transaction has ended (committed or not), so the next
 * use reads what this one wrote. The key expires by itself should a node die holding it.
 */
final class RecoveryCodeLock {

    static final String KEY_PREFIX = "hpc-recovery-codes.lock.";
    static final long LIFESPAN_SECONDS = 15;
    static final long WAIT_MILLIS = 8000;
    static final long STEP_MILLIS = 25;

    private RecoveryCodeLock() {
    }

    /** Waits a few seconds at most; false when another use kept the lock all that time. */
    static boolean acquire(KeycloakSession session, UserModel user) {
        SingleUseObjectProvider store = session.singleUseObjects();
        String key = KEY_PREFIX + user.getId();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!store.putIfAbsent(key, LIFESPAN_SECONDS)) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            try {
                Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                store.remove(key);
            }

            @Override
            protected void rollbackImpl() {
                store.remove(key);
            }
        });
        return true;
    }

    /**
     * The stored set as the database has it now: neither Keycloak's user cache nor this request's persistence
     * context may hold a copy read before another request used a code.
     */
    static Optional<CredentialModel> reread(KeycloakSession session, RealmModel realm, UserModel user) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        return em.createQuery("select c from CredentialEntity c where c.user.id = :userId and c.type = :type",
                        CredentialEntity.class)
                .setParameter("userId", user.getId()).setParameter("type", RecoveryCodes.TYPE)
                .getResultStream().findFirst().map(entity -> {
                    em.refresh(entity);
                    CredentialModel model = new CredentialModel();
                    model.setId(entity.getId());
                    model.setType(entity.getType());
                    model.setUserLabel(entity.getUserLabel());
                    model.setCreatedDate(entity.getCreatedDate());
                    model.setCredentialData(entity.getCredentialData());
                    model.setSecretData(entity.getSecretData());
                    return model;
                });
    }
}

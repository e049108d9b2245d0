package org.hpcmfa.keycloak.recoverycodes.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeSet;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodes;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodesAccess;
import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;

/** The account API's recovery codes: the realm's count, the old set voided, the codes as the browser shows them. */
class PackRecoveryCodeIssuerTest {

    private final List<CredentialModel> stored = new ArrayList<>();

    @Test
    void issuesTheRealmsCountVoidsTheOldSetAndCountsWhatIsLeft() {
        RealmModel realm = realm(Map.of("count", "8", "warn-at", "3"));
        UserModel user = user();
        PackRecoveryCodeIssuer issuer = new PackRecoveryCodeIssuer();
        assertEquals(0, issuer.remaining(realm, user), "no codes yet");

        List<String> first = issuer.issue(null, realm, user);
        assertEquals(8, first.size());
        first.forEach(code -> assertTrue(code.matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"), code));
        assertEquals(8, issuer.remaining(realm, user));
        assertEquals(3, issuer.warnAt(realm));
        assertEquals(8, issuer.count(realm), "the set's size, whatever is left");
        assertTrue(set().find(first.get(5)).isPresent(), "a shown code is in the stored set, in Keycloak's hash");

        List<String> second = issuer.issue(null, realm, user);
        assertEquals(1, stored.size(), "one set per user");
        assertTrue(first.stream().allMatch(code -> set().find(code).isEmpty()), "the old set is void");
        assertTrue(second.stream().allMatch(code -> set().find(code).isPresent()));
        assertEquals(RecoveryCodes.TYPE, stored.get(0).getType());
    }

    @Test
    void twelveByDefault() {
        assertEquals(12, new PackRecoveryCodeIssuer().issue(null, realm(null), user()).size());
        assertEquals(3, new PackRecoveryCodeIssuer().warnAt(realm(null)));
        assertEquals(12, new PackRecoveryCodeIssuer().count(realm(null)));
    }

    private RecoveryCodeSet set() {
        return RecoveryCodesAccess.read(stored.get(0));
    }

    private static RealmModel realm(Map<String, String> config) {
        RequiredActionProviderModel action = new RequiredActionProviderModel();
        action.setAlias("hpc-recovery-codes");
        action.setEnabled(true);
        action.setConfig(config == null ? Map.of() : config);
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequiredActionProviderByAlias" -> config == null ? null : action;
                    case "getRequiredActionConfigByAlias" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private UserModel user() {
        SubjectCredentialManager credentials = (SubjectCredentialManager) Proxy.newProxyInstance(
                SubjectCredentialManager.class.getClassLoader(), new Class<?>[] {SubjectCredentialManager.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getStoredCredentialsByTypeStream" ->
                            new ArrayList<>(stored).stream().filter(c -> c.getType().equals(args[0]));
                    case "removeStoredCredentialById" -> stored.removeIf(c -> c.getId().equals(args[0]));
                    case "createStoredCredential" -> {
                        CredentialModel created = (CredentialModel) args[0];
                        created.setId(UUID.randomUUID().toString());
                        stored.add(created);
                        yield created;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (UserModel) Proxy.newProxyInstance(UserModel.class.getClassLoader(), new Class<?>[] {UserModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "credentialManager" -> credentials;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

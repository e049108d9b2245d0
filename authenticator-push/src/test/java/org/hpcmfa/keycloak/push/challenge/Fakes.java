package org.hpcmfa.keycloak.push.challenge;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

/**
 * Small in-memory stand-ins for the Keycloak interfaces the challenge core touches. Each answers only the methods
 * named here; any other call fails the test, so a new dependency of the code under test is noticed, not faked.
 */
final class Fakes {

    private Fakes() {
    }

    @SuppressWarnings("unchecked")
    static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> methods) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = methods.get(method.getName());
            if (answer != null) {
                return answer.apply(args == null ? new Object[0] : args);
            }
            return switch (method.getName()) {
                case "toString" -> "fake " + type.getSimpleName();
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            };
        });
    }

    /** A realm with a display name and components (where the push signing keys live). */
    static RealmModel realm(String id, String name, String displayName) {
        List<ComponentModel> components = new CopyOnWriteArrayList<>();
        return of(RealmModel.class, Map.of(
                "getId", a -> id,
                "getName", a -> name,
                "getDisplayName", a -> displayName,
                "getComponentsStream", a -> components.stream()
                        .filter(c -> a.length < 2 || a[1].equals(c.getProviderType())),
                "addComponentModel", a -> {
                    ComponentModel model = (ComponentModel) a[0];
                    model.setId(UUID.randomUUID().toString());
                    components.add(model);
                    return model;
                }));
    }

    /** A user whose attributes are kept in memory, safe for concurrent writers like the user store. */
    static UserModel user(String id, String username) {
        Map<String, List<String>> attributes = new ConcurrentHashMap<>();
        return of(UserModel.class, Map.of(
                "getId", a -> id,
                "getUsername", a -> username,
                "getFirstAttribute", a -> {
                    List<String> values = attributes.get((String) a[0]);
                    return values == null || values.isEmpty() ? null : values.get(0);
                },
                "setSingleAttribute", a -> {
                    attributes.put((String) a[0], List.of((String) a[1]));
                    return null;
                },
                "removeAttribute", a -> {
                    attributes.remove((String) a[0]);
                    return null;
                }));
    }

    /** A session that offers only the cluster-wide single-use store. */
    static KeycloakSession session(SingleUseObjectProvider store) {
        return of(KeycloakSession.class, Map.of("singleUseObjects", a -> store));
    }
}

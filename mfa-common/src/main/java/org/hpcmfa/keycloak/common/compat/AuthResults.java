package org.hpcmfa.keycloak.common.compat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * The parts of a verified login ({@link AuthResult}: a bearer token or the identity cookie), on every Keycloak 26
 * minor the pack supports.
 *
 * <p>Keycloak 26.5 turned {@code AuthResult} into a record ({@code user()}, {@code token()}, ...); up to 26.4 it was
 * a class with getters ({@code getUser()}, {@code getToken()}, ...). The pack is compiled against 26.5.6, so a direct
 * call ends in {@code NoSuchMethodError} on 26.4. This class calls whichever accessor the running Keycloak has.
 */
public final class AuthResults {

    private AuthResults() {
    }

    public static UserModel user(AuthResult auth) {
        return part(auth, "user", "getUser", UserModel.class);
    }

    public static AccessToken token(AuthResult auth) {
        return part(auth, "token", "getToken", AccessToken.class);
    }

    public static UserSessionModel session(AuthResult auth) {
        return part(auth, "session", "getSession", UserSessionModel.class);
    }

    public static ClientModel client(AuthResult auth) {
        return part(auth, "client", "getClient", ClientModel.class);
    }

    /** Package-private with an {@code Object} so that a test can hand in the getter shape of 26.4. */
    static <T> T part(Object auth, String recordAccessor, String getter, Class<T> type) {
        Method method = find(auth.getClass(), recordAccessor);
        if (method == null) {
            method = find(auth.getClass(), getter);
        }
        if (method == null) {
            throw new IllegalStateException("This Keycloak's AuthResult has neither " + recordAccessor + "() nor "
                    + getter + "(); check the pack's compatibility table.");
        }
        try {
            return type.cast(method.invoke(auth));
        } catch (InvocationTargetException failure) {
            throw new IllegalStateException(failure.getCause());
        } catch (IllegalAccessException inaccessible) {
            throw new IllegalStateException("Cannot read " + method.getName() + " of AuthResult", inaccessible);
        }
    }

    private static Method find(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException absent) {
            return null;
        }
    }
}

package org.hpcmfa.keycloak.common.codes;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Keycloak's model interfaces answered by a few lambdas: the named methods return what the test says, every other
 * method a neutral value (null, false, 0, an empty stream), so a test states only what matters to it.
 */
public final class Fakes {

    private Fakes() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return (T) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer != null) {
                return answer.apply(args);
            }
            Class<?> r = method.getReturnType();
            if (r == boolean.class) {
                return false;
            }
            if (r == int.class || r == long.class) {
                return r == int.class ? (Object) 0 : (Object) 0L;
            }
            if (r == Stream.class) {
                return Stream.empty();
            }
            if (method.getName().equals("toString")) {
                return type.getSimpleName() + " fake";
            }
            return null;
        });
    }
}

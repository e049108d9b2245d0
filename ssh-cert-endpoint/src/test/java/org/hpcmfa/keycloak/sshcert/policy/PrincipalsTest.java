package org.hpcmfa.keycloak.sshcert.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.models.GroupModel;
import org.keycloak.models.UserModel;

class PrincipalsTest {

    private static GroupModel group(String name) {
        return (GroupModel) Proxy.newProxyInstance(PrincipalsTest.class.getClassLoader(), new Class<?>[] {GroupModel.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getName" -> name;
                    case "getParent", "getParentId" -> null;
                    case "escapeSlashesInGroupPath" -> false;
                    case "getId" -> name;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static UserModel user(String username, List<String> attribute, GroupModel... groups) {
        return (UserModel) Proxy.newProxyInstance(PrincipalsTest.class.getClassLoader(), new Class<?>[] {UserModel.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getUsername" -> username;
                    case "getId" -> "id-" + username;
                    case "getAttributeStream" -> attribute.stream();
                    case "getGroupsStream" -> Stream.of(groups);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static SshCertPolicy policy(Map<String, List<String>> config) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        config.forEach(map::put);
        return SshCertPolicy.from(map);
    }

    @Test
    void principalsComeFromUsernameAttributeAndGroups() {
        SshCertPolicy policy = policy(Map.of("principals-attribute", List.of("cluster_login"),
                "group-principals", List.of("/hpc-admins=hpcadmin,backup##/other=nobody")));
        UserModel ada = user("ada", List.of("ada01", "bad name", "x,y"), group("hpc-admins"));
        assertEquals(List.of("ada", "ada01", "hpcadmin", "backup"), Principals.granted(ada, policy));
    }

    @Test
    void requestsNarrowButNeverWidenOrEmpty() throws Exception {
        List<String> granted = List.of("ada", "ada01");
        assertEquals(granted, Principals.narrow(granted, null));
        assertEquals(List.of("ada01"), Principals.narrow(granted, List.of("ada01", "ada01")));
        assertEquals("principal_not_allowed",
                assertThrows(SignRefusal.class, () -> Principals.narrow(granted, List.of("root"))).error());
        for (String injection : List.of("ada,root", "ada root", "ada\nroot", "ada\u0000", "")) {
            assertEquals("invalid_principal",
                    assertThrows(SignRefusal.class, () -> Principals.narrow(granted, List.of(injection))).error(), injection);
        }
        assertEquals("no_principals", assertThrows(SignRefusal.class, () -> Principals.narrow(List.of(), null)).error());
    }

    @Test
    void extensionsAreTheRealmsPlusTheGroupsKnownOnes() {
        SshCertPolicy policy = policy(Map.of("group-extensions",
                List.of("/developers=permit-port-forwarding,made-up-extension")));
        assertEquals(List.of("permit-pty"), Principals.extensions(user("bob", List.of()), policy));
        assertEquals(List.of("permit-pty", "permit-port-forwarding"),
                Principals.extensions(user("dev", List.of(), group("developers")), policy));
    }
}

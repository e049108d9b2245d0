package org.hpcmfa.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.keycloak.common.Version;
import org.yaml.snakeyaml.Yaml;

/**
 * The files for running the pack on more than one machine (docker/compose-cluster.yaml with its nginx
 * configuration, docker/k8s/ for the Keycloak Operator): no Docker engine or Kubernetes here, so they are checked
 * by construction against docker/compose.yaml, which is checked against the build (PackagingRulesIT): the same
 * image, realm file and settings, a proxy in front of both nodes, secrets referenced and never written down.
 */
class ClusterDeploymentFilesIT {

    private static final List<String> NODES = List.of("keycloak-1", "keycloak-2");

    /**
     * Fields of the operator's {@code Keycloak} resource (k8s.keycloak.org/v2alpha1, Keycloak 26.5: KeycloakSpec
     * and its DatabaseSpec, BootstrapAdminSpec, HttpSpec, HostnameSpec, ProxySpec, IngressSpec); the CRD is not
     * on Maven Central, so the example may use only these paths.
     */
    private static final Set<String> OPERATOR_SPEC_PATHS = Set.of(
            "instances", "image", "startOptimized",
            "db", "db.vendor", "db.host", "db.port", "db.database", "db.schema", "db.url",
            "db.usernameSecret", "db.usernameSecret.name", "db.usernameSecret.key",
            "db.passwordSecret", "db.passwordSecret.name", "db.passwordSecret.key",
            "bootstrapAdmin", "bootstrapAdmin.user", "bootstrapAdmin.user.secret",
            "http", "http.httpEnabled", "http.httpPort", "http.httpsPort", "http.tlsSecret",
            "hostname", "hostname.hostname", "hostname.admin", "hostname.strict", "hostname.backchannelDynamic",
            "proxy", "proxy.headers",
            "ingress", "ingress.enabled", "ingress.className", "ingress.tlsSecret");

    private final Path root = PackJars.rootDir();

    @Test
    void bothNodesRunComposesKeycloakWithTheSameImageRealmAndSettings() throws IOException {
        Map<String, Object> single = service(load("docker/compose.yaml"), "keycloak");
        Map<String, Object> cluster = load("docker/compose-cluster.yaml");
        assertEquals("hpc-mfa-keycloak:" + Version.VERSION, single.get("image"));
        assertEquals(single.get("build"), service(cluster, "keycloak-1").get("build"), "built from the same Dockerfile");
        for (String node : NODES) {
            Map<String, Object> kc = service(cluster, node);
            assertEquals(single.get("image"), kc.get("image"), node + ": the same image");
            assertEquals(single.get("command"), kc.get("command"), node + ": the same start command and realm import");
            assertEquals(single.get("volumes"), kc.get("volumes"), node + ": the same realm file");
            Map<String, Object> env = map(kc.get("environment"));
            map(single.get("environment")).forEach((name, value) ->
                    assertEquals(value, env.get(name), node + ": " + name + " as in compose.yaml"));
            assertEquals("xforwarded", env.get("KC_PROXY_HEADERS"), node + ": trusts the proxy's X-Forwarded-*");
            assertEquals("ispn", env.get("KC_CACHE"), node);
            assertEquals("jdbc-ping", env.get("KC_CACHE_STACK"), node + ": discovery through the database");
            String health = String.valueOf(map(kc.get("healthcheck")).get("test"));
            assertTrue(health.contains("/dev/tcp/127.0.0.1/9000") && health.contains("/health/ready"), node + ": " + health);
            assertFalse(String.valueOf(kc.get("ports")).contains("8080"), node + ": reached through the proxy only");
        }
        assertEquals("service_healthy", map(map(service(cluster, "keycloak-2").get("depends_on")).get("keycloak-1"))
                .get("condition"), "the second node starts once the first has imported the realm");
        assertEquals(service(load("docker/compose.yaml"), "postgres"), service(cluster, "postgres"), "the same database");
    }

    @Test
    void masterSettingsAndMailAreThoseOfCompose() throws IOException {
        Map<String, Object> single = load("docker/compose.yaml");
        Map<String, Object> cluster = load("docker/compose-cluster.yaml");
        Map<String, Object> settings = service(cluster, "master-settings");
        for (String key : List.of("image", "entrypoint", "command", "volumes", "environment")) {
            assertEquals(service(single, "master-settings").get(key), settings.get(key), "master-settings " + key);
        }
        // The demo realm mails to localhost:<port>; each node has a relay listening there, to one Mailpit.
        Map<String, Object> smtp = map(map(new Yaml().load(Files.readString(root.resolve("demo/mfa-demo-realm.json"))))
                .get("smtpServer"));
        assertEquals("localhost", smtp.get("host"));
        for (int i = 1; i <= NODES.size(); i++) {
            Map<String, Object> relay = service(cluster, "smtp-relay-" + i);
            assertEquals("service:" + NODES.get(i - 1), relay.get("network_mode"));
            List<?> command = (List<?>) relay.get("command");
            assertEquals("TCP-LISTEN:" + smtp.get("port") + ",bind=127.0.0.1,fork,reuseaddr", command.get(0));
            assertEquals("TCP:mailpit:1025", command.get(1));
        }
        assertEquals("0.0.0.0:1025", map(service(cluster, "mailpit").get("environment")).get("MP_SMTP_BIND_ADDR"));
    }

    @Test
    void nginxSpreadsOverBothNodesAndSetsTheForwardedHeaders() throws IOException {
        Map<String, Object> proxy = service(load("docker/compose-cluster.yaml"), "proxy");
        assertEquals(List.of("./nginx-cluster.conf:/etc/nginx/nginx.conf:ro"), proxy.get("volumes"));
        assertEquals(List.of("8080:8080"), proxy.get("ports"), "the public URL KC_HOSTNAME names");
        String conf = Files.readString(root.resolve("docker/nginx-cluster.conf"));
        List<String> upstreams = new ArrayList<>();
        Matcher server = Pattern.compile("(?m)^\\s*server\\s+([\\w.-]+:\\d+)").matcher(conf);
        while (server.find()) {
            upstreams.add(server.group(1));
        }
        assertEquals(List.of("keycloak-1:8080", "keycloak-2:8080"), upstreams);
        assertTrue(conf.contains("proxy_pass http://keycloak;"));
        for (String header : List.of("X-Forwarded-For $remote_addr", "X-Forwarded-Proto $scheme",
                "X-Forwarded-Host $host", "X-Forwarded-Port $server_port")) {
            assertTrue(conf.contains("proxy_set_header " + header + ";"), "nginx must set " + header);
        }
        assertFalse(conf.contains("$proxy_add_x_forwarded_for"), "a client-sent X-Forwarded-For must not pass through");
    }

    @Test
    void operatorResourceRunsThePacksImageOnPostgresWithSecretsReferenced() throws IOException {
        Map<String, Object> cr = load("docker/k8s/keycloak.yaml");
        assertEquals("k8s.keycloak.org/v2alpha1", cr.get("apiVersion"));
        assertEquals("Keycloak", cr.get("kind"));
        Map<String, Object> spec = map(cr.get("spec"));
        List<String> paths = new ArrayList<>();
        collectPaths("", spec, paths);
        for (String path : paths) {
            assertTrue(OPERATOR_SPEC_PATHS.contains(path), "spec." + path + " is not a field of the Keycloak resource");
        }
        assertTrue((Integer) spec.get("instances") >= 2, "several instances");
        String image = service(load("docker/compose.yaml"), "keycloak").get("image").toString();
        assertTrue(spec.get("image").toString().endsWith("/" + image), "the pack's image, pushed: " + spec.get("image"));
        assertEquals(Boolean.TRUE, spec.get("startOptimized"), "the image is augmented by docker/Dockerfile");
        Map<String, Object> db = map(spec.get("db"));
        assertEquals("postgres", db.get("vendor"), "the image is built for PostgreSQL");
        for (String secret : List.of("usernameSecret", "passwordSecret")) {
            assertNotNull(map(db.get(secret)).get("name"));
            assertNotNull(map(db.get(secret)).get("key"));
        }
        assertNotNull(map(map(spec.get("bootstrapAdmin")).get("user")).get("secret"));
        assertEquals("xforwarded", map(spec.get("proxy")).get("headers"));
        assertTrue(map(spec.get("hostname")).get("hostname").toString().startsWith("https://"));
        for (String path : paths) {
            assertFalse(path.toLowerCase().matches(".*(password|username)$"), "spec." + path + " writes a secret down");
        }
    }

    @Test
    void realmImportIsMadeFromTheDemoRealmFileForThisResource() throws IOException {
        String script = Files.readString(root.resolve("docker/k8s/realm-import.sh"));
        String crName = map(load("docker/k8s/keycloak.yaml").get("metadata")).get("name").toString();
        assertTrue(script.contains("keycloakCRName: \"" + crName + "\""), "the import names the Keycloak resource");
        assertTrue(script.contains("kind: \"KeycloakRealmImport\"") && script.contains("apiVersion: \"k8s.keycloak.org/v2alpha1\""));
        assertTrue(script.contains("$here/../../demo/mfa-demo-realm.json"), "the same realm file as compose and the demo");
        assertTrue(Files.isExecutable(root.resolve("docker/k8s/realm-import.sh")));
    }

    private Map<String, Object> load(String file) throws IOException {
        return map(new Yaml().load(Files.readString(root.resolve(file))));
    }

    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        Map<String, Object> service = map(map(compose.get("services")).get(name));
        assertNotNull(service, "no service " + name);
        return service;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertInstanceOf(Map.class, value);
        return (Map<String, Object>) value;
    }

    private static void collectPaths(String prefix, Map<String, Object> node, List<String> paths) {
        node.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            paths.add(path);
            if (value instanceof Map<?, ?> child) {
                collectPaths(path, map(child), paths);
            }
        });
    }
}

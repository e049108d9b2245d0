package org.hpcmfa.keycloak.it.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ComponentRepresentation;

/**
 * The KRL as login nodes poll it behind a load balancer: each node keeps the built list with its cached realm,
 * and a revocation or a CA rotation on one node must reach the other at once, not after a cache expiry.
 */
final class ClusterKrl {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One node's answer: status, ETag and the body saved where ssh-keygen can read it. */
    record Answer(int status, String etag, Path file) {
    }

    private ClusterKrl() {
    }

    /** {@code GET ssh-ca/krl}, conditional when {@code etag} is not null. */
    static Answer get(KeycloakNode node, String etag, Path file) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + "/realms/" + KeycloakCluster.REALM
                + "/ssh-ca/krl"));
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<byte[]> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Files.write(file, answer.body());
        return new Answer(answer.statusCode(), answer.headers().firstValue("ETag").orElseThrow(), file);
    }

    /** Both nodes serve the same list with the same ETag, and each answers 304 to it; returns that ETag. */
    static String sameOnBothNodes(KeycloakCluster cluster, Path dir) throws Exception {
        Answer a = get(cluster.a, null, dir.resolve("krl-a"));
        Answer b = get(cluster.b, null, dir.resolve("krl-b"));
        assertEquals(200, a.status());
        assertEquals(a.etag(), b.etag(), "two nodes, one database, one list: the ETag must not depend on the node");
        assertArrayEquals(Files.readAllBytes(a.file()), Files.readAllBytes(b.file()));
        assertEquals(304, get(cluster.a, a.etag(), dir.resolve("krl-a")).status());
        assertEquals(304, get(cluster.b, a.etag(), dir.resolve("krl-b")).status());
        return a.etag();
    }

    /** A node asked with an outdated ETag answers the new list at once; returns it. */
    static Answer changedOn(KeycloakNode node, String oldEtag, Path file) throws Exception {
        Answer answer = get(node, oldEtag, file);
        assertEquals(200, answer.status(), "node " + node.name + " still answered 304 to the outdated ETag");
        assertNotEquals(oldEtag, answer.etag());
        return answer;
    }

    /** Rotates the realm's SSH CA key, as the admin console's "Rotate key" switch does. */
    static void rotateCa(RealmResource realm) {
        ComponentRepresentation ca = realm.components().query(null, "org.keycloak.keys.KeyProvider").stream()
                .filter(c -> "hpc-ssh-user-ca".equals(c.getProviderId())).findFirst().orElseThrow();
        ca.getConfig().putSingle("rotate-key", "true");
        realm.components().component(ca.getId()).update(ca);
    }
}

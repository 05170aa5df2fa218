package io.trunkline.system;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.json.Json;
import javax.json.JsonStructure;

/** The platform's REST API as a client sees it, with HTTP Basic login. */
final class Api {

    static final String BASE = "http://127.0.0.1:8080/api/v1/";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param location the {@code Location} header, empty when there is none */
    record Reply(int status, String body, String contentType, String location) {
        JsonStructure json() {
            return Json.createReader(new StringReader(body)).read();
        }
    }

    private Api() {
    }

    static Reply get(String path, String user) throws IOException, InterruptedException {
        return send(request(path, user).GET(), user);
    }

    static Reply get(String path, String user, String accept) throws IOException, InterruptedException {
        return send(request(path, user).header("Accept", accept).GET(), user);
    }

    static Reply post(String path, String user, String json) throws IOException, InterruptedException {
        return send(request(path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)), user);
    }

    static Reply putJson(String path, String user, String json) throws IOException, InterruptedException {
        return send(request(path, user).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), user);
    }

    static Reply delete(String path, String user) throws IOException, InterruptedException {
        return send(request(path, user).DELETE(), user);
    }

    static Reply postCsv(String path, String user, String csv) throws IOException, InterruptedException {
        return send(request(path, user).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)), user);
    }

    static Reply putCsv(String path, String user, String csv) throws IOException, InterruptedException {
        return send(request(path, user).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)), user);
    }

    static Reply putPem(String path, String user, String pem) throws IOException, InterruptedException {
        return send(request(path, user).header("Content-Type", "application/pem-certificate-chain")
                .PUT(HttpRequest.BodyPublishers.ofString(pem)), user);
    }

    static Reply postFile(String path, String user, String fileName, byte[] body, String comment)
            throws IOException, InterruptedException {
        return send(request(path, user).header("Content-Type", "application/octet-stream").header("X-File-Name", fileName)
                .header("X-Change-Comment", comment).POST(HttpRequest.BodyPublishers.ofByteArray(body)), user);
    }

    static Reply put(String path, String user, byte[] body, String comment) throws IOException, InterruptedException {
        return send(request(path, user).header("Content-Type", "application/octet-stream")
                .header("X-Change-Comment", comment).PUT(HttpRequest.BodyPublishers.ofByteArray(body)), user);
    }

    static HttpResponse<byte[]> download(String path, String user) throws IOException, InterruptedException {
        return HTTP.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> download(String path, String user, String accept) throws IOException, InterruptedException {
        return HTTP.send(request(path, user).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static Reply postBytes(String path, String user, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(path, user).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                user);
    }

    /** The open task named {@code name} of workflow {@code workflowId} in {@code user}'s list, waited for. */
    static javax.json.JsonObject task(String user, long workflowId, String name) throws Exception {
        return Platform.await(Duration.ofSeconds(60), () -> get("tasks", user).json().asJsonArray().stream()
                .map(javax.json.JsonValue::asJsonObject)
                .filter(t -> t.getJsonNumber("workflowId").longValue() == workflowId && t.getString("name").equals(name))
                .findFirst().orElse(null));
    }

    /** The first message GreenMail received for {@code recipient} whose subject contains {@code subject}, waited for. */
    static javax.mail.internet.MimeMessage mailTo(com.icegreen.greenmail.util.GreenMail smtp, String recipient,
                                                  String subject) throws Exception {
        return Platform.await(Duration.ofSeconds(90), () -> {
            for (javax.mail.internet.MimeMessage m : smtp.getReceivedMessages()) {
                if (m.getSubject() != null && m.getSubject().contains(subject) && java.util.Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> a.toString().equals(recipient))) {
                    return m;
                }
            }
            return null;
        });
    }

    /** A JSON POST with the {@code Authorization} header given as it is (null: none), its answer whole. */
    static HttpResponse<String> postAuthorized(String path, String authorization, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            // Demo accounts: password = user name.
            String token = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
            b.header("Authorization", "Basic " + token);
        }
        return b;
    }

    private static Reply send(HttpRequest.Builder b, String user) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Location").orElse(""));
    }
}

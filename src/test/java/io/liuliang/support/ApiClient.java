package io.liuliang.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for integration tests, behaving like the console: it keeps cookies and echoes the XSRF-TOKEN
 * cookie in the X-XSRF-TOKEN header on unsafe requests. With a bearer token it sends no cookies at all.
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Token clients send no cookies; one shared client keeps their connections alive. */
    private static final HttpClient NO_COOKIES = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private final String bearer;
    private boolean sendCsrf = true;

    public ApiClient(int port) {
        this(port, null);
    }

    private ApiClient(int port, String bearer) {
        this.base = "http://localhost:" + port;
        this.bearer = bearer;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static ApiClient withToken(int port, String token) {
        return new ApiClient(port, token);
    }

    /** Stops echoing the CSRF cookie, to check that the server then refuses unsafe requests. */
    public ApiClient withoutCsrf() {
        this.sendCsrf = false;
        return this;
    }

    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        }

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        /** The problem type slug of a ProblemDetail response. */
        public String problemSlug() {
            String type = json().path("type").asString();
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends a raw body string as JSON, for malformed-input tests. */
    public Response postRaw(String path, String rawBody) {
        return send("POST", path, new Raw(rawBody));
    }

    public Response login(String username, String password) {
        return post("/api/v1/auth/login", new Login(username, password));
    }

    private record Login(String username, String password) {
    }

    private record Raw(String text) {
    }

    public Response send(String method, String path, Object body) {
        boolean unsafe = !method.equals("GET");
        if (unsafe && bearer == null && sendCsrf && csrfCookie().isEmpty()) {
            get("/api/v1/auth/me");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (unsafe && bearer == null && sendCsrf) {
            csrfCookie().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof Raw raw ? raw.text() : body instanceof String s ? s : JSON.writeValueAsString(body);
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        try {
            HttpResponse<String> response = (bearer == null ? http : NO_COOKIES)
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a multipart/form-data request with text fields and one file part named {@code file}. */
    public Response postMultipart(String path, java.util.Map<String, String> fields, String fileName, byte[] content) {
        if (bearer == null && sendCsrf && csrfCookie().isEmpty()) {
            get("/api/v1/auth/me");
        }
        String boundary = "----liuliang" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(utf8)));
        if (content != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(utf8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(utf8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(utf8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        } else if (sendCsrf) {
            csrfCookie().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * POSTs a multipart/form-data request whose file part is streamed from {@code file} (for uploads too big to hold
     * in memory, such as benchmark datasets), with a long timeout.
     */
    public Response postMultipartFile(String path, java.util.Map<String, String> fields, String fileName,
                                      java.nio.file.Path file, Duration timeout) {
        if (bearer == null && sendCsrf && csrfCookie().isEmpty()) {
            get("/api/v1/auth/me");
        }
        String boundary = "----liuliang" + java.util.UUID.randomUUID();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head.toString().getBytes(utf8)),
                            HttpRequest.BodyPublishers.ofFile(file),
                            HttpRequest.BodyPublishers.ofByteArray(("\r\n--" + boundary + "--\r\n").getBytes(utf8))));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            } else if (sendCsrf) {
                csrfCookie().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs a binary body (downloads). */
    public HttpResponse<byte[]> getBytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Optional<String> csrfCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).filter(v -> !v.isEmpty()).findFirst();
    }
}

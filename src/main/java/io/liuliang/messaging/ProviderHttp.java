package io.liuliang.messaging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The one HTTP client of the HTTP providers (SMS, WeCom, webhooks), with the configured timeout. */
@Component
class ProviderHttp {

    /** A provider's HTTP answer. */
    record Answer(int status, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The answer for the delivery log, cut to a sane length. */
        String summary() {
            String b = body == null ? "" : body.length() > 2_000 ? body.substring(0, 2_000) + "…" : body;
            return "HTTP " + status + " " + b;
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    ProviderHttp(MessagingProperties properties) {
        this.timeout = properties.sendTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Answer get(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
    }

    Answer post(URI uri, Map<String, String> headers, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    private Answer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A refusal for an HTTP answer that is not 2xx: 5xx and 429 are worth another attempt. */
    static SendResult.Refused refusedFor(Answer answer) {
        boolean retryable = answer.status() >= 500 || answer.status() == 429;
        return new SendResult.Refused("HTTP " + answer.status(), answer.summary(), retryable);
    }

    static SendResult.Refused unreachable(IOException e) {
        return new SendResult.Refused("unreachable: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()), null, true);
    }
}

package io.liuliang.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.ProblemType;

/**
 * Caps the body of an inbound webhook at {@value #MAX_BYTES} bytes (2 MiB) while it is read, so that an
 * unauthenticated caller cannot make the server buffer more: a larger declared {@code Content-Length} is refused
 * before anything is read, and a chunked body as soon as it passes the limit. Either answers 413.
 */
@ControllerAdvice(assignableTypes = ShopifyWebhookController.class)
class WebhookBodyLimit extends RequestBodyAdviceAdapter {

    static final int MAX_BYTES = 2 * 1024 * 1024;

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        long declared = input.getHeaders().getContentLength();
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        InputStream limited = new Limited(input.getBody());
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return limited;
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    static ApiProblemException tooLarge() {
        return new ApiProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                "A webhook body may be at most 2 MiB (" + MAX_BYTES + " bytes)");
    }

    /** Counts what is read and fails once more than the limit has been. */
    private static final class Limited extends FilterInputStream {

        private long count;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, MAX_BYTES + 1L - count));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, MAX_BYTES + 1L - count));
            counted(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public synchronized void mark(int limit) {
            // not supported
        }

        @Override
        public synchronized void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }

        private void counted(long n) {
            count += n;
            if (count > MAX_BYTES) {
                throw tooLarge();
            }
        }
    }
}

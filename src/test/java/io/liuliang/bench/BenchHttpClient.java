package io.liuliang.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * A load generator's HTTP/1.1 client: each calling thread keeps one keep-alive connection and sends a request the
 * way {@code wrk} does (pre-encoded body, one write, a blocking read of the status line, headers and the body,
 * fixed-length or chunked). All of its work runs on the calling thread, so the CPU time it costs is measured
 * exactly ({@link #cpuNanos()}) and can be told apart from the server's, which runs in the same JVM.
 * <p>
 * {@link java.net.http.HttpClient} hands each request to a selector thread and a worker pool and back; on two cores
 * that cost a third of a millisecond of CPU per small request, counted as the server's.
 */
final class BenchHttpClient implements AutoCloseable {

    /** The server answers within this; a request that waits longer fails the benchmark. */
    private static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final int BUFFER_BYTES = 16_384;
    private static final int HEX = 16;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    record Reply(int status, String body) {
    }

    private final String host;
    private final int port;
    private final byte[] headerStart;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final List<Connection> opened = new CopyOnWriteArrayList<>();
    private final LongAdder cpuNanos = new LongAdder();

    private final byte[] getHeaders;

    BenchHttpClient(int port, String bearerToken) {
        this.host = "localhost";
        this.port = port;
        this.headerStart = ("Host: " + host + ":" + port + "\r\nAuthorization: Bearer " + bearerToken
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        this.getHeaders = ("Host: " + host + ":" + port + "\r\nAuthorization: Bearer " + bearerToken
                + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** GETs {@code path} and reads the whole answer. */
    Reply get(String path) {
        return exchange(out -> {
            out.write(("GET " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(getHeaders);
        });
    }

    /** POSTs a JSON body (UTF-8) and reads the whole answer. */
    Reply post(String path, byte[] jsonBody) {
        return exchange(out -> {
            out.write(("POST " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(headerStart);
            out.write((jsonBody.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(jsonBody);
        });
    }

    /** Writes a request. */
    @FunctionalInterface
    private interface Request {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Sends a request on the calling thread's connection and reads the answer, counting the thread's CPU time. */
    private Reply exchange(Request request) {
        long cpuAtStart = THREADS.getCurrentThreadCpuTime();
        try {
            Connection connection = connection();
            request.writeTo(connection.out);
            connection.out.flush();
            return read(connection);
        } catch (IOException e) {
            dropConnection();
            throw new UncheckedIOException(e);
        } finally {
            cpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpuAtStart);
        }
    }

    /** CPU time the calling threads spent in {@link #post} and {@link #get} (waiting excluded) so far. */
    long cpuNanos() {
        return cpuNanos.sum();
    }

    private Connection connection() throws IOException {
        Connection connection = connections.get();
        if (connection == null) {
            Socket socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            connection = new Connection(socket, new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES),
                    new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES));
            connections.set(connection);
            opened.add(connection);
        }
        return connection;
    }

    private void dropConnection() {
        Connection connection = connections.get();
        connections.remove();
        if (connection != null) {
            opened.remove(connection);
            connection.close();
        }
    }

    private Reply read(Connection connection) throws IOException {
        InputStream in = connection.in;
        String statusLine = line(in);
        if (!statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String header;
        while (!(header = line(in)).isEmpty()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            int size;
            while ((size = Integer.parseInt(chunkSize(line(in)), HEX)) > 0) {
                body.write(in.readNBytes(size));
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            body.write(in.readNBytes((int) length));
        }
        if (close) {
            dropConnection();
        }
        return new Reply(status, body.toString(StandardCharsets.UTF_8));
    }

    private static String chunkSize(String line) {
        int extension = line.indexOf(';');
        return (extension < 0 ? line : line.substring(0, extension)).trim();
    }

    /** One header line without its CRLF (the headers are ASCII). */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        for (Connection connection : opened) {
            connection.close();
        }
        opened.clear();
    }

    private record Connection(Socket socket, InputStream in, OutputStream out) {

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}

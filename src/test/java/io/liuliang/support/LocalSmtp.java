package io.liuliang.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** An in-process SMTP server (GreenMail) for the e-mail tests, on a free local port; its port is {@code getSmtp().getPort()}. */
public final class LocalSmtp {

    private LocalSmtp() {
    }

    /** Starts an SMTP server on 127.0.0.1 at a free port. */
    public static GreenMail start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }
}

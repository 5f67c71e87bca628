package jp.crowdpay.jobs.support;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL server that wants a password. The test server trusts every local connection, so a
 * program would connect whatever password it sent, or none; this proxy in front of it asks each
 * connection for the password (in clear text, so that it can compare), refuses a wrong or missing
 * one as PostgreSQL does (FATAL 28P01), and passes a connection that gave the right one through to
 * the real server. Tells how many connections got in and which passwords were refused.
 */
public final class PasswordCheckingProxy implements AutoCloseable {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;

    private final String password;
    private final ServerSocket listener;
    private final URI server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private PasswordCheckingProxy(String password) throws IOException {
        this.password = password;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.server = URI.create(TestDatabase.url().substring("jdbc:".length()));
        Thread acceptor = new Thread(this::acceptConnections, "password-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static PasswordCheckingProxy demanding(String password) throws IOException {
        return new PasswordCheckingProxy(password);
    }

    /** The JDBC URL of {@code database} on the test server, through this proxy. */
    public String url(String jdbcUrlOfTheTestServer) {
        URI real = URI.create(jdbcUrlOfTheTestServer.substring("jdbc:".length()));
        return "jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + real.getPath();
    }

    /** Connections that gave the right password. */
    public int accepted() {
        return accepted.get();
    }

    /** The passwords of the connections refused, "" for a connection that gave none. */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void acceptConnections() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Thread connection = new Thread(() -> serve(client), "password-proxy-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            byte[] startup;
            while (true) {
                int length = in.readInt();
                int code = in.readInt();
                byte[] rest = in.readNBytes(length - 8);
                if (code == SSL_REQUEST || code == GSS_REQUEST) {
                    out.writeByte('N');
                    out.flush();
                    continue;
                }
                startup = new byte[length];
                writeInt(startup, 0, length);
                writeInt(startup, 4, code);
                System.arraycopy(rest, 0, startup, 8, rest.length);
                break;
            }
            if (readInt(startup, 4) == CANCEL_REQUEST) {
                try (Socket real = connectToServer()) {
                    real.getOutputStream().write(startup);
                }
                return;
            }
            // AuthenticationCleartextPassword
            out.writeByte('R');
            out.writeInt(8);
            out.writeInt(3);
            out.flush();
            String given;
            try {
                int type = in.readUnsignedByte();
                byte[] message = in.readNBytes(in.readInt() - 4);
                given = type == 'p' && message.length > 0 ? new String(message, 0, message.length - 1, StandardCharsets.UTF_8) : "";
            } catch (EOFException noPassword) {
                // the driver hangs up when it has no password to give
                refused.add("");
                return;
            }
            if (!given.equals(password)) {
                refused.add(given);
                refuse(out);
                return;
            }
            accepted.incrementAndGet();
            try (Socket real = connectToServer()) {
                sockets.add(real);
                real.getOutputStream().write(startup);
                Thread toServer = new Thread(() -> pipe(in, outputOf(real)), "password-proxy-to-server");
                toServer.setDaemon(true);
                toServer.start();
                pipe(real.getInputStream(), out);
            }
        } catch (IOException connectionEnded) {
            // the client or the server hung up: nothing to pass on any more
        }
    }

    private Socket connectToServer() throws IOException {
        return new Socket(server.getHost(), server.getPort());
    }

    private static void refuse(DataOutputStream out) throws IOException {
        byte[] fields = "SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed (the test's proxy)\0\0"
                .getBytes(StandardCharsets.UTF_8);
        out.writeByte('E');
        out.writeInt(4 + fields.length);
        out.write(fields);
        out.flush();
    }

    private static OutputStream outputOf(Socket socket) {
        try {
            return socket.getOutputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pipe(InputStream from, OutputStream to) {
        byte[] buffer = new byte[16384];
        try {
            for (int read; (read = from.read(buffer)) >= 0; ) {
                to.write(buffer, 0, read);
                to.flush();
            }
            to.close();
        } catch (IOException connectionEnded) {
            // one side hung up; closing the sockets ends the other direction
        }
    }

    private static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
    }

    private static void writeInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}

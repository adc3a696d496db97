package io.redisscale.runtime;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Names why a call to a Redis failed: the collector's poll (a sample's status, the unreachable alert) and the
 * actuator's availability probe during a plan change speak of failures in the same words.
 */
public final class ErrorClass {
    /** The stored Redis URL cannot be opened: sealed with another AUTOSCALER_SECRET_KEY, or corrupt. */
    public static final String SEALED_KEY = "sealed_key";
    /** This collector is out of file descriptors: its own failure, never recorded as the instance's (the collector's FileLimit). */
    public static final String FILE_LIMIT = "file_limit";

    public static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("Too many open files")) { // EMFILE, whatever layer reports it
                return FILE_LIMIT;
            }
            if (t instanceof UnknownHostException) {
                return "dns";
            }
            if (t instanceof ConnectException || message.contains("Connection refused")) {
                return "refused";
            }
            // Mutiny's await().atMost() throws a TimeoutException of its own (not java.util.concurrent's).
            if (t instanceof TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException
                    || "TimeoutException".equals(t.getClass().getSimpleName()) || message.contains("timed out")) {
                return "timeout";
            }
            if (t instanceof SSLException) {
                return "tls";
            }
            if (message.startsWith("NOAUTH") || message.startsWith("WRONGPASS") || message.contains("AUTH")) {
                return "auth";
            }
        }
        return "other";
    }

    private ErrorClass() {}
}

package io.redisscale.collector.polling;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Names why a poll failed, for the sample's status and the unreachable alert. */
final class ErrorClass {
    /** The stored Redis URL cannot be opened: sealed with another AUTOSCALER_SECRET_KEY, or corrupt. */
    static final String SEALED_KEY = "sealed_key";
    /** This collector is out of file descriptors: its own failure, never recorded as the instance's ({@link FileLimit}). */
    static final String FILE_LIMIT = "file_limit";

    static String of(Throwable failure) {
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
            if (t instanceof TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException
                    || message.contains("timed out")) {
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

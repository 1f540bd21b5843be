package io.chainwatch.security;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Tomcat's own error answers — a request it refuses before Spring sees it, such as {@code %00} in a path — as an
 * RFC 9457 {@code application/problem+json} body instead of Tomcat's HTML page; never with a stack trace or the
 * server's version. {@link Installer} puts it in place of the host's {@link ErrorReportValve} once the server runs.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        java.util.concurrent.atomic.AtomicBoolean ioAllowed = new java.util.concurrent.atomic.AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
        String detail = status == 400
                ? "The request cannot be read: its path, query or headers are malformed (a control character such as"
                        + " %00, or broken percent-encoding)."
                : title + ".";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was already used: nothing more to say
        }
    }

    /** Replaces the Tomcat host's error report valve with this one when a servlet web server has started. */
    public static class Installer implements ApplicationListener<WebServerInitializedEvent> {

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            if (!(event.getWebServer() instanceof TomcatWebServer server)) {
                return;
            }
            Pipeline pipeline = server.getTomcat().getHost().getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ProblemErrorReportValve) {
                    return;
                }
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new ProblemErrorReportValve());
        }
    }
}

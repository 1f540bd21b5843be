package io.chainwatch.collector.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/** The log lines a class writes while a test runs (Logback, as in the service), as a user would read them. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture(Class<?> of) {
        this.logger = (Logger) LoggerFactory.getLogger(of);
    }

    /** Starts capturing what {@code of}'s logger writes. */
    public static LogCapture of(Class<?> of) {
        LogCapture capture = new LogCapture(of);
        capture.start();
        capture.logger.addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(event.getLevel() + " " + event.getFormattedMessage());
    }

    /** Lines so far, each "LEVEL message". */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** WARN lines so far. */
    public List<String> warnings() {
        return lines.stream().filter(l -> l.startsWith(Level.WARN.toString() + " ")).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}

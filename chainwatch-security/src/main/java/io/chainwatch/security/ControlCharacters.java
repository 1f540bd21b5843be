package io.chainwatch.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Control characters (U+0000–U+001F except tab, line feed and carriage return, and U+007F) are refused in every
 * request's query parameters and JSON body before any controller sees them: PostgreSQL refuses NUL in text, and no
 * name, label or URL of ChainWatch has a use for the others. Because the check happens before the controller, every
 * endpoint answers the same (a validation endpoint cannot call valid what creation refuses).
 * <p>
 * In a JSON body a control character can only appear escaped ({@code \u0000}; raw ones make the JSON malformed,
 * which the JSON reader refuses): the scan decodes escapes, so an escaped backslash followed by {@code u0000} is
 * text, not a control character.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** Whether {@code c} is a control character ChainWatch refuses in input. */
    public static boolean refused(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
    }

    /** The first refused control character in {@code text}, or -1. */
    public static int find(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (refused(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return -1;
    }

    /** The first refused control character written as a JSON {@code \\uXXXX} escape in {@code json}, or -1. */
    static int findEscaped(String json) {
        for (int i = 0; i < json.length() - 1; i++) {
            if (json.charAt(i) != '\\') {
                continue;
            }
            char next = json.charAt(i + 1);
            if (next == 'u' && i + 5 < json.length()) {
                try {
                    int code = Integer.parseInt(json, i + 2, i + 6, 16);
                    if (refused(code)) {
                        return code;
                    }
                } catch (NumberFormatException malformed) {
                    // the JSON reader refuses it
                }
                i += 5;
            } else {
                i++; // \\, \", \n ...: skip the escaped character
            }
        }
        return -1;
    }

    /** Where a refused control character is in a JSON body: the field (its JSON path) and the character. */
    record Found(String field, int character) {
    }

    /**
     * The first refused control character in a JSON body, with the field it is in (a property name or a string
     * value; {@code $} for the top level), or null. A body that is not JSON is scanned for escapes only (field
     * unknown): the JSON reader refuses it anyway.
     */
    static Found findInJson(String json) {
        if (findEscaped(json) < 0) {
            return null;
        }
        try (tools.jackson.core.JsonParser parser = tools.jackson.databind.json.JsonMapper.shared().createParser(json)) {
            for (tools.jackson.core.JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == tools.jackson.core.JsonToken.PROPERTY_NAME || token == tools.jackson.core.JsonToken.VALUE_STRING) {
                    String text = token == tools.jackson.core.JsonToken.PROPERTY_NAME ? parser.currentName()
                            : parser.getString();
                    int c = find(text);
                    if (c >= 0) {
                        String path = parser.streamReadContext().pathAsPointer().toString();
                        return new Found(path.isEmpty() ? "$" : path.substring(1).replace('/', '.'), c);
                    }
                }
            }
        } catch (tools.jackson.core.JacksonException malformed) {
            // not JSON: the escape scan below decides
        }
        return new Found(null, findEscaped(json));
    }

    /** The name of the first query parameter (name or value) with a refused control character, or null. */
    static String badParameter(HttpServletRequest request) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (find(parameter.getKey()) >= 0) {
                return parameter.getKey().replaceAll("\\p{Cntrl}", "?");
            }
            for (String value : parameter.getValue()) {
                if (value != null && find(value) >= 0) {
                    return parameter.getKey();
                }
            }
        }
        return null;
    }

    /** Whether the request carries a JSON body (the only bodies the services read). */
    static boolean hasJsonBody(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && (type.toLowerCase(java.util.Locale.ROOT).contains("json"))
                && request.getContentLengthLong() != 0;
    }

    /** The request with its body read once into memory (the body limit is the gateway's, 1 MiB). */
    static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request) throws IOException {
            super(request);
            this.body = request.getInputStream().readAllBytes();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}

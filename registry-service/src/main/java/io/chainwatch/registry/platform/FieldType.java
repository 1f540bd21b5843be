package io.chainwatch.registry.platform;

/** JSON types of standard fields, matched against OpenAPI schema types. */
public enum FieldType {
    INTEGER,
    NUMBER,
    STRING,
    BOOLEAN,
    ARRAY,
    OBJECT;

    /** Whether a value of OpenAPI type {@code openApiType} fits this standard type. */
    public boolean accepts(String openApiType) {
        if (openApiType == null) {
            return false;
        }
        return switch (this) {
            case INTEGER -> openApiType.equals("integer");
            case NUMBER -> openApiType.equals("number") || openApiType.equals("integer");
            case STRING -> openApiType.equals("string");
            case BOOLEAN -> openApiType.equals("boolean");
            case ARRAY -> openApiType.equals("array");
            case OBJECT -> openApiType.equals("object");
        };
    }
}

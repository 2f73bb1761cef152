package home.connected.auth.account;

import home.connected.tokens.Permission;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a permission by its catalogue name ({@code readings:read}), the same name tokens carry. */
@Converter
class PermissionConverter implements AttributeConverter<Permission, String> {

    @Override
    public String convertToDatabaseColumn(Permission permission) {
        return permission.value();
    }

    @Override
    public Permission convertToEntityAttribute(String value) {
        return Permission.fromValue(value)
                .orElseThrow(() -> new IllegalStateException("unknown permission in the database: " + value));
    }
}

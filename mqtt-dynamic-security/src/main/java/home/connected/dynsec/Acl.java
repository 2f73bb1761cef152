package home.connected.dynsec;

/** One ACL entry of a dynamic-security role, e.g. {@code publishClientSend} on {@code a/b/#}. */
public record Acl(String type, String topic, boolean allow) {

    public static Acl allow(String type, String topic) {
        return new Acl(type, topic, true);
    }

    public static Acl publishClientSend(String topic) {
        return allow("publishClientSend", topic);
    }

    public static Acl subscribePattern(String topic) {
        return allow("subscribePattern", topic);
    }
}

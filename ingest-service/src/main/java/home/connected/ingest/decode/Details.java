package home.connected.ingest.decode;

/** Makes untrusted text safe to put into a rejection detail (logged and parked): short, one line. */
final class Details {

    private static final int MAX = 64;

    private Details() {}

    static String quote(String untrusted) {
        if (untrusted == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(untrusted.length(), MAX) + 2).append('\'');
        int length = Math.min(untrusted.length(), MAX);
        for (int i = 0; i < length; i++) {
            char c = untrusted.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (untrusted.length() > MAX) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}

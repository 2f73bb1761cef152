package home.connected.piagent;

/** {@code connected-home-agent [--config FILE] [--check-config] [--version]}. */
public final class AgentMain {

    private AgentMain() {}

    public static void main(String[] args) {
        for (String arg : args) {
            if (arg.equals("--version")) {
                System.out.println("connected-home-agent " + version());
                return;
            }
        }
    }

    static String version() {
        String version = AgentMain.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}

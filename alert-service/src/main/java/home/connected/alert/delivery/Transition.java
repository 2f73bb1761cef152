package home.connected.alert.delivery;

/** What a notification tells. */
public enum Transition {
    FIRING("firing"),
    REPEAT("firing"),
    RESOLVED("resolved"),
    /** TestChannel: no alert behind it. */
    TEST("test");

    private final String state;

    Transition(String state) {
        this.state = state;
    }

    /** The {{state}} of the templates and Alertmanager's status: firing or resolved (or test). */
    public String state() {
        return state;
    }
}

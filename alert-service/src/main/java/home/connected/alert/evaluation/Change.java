package home.connected.alert.evaluation;

/** What a condition made of a reading or a tick. */
enum Change {
    NONE,
    FIRED,
    RESOLVED
}

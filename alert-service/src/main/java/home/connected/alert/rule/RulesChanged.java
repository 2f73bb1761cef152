package home.connected.alert.rule;

/**
 * Published after a rule was saved, deleted or silenced through this replica, so its evaluation
 * (if it leads) takes the change before the next reading rather than at the next tick.
 */
public record RulesChanged() {}

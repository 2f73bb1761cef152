package home.connected.alert.rule;

import home.connected.contracts.alert.v1.Rule;

/** A rule with one bad field and the message that must name it. */
record BadRule(Rule rule, String message) {}

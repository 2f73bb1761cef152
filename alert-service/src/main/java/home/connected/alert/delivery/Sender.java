package home.connected.alert.delivery;

import home.connected.contracts.alert.v1.Channel;

/** Sends a notice through channels of one kind, once. */
interface Sender {

    /** Never throws for a delivery problem: a failed outcome says what went wrong. */
    DeliveryOutcome send(Channel channel, Notice notice);
}

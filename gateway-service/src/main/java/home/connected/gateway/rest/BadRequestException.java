package home.connected.gateway.rest;

/** A request the gateway cannot turn into an RPC request; answered with 400 and its message. */
final class BadRequestException extends Exception {

    BadRequestException(String message) {
        super(message, null, false, false);
    }
}

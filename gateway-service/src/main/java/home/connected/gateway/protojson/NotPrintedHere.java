package home.connected.gateway.protojson;

/** Input the wire printer leaves to JsonFormat, which prints it or fails as it always has. */
final class NotPrintedHere extends RuntimeException {

    NotPrintedHere(String why) {
        super(why, null, false, false);
    }
}

package home.connected.bench;

import java.util.Arrays;

/** Entry point of {@code ./dev/bench}: {@code ingest [options]}. Prints figures; asserts nothing. */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("ingest")) {
            System.err.println("usage: bench ingest " + IngestBench.Options.USAGE);
            System.exit(2);
        }
        IngestBench.Options options = IngestBench.Options.parse(Arrays.copyOfRange(args, 1, args.length));
        new IngestBench(Services.fromEnvironment(), options).run();
        System.exit(0);
    }
}

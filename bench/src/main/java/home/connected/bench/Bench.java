package home.connected.bench;

import home.connected.testing.DevServices;
import java.util.Arrays;

/** Entry point of {@code ./dev/bench}: {@code ingest|query|alerts|dashboard|agent|footprint|rollups|backup [options]}. Prints figures; asserts nothing. */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String[] options = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "ingest" -> new IngestBench(DevServices.get(), IngestBench.Options.parse(options)).run();
            case "query" -> new QueryBench(DevServices.get(), QueryBench.Options.parse(options)).run();
            case "alerts" -> new AlertBench(DevServices.get(), AlertBench.Options.parse(options)).run();
            case "dashboard" -> new DashboardBench(DevServices.get(), DashboardBench.Options.parse(options)).run();
            case "agent" -> new AgentBench(DevServices.get(), AgentBench.Options.parse(options)).run();
            case "footprint" -> new FootprintBench(DevServices.get(), FootprintBench.Options.parse(options)).run();
            case "rollups" -> new RollUpBench(DevServices.get(), RollUpBench.Options.parse(options)).run();
            case "backup" -> new BackupBench(DevServices.get(), BackupBench.Options.parse(options)).run();
            default -> {
                System.err.println("usage: bench ingest " + IngestBench.Options.USAGE);
                System.err.println("       bench query " + QueryBench.Options.USAGE);
                System.err.println("       bench alerts " + AlertBench.Options.USAGE);
                System.err.println("       bench dashboard " + DashboardBench.Options.USAGE);
                System.err.println("       bench agent " + AgentBench.Options.USAGE);
                System.err.println("       bench footprint " + FootprintBench.Options.USAGE);
                System.err.println("       bench rollups " + RollUpBench.Options.USAGE);
                System.err.println("       bench backup " + BackupBench.Options.USAGE);
                System.exit(2);
            }
        }
        System.exit(0);
    }
}

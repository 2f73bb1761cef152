package home.connected.ingest.pipeline;

final class Threads {

    private Threads() {}

    /** Daemon, so a stuck connect or write never holds up the JVM's exit. */
    static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}

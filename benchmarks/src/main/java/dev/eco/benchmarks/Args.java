package dev.eco.benchmarks;

/** The few flags the reference servers take: {@code --port N --udp-port N --threads N --epoll}. */
record Args(int port, int udpPort, int threads, boolean epoll) {

    static Args parse(String[] args) {
        int port = 0, udp = -1, threads = Runtime.getRuntime().availableProcessors();
        boolean epoll = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--udp-port" -> udp = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--epoll" -> epoll = true;
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i] + "; use --port N [--udp-port N] [--threads N] [--epoll]");
            }
        }
        return new Args(port, udp, threads, epoll);
    }
}

package dev.eco.cli;

import dev.eco.server.ServerConfigBuilder;
import dev.eco.server.testing.FaultPlan;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Help;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The faults of {@code eco serve}: on at start with {@code --fault}, changed at run time on the metrics port. */
final class ServeFaults {

    /** Who may use {@code /faults} on the metrics port. */
    enum Admin {
        OFF,
        LOOPBACK,
        ANY
    }

    @Option(
            names = "--fault",
            paramLabel = "SPEC",
            defaultValue = "${env:ECO_FAULT}",
            converter = Spec.class,
            showDefaultValue = Help.Visibility.NEVER,
            // picocli formats descriptions: a percent sign is written %%.
            description =
                    "Misbehave on purpose, for testing clients: latency=200ms[,jitter=50ms], bandwidth=BYTES_PER_S,"
                            + " slice=BYTES[,pause=10ms], close-after=BYTES, reset-after=BYTES, stall-after=BYTES, blackhole;"
                            + " UDP: drop=10%%, duplicate=10%%, reorder=10%%; any of them with probability=50%%; seed=N repeats"
                            + " the random choices. Repeatable; several in the variable separated by ';'. None by default"
                            + " (env ECO_FAULT). Every fault is explained in docs/testing.md.")
    private List<FaultPlan> faults = List.of();

    @Option(
            names = "--fault-admin",
            paramLabel = "loopback|any|off",
            defaultValue = "${env:ECO_FAULT_ADMIN:-loopback}",
            converter = AdminMode.class,
            description = "Who may read and change the faults with GET, PUT and DELETE /faults on --metrics-port:"
                    + " clients on this machine, anyone who reaches the port (it has no authentication: never let it"
                    + " face the internet), or nobody (env ECO_FAULT_ADMIN).")
    private Admin admin;

    void applyTo(ServerConfigBuilder builder) {
        FaultPlan all = FaultPlan.NONE;
        for (FaultPlan plan : faults) {
            all = all.and(plan);
        }
        builder.faults(all);
    }

    Admin admin() {
        return admin;
    }

    /** One {@code --fault} value: one spec or several separated by {@code ;}. */
    static final class Spec implements ITypeConverter<FaultPlan> {
        @Override
        public FaultPlan convert(String value) {
            try {
                return FaultPlan.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class AdminMode implements ITypeConverter<Admin> {
        @Override
        public Admin convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "loopback" -> Admin.LOOPBACK;
                case "any" -> Admin.ANY;
                case "off" -> Admin.OFF;
                default -> throw new TypeConversionException("'" + value + "' is not loopback, any or off");
            };
        }
    }
}

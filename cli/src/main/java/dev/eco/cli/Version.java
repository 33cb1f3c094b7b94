package dev.eco.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar's manifest, so it is written in one place: the POM. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"eco " + (version == null ? "(development build)" : version)};
    }
}

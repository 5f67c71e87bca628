package jp.crowdpay.jobs.architecture.rootcycle.cli;

import jp.crowdpay.jobs.architecture.rootcycle.Application;

/** The other half: a package that uses a class of the root package above it. */
public class Command {
    public Application restart() {
        return new Application();
    }
}

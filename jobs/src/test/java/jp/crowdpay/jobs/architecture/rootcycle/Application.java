package jp.crowdpay.jobs.architecture.rootcycle;

import jp.crowdpay.jobs.architecture.rootcycle.cli.Command;

/** A class directly in the root package, half of a deliberate cycle with a package below it. */
public class Application {
    public Command command() {
        return new Command();
    }
}

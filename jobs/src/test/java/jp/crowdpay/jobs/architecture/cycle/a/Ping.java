package jp.crowdpay.jobs.architecture.cycle.a;

import jp.crowdpay.jobs.architecture.cycle.b.Pong;

/** Half of a deliberate package cycle: proof that the architecture rules can fail. */
public class Ping {
    public Pong answer() {
        return new Pong();
    }
}

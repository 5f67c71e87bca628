package jp.crowdpay.jobs.architecture.cycle.b;

import jp.crowdpay.jobs.architecture.cycle.a.Ping;

/** The other half of the deliberate package cycle. */
public class Pong {
    public Ping serve() {
        return new Ping();
    }
}

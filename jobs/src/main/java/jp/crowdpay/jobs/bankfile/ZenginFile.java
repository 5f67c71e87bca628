package jp.crowdpay.jobs.bankfile;

import java.util.List;

/** A 総合振込 file read back: its header, its data records, and what its trailer claims. */
public record ZenginFile(ZenginHeader header, List<ZenginTransfer> transfers, int trailerCount,
        long trailerTotal) {

    public ZenginFile {
        transfers = List.copyOf(transfers);
    }

    /** The sum of the data records' amounts, to hold against {@link #trailerTotal()}. */
    public long sumOfTransfers() {
        return transfers.stream().mapToLong(ZenginTransfer::amount).reduce(0L, Math::addExact);
    }
}

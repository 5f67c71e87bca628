package jp.crowdpay.jobs.bankfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    @TempDir
    Path folder;

    @Test
    void publishingANameAgainRemovesThePartialTemporaryFileThatAKilledWriterOfThatNameLeft() throws Exception {
        // given: a writer of payout.csv killed mid-file, and a leftover of another name
        Files.writeString(folder.resolve(".payout.csv.0b3c5a5e-9a59-4d0c-8d0e-2f1e6c7a9b10.tmp"), "0036,25");
        Path otherName = Files.writeString(folder.resolve(".payout.csv.manifest.json.0b3c5a5e-9a59-4d0c-8d0e-2f1e6c7a9b10.tmp"), "{");
        Outbox outbox = new Outbox(folder);
        // when
        outbox.publish("payout.csv", out -> out.write("complete\r\n".getBytes(StandardCharsets.US_ASCII)));
        // then
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("payout.csv", otherName.getFileName().toString());
        }
        assertThat(Files.readString(folder.resolve("payout.csv"))).isEqualTo("complete\r\n");
    }
}

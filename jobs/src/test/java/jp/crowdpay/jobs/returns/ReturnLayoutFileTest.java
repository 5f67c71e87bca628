package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.returns.ReturnNoticeLayout.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class ReturnLayoutFileTest {

    /** The operator's configuration folder of this repository. */
    private static final Path SHIPPED = Path.of("..", "config", "return-layouts");

    @TempDir
    Path layouts;

    private static ReturnNoticeLayout parse(String yaml) {
        return ReturnLayoutFile.parse("bank", new Yaml().load(yaml));
    }

    @Test
    void theShippedDefaultFileIsTheBuiltInLayout() {
        assertThat(ReturnLayoutFile.load(SHIPPED, "default")).isEqualTo(ReturnNoticeLayout.BUILT_IN);
    }

    @Test
    void theShippedPortalExampleLoads() {
        // when
        ReturnNoticeLayout portal = ReturnLayoutFile.load(SHIPPED, "portal-example");
        // then
        assertThat(portal.headerLines()).isEqualTo(1);
        assertThat(portal.reason("05")).contains(ReturnReason.ACCOUNT_FROZEN_OR_REFUSED);
        assertThat(portal.reason("1")).isEmpty();
    }

    @Test
    void theDefaultNeedsNoFileButAnyOtherNameDoes() {
        assertThat(ReturnLayoutFile.load(layouts, "default")).isSameAs(ReturnNoticeLayout.BUILT_IN);
        assertThatThrownBy(() -> ReturnLayoutFile.load(layouts, "mizuho"))
                .hasMessage("no layout file " + layouts.resolve("mizuho.yml"));
    }

    @Test
    void readsColumnsTitleLinesEncodingAndReasonCodes() {
        // when
        ReturnNoticeLayout layout = parse("""
                columns: [skip, file_name, customer_code, bank_code, branch_code, account_number, amount, reason_code, skip]
                header-lines: 2
                encoding: UTF-8
                reason-codes: {"01": 1, "09": 9}
                """);
        // then
        assertThat(layout).isEqualTo(new ReturnNoticeLayout("bank",
                List.of(Column.SKIP, Column.FILE_NAME, Column.CUSTOMER_CODE, Column.BANK_CODE, Column.BRANCH_CODE,
                        Column.ACCOUNT_NUMBER, Column.AMOUNT, Column.REASON_CODE, Column.SKIP),
                2, StandardCharsets.UTF_8, Map.of("01", ReturnReason.NO_SUCH_ACCOUNT, "09", ReturnReason.OTHER)));
    }

    @Test
    void refusesLayoutsThatCannotMatchAPayoutOrReadTheBytes() {
        assertThatThrownBy(() -> parse("columns: [file_name, customer_code, bank_code, branch_code, amount, reason_code]"))
                .hasMessage("columns lack [account_number]");
        assertThatThrownBy(() -> parse("columns: [file_name, customer_code, bank_code, branch_code, account_number,"
                + " amount, reason_code, amount]")).hasMessage("columns name amount twice");
        assertThatThrownBy(() -> parse("columns: [file_name, colour]")).hasMessage("unknown column 'colour'");
        assertThatThrownBy(() -> parse("columns: [file_name]\ntrailer: [x]"))
                .hasMessageStartingWith("unknown key 'trailer'");
        String allColumns = "columns: [file_name, customer_code, bank_code, branch_code, account_number, amount, reason_code]\n";
        assertThatThrownBy(() -> parse(allColumns + "encoding: UTF-16"))
                .hasMessageStartingWith("encoding UTF-16 is not one that writes ASCII as single bytes");
        assertThatThrownBy(() -> parse(allColumns + "header-lines: one")).hasMessage("header-lines must be a whole number");
        assertThatThrownBy(() -> parse(allColumns + "reason-codes: {\"07\": 7}"))
                .hasMessage("reason-codes: the bank's code '07' maps to '7', which is not one of 1, 2, 3, 4, 9");
    }

    @Test
    void namesTheFileOfAMalformedLayout() throws Exception {
        // given
        Files.writeString(layouts.resolve("broken.yml"), "columns: [file_name");
        // then
        assertThatThrownBy(() -> ReturnLayoutFile.load(layouts, "broken"))
                .hasMessageStartingWith("layout file " + layouts.resolve("broken.yml") + ": ");
    }
}

package jp.crowdpay.jobs.returns.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.crowdpay.jobs.bankfile.account.AccountType;
import jp.crowdpay.jobs.returns.notice.ReturnNoticeLayout.Column;
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
        assertThat(((ReturnNoticeLayout.Csv) portal.shape()).headerLines()).isEqualTo(1);
        assertThat(portal.reason("05")).contains(ReturnReason.ACCOUNT_FROZEN_OR_REFUSED);
        assertThat(portal.reason("1")).isEmpty();
    }

    @Test
    void theShippedExamplesOfNoticesWithoutOurFileNameLoad() {
        // when
        ReturnNoticeLayout portal = ReturnLayoutFile.load(SHIPPED, "portal-totals-example");
        ReturnNoticeLayout api = ReturnLayoutFile.load(SHIPPED, "bank-api-example");
        // then
        assertThat(((ReturnNoticeLayout.Csv) portal.shape()).trailer()).contains(new ReturnNoticeLayout.Trailer("合計", 2, 3));
        assertThat(portal.accountType("貯蓄")).contains(AccountType.SAVINGS);
        assertThat(portal.has(Column.FILE_NAME)).isFalse();
        assertThat(((ReturnNoticeLayout.Json) api.shape()).records()).isEqualTo("/returnedTransfers");
        assertThat(api.has(Column.TRANSFER_DATE)).isTrue();
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
        assertThat(layout).isEqualTo(ReturnNoticeLayout.csv("bank",
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
        assertThatThrownBy(() -> parse("columns: [file_name]\nfooter: [x]"))
                .hasMessageStartingWith("unknown key 'footer'");
        String allColumns = "columns: [file_name, customer_code, bank_code, branch_code, account_number, amount, reason_code]\n";
        assertThatThrownBy(() -> parse(allColumns + "encoding: UTF-16"))
                .hasMessageStartingWith("encoding UTF-16 is not one that writes ASCII as single bytes");
        assertThatThrownBy(() -> parse(allColumns + "header-lines: one")).hasMessage("header-lines must be a whole number");
        assertThatThrownBy(() -> parse(allColumns + "reason-codes: {\"07\": 7}"))
                .hasMessage("reason-codes: the bank's '07' maps to '7', which is not one of 1, 2, 3, 4, 9");
    }

    @Test
    void readsTheShapesOfBanksThatWriteTheirOwnForms() {
        // when
        ReturnNoticeLayout portal = parse("""
                columns: [transfer_date, customer_code, bank_code, branch_code, account_type, account_number, amount, reason_code]
                date-format: yyyy/MM/dd
                account-types: {普通: 1, 当座: 2, 貯蓄: 4}
                trailer: {label: 合計, count: 2, amount: 3}
                transfer-date-window-days: 5
                """);
        ReturnNoticeLayout api = parse("""
                format: json
                records: /data/returns
                fields: {business_date: businessDate, customer_code: customerCode, bank_code: /to/bank, branch_code: /to/branch,
                         account_number: /to/number, amount: amount, reason_code: code}
                """);
        // then
        assertThat(portal.shape()).isEqualTo(new ReturnNoticeLayout.Csv(List.of(Column.TRANSFER_DATE, Column.CUSTOMER_CODE,
                Column.BANK_CODE, Column.BRANCH_CODE, Column.ACCOUNT_TYPE, Column.ACCOUNT_NUMBER, Column.AMOUNT,
                Column.REASON_CODE), 0, Charset.forName("Windows-31J"), Optional.of(new ReturnNoticeLayout.Trailer("合計", 2, 3))));
        assertThat(portal.accountType("当座")).contains(AccountType.CHECKING);
        assertThat(portal.accountType("2")).isEmpty();
        assertThat(portal.transferDateWindowDays()).isEqualTo(5);
        assertThat(api.shape()).isEqualTo(new ReturnNoticeLayout.Json("/data/returns", Map.of(Column.BUSINESS_DATE,
                "businessDate", Column.CUSTOMER_CODE, "customerCode", Column.BANK_CODE, "/to/bank", Column.BRANCH_CODE,
                "/to/branch", Column.ACCOUNT_NUMBER, "/to/number", Column.AMOUNT, "amount", Column.REASON_CODE, "code")));
        assertThat(api.transferDateWindowDays()).isEqualTo(ReturnNoticeLayout.DEFAULT_TRANSFER_DATE_WINDOW_DAYS);
    }

    @Test
    void refusesShapesThatCannotNameAPayoutOrMixCsvAndJson() {
        String fields = "customer_code, bank_code, branch_code, account_number, amount, reason_code";
        assertThatThrownBy(() -> parse("columns: [" + fields + "]")).hasMessage("columns need file_name, transfer_date or"
                + " business_date: without one a line cannot name its payout's run");
        assertThatThrownBy(() -> parse("format: json\ncolumns: [" + fields + "]"))
                .hasMessage("columns does not apply to format json");
        assertThatThrownBy(() -> parse("format: json\nencoding: Windows-31J\nfields: {}"))
                .hasMessage("a JSON notice is UTF-8; leave encoding out");
        assertThatThrownBy(() -> parse("format: xml")).hasMessage("format must be csv or json");
        String csv = "columns: [file_name, " + fields + ", account_type]\n";
        assertThatThrownBy(() -> parse(csv + "account-types: {普通預金: 3}"))
                .hasMessage("account-types: the bank's '普通預金' maps to '3', which is not one of 1, 2, 4");
        assertThatThrownBy(() -> parse(csv + "trailer: {label: 合計, count: 2, amount: 2}"))
                .hasMessage("trailer: count and amount must be two field numbers, counted from 1");
        assertThatThrownBy(() -> parse(csv + "date-format: MM/dd")).hasMessage("date-format 'MM/dd' must give year, month and day");
        assertThatThrownBy(() -> parse(csv + "transfer-date-window-days: 41"))
                .hasMessage("transfer-date-window-days must be 0 to 40");
        assertThatThrownBy(() -> parse(csv + "encoding: UTF-99")).hasMessage("encoding UTF-99 is not one this Java knows");
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

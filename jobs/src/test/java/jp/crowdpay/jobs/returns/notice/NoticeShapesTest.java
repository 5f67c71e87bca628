package jp.crowdpay.jobs.returns.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Notices in the shapes banks export them, each expressed in a layout file: amounts with
 * separators and full-width digits, account types as words, a total row, dates instead of our
 * file name, a JSON array. Each shape is read to the same lines, or refused naming what is wrong.
 */
class NoticeShapesTest {

    private static final Charset WINDOWS_31J = Charset.forName("Windows-31J");

    /** A portal's export: title line, transfer date, account type as a word, amount grouped, a total row. */
    private static final ReturnNoticeLayout PORTAL = layout("""
            columns: [transfer_date, customer_code, bank_code, branch_code, account_type, account_number, payee_name, amount, reason_code, reason_text]
            header-lines: 1
            date-format: yyyy/MM/dd
            account-types: {普通: 1, 当座: 2, 貯蓄: 4}
            trailer: {label: 合計, count: 2, amount: 3}
            reason-codes: {"01": 1, "02": 2, "09": 9}
            """);
    private static final String TITLE = "振込指定日,顧客コード,銀行コード,支店コード,預金種目,口座番号,受取人名,金額,理由コード,理由\r\n";

    private static ReturnNoticeLayout layout(String yaml) {
        return ReturnLayoutFile.parse("bank", new Yaml().load(yaml));
    }

    private static ReturnNoticeParser.Parsed parse(ReturnNoticeLayout layout, String notice, Charset encoding) {
        return new ReturnNoticeParser(layout).parse(notice.getBytes(encoding));
    }

    private static NoticeLine line(int number, long worker, Integer type, String name, long yen, ReturnReason reason,
                                   String text) {
        return new NoticeLine(number, null, LocalDate.parse("2026-11-25"), null, worker, "0036", "251", type,
                String.format("%07d", worker), name, yen, reason, text);
    }

    @Test
    void readsGroupedAndFullWidthAmountsAccountTypeWordsAndSkipsTheTotalRowThatAgrees() {
        // when
        ReturnNoticeParser.Parsed parsed = parse(PORTAL, TITLE
                + "2026/11/25,0000000007,0036,251,普通,0000007,ﾔﾏﾀﾞ ﾀﾛｳ,\"131,462\",01,該当口座なし\r\n"
                + "２０２６/１１/２５,０００００００００８,0036,251,当座,0000008,ﾔﾏﾀﾞ ﾊﾅｺ,１，０００円,02,\r\n"
                + "2026/11/25,0000000009,0036,251,貯蓄,0000009,ﾔﾏﾀﾞ ｼﾞﾛｳ,999,09,\r\n"
                + "合計,3件,\"133,461\",,,,,,,\r\n", WINDOWS_31J);
        // then: 131,462 + 1,000 + 999 = 133,461 yen in 3 returns
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.lines()).containsExactly(
                line(2, 7, 1, "ﾔﾏﾀﾞ ﾀﾛｳ", 131_462, ReturnReason.NO_SUCH_ACCOUNT, "該当口座なし"),
                line(3, 8, 2, "ﾔﾏﾀﾞ ﾊﾅｺ", 1_000, ReturnReason.PAYEE_NAME_DIFFERS, ""),
                line(4, 9, 4, "ﾔﾏﾀﾞ ｼﾞﾛｳ", 999, ReturnReason.OTHER, ""));
    }

    @Test
    void refusesTheWholeNoticeWhenItsTotalRowDisagreesInCountOrYen() {
        // given: the total row states 3 returns of 133,462 yen; the notice lists 2 of 132,462
        String notice = TITLE
                + "2026/11/25,0000000007,0036,251,普通,0000007,ﾔﾏﾀﾞ ﾀﾛｳ,\"131,462\",01,\r\n"
                + "2026/11/25,0000000008,0036,251,普通,0000008,ﾔﾏﾀﾞ ﾊﾅｺ,\"1,000\",01,\r\n"
                + "合計,3,133462\r\n";
        // when
        ReturnNoticeParser.Parsed parsed = parse(PORTAL, notice, WINDOWS_31J);
        // then
        assertThat(parsed.problems()).extracting(RefusedLine::toString).containsExactly(
                "line 4: the total row states 3 returns, but the notice lists 2 and states 133,462 yen, but the lines add"
                        + " up to 132,462 yen; the notice is refused whole");
    }

    @Test
    void refusesANoticeWithoutItsTotalRowOrWithLinesAfterIt() {
        // given
        String line = "2026/11/25,0000000007,0036,251,普通,0000007,ﾔﾏﾀﾞ ﾀﾛｳ,500,01,\r\n";
        // when
        ReturnNoticeParser.Parsed cutShort = parse(PORTAL, TITLE + line, WINDOWS_31J);
        ReturnNoticeParser.Parsed lineAfter = parse(PORTAL, TITLE + line + "合計,1,500\r\n" + line, WINDOWS_31J);
        ReturnNoticeParser.Parsed unreadableTotal = parse(PORTAL, TITLE + line + "合計,一件\r\n", WINDOWS_31J);
        // then
        assertThat(cutShort.problems()).extracting(RefusedLine::toString).containsExactly("the notice: it has no total row"
                + " (a line starting 合計), which the layout bank expects as its last line: was the export cut short?");
        assertThat(lineAfter.problems()).extracting(RefusedLine::toString).containsExactly(
                "line 3: the total row states 1 return, but the notice lists 2; the notice is refused whole",
                "line 4: the line follows the total row (line 3), which must be the last");
        assertThat(unreadableTotal.problems()).extracting(RefusedLine::toString).containsExactly(
                "line 3: the total row does not hold a count of returns in field 2 and a sum of yen in field 3");
    }

    @Test
    void refusesAmountsThatAreNotWholeYenOrNotGroupedByThree() {
        // when
        ReturnNoticeParser.Parsed parsed = parse(PORTAL, TITLE
                + "2026/11/25,0000000007,0036,251,普通,0000007,ﾔﾏﾀﾞ ﾀﾛｳ,\"13,1462\",01,\r\n"
                + "2026/11/25,0000000008,0036,251,普通,0000008,ﾔﾏﾀﾞ ﾊﾅｺ,1000.5,01,\r\n"
                + "2026/11/25,0000000009,0036,251,普通,0000009,ﾔﾏﾀﾞ ｼﾞﾛｳ,0,01,\r\n"
                + "合計,3,\"131,463\"\r\n", WINDOWS_31J);
        // then
        assertThat(parsed.problems()).extracting(RefusedLine::lineNumber).containsExactly(2, 3, 4);
        assertThat(parsed.problems()).allSatisfy(problem -> assertThat(problem.why())
                .isEqualTo("the amount must be a whole number of yen above 0 (digits, thousands separators allowed)"));
    }

    @Test
    void refusesAnAccountTypeWordOrADateTheLayoutDoesNotKnowWithoutQuotingIt() {
        // when
        ReturnNoticeParser.Parsed parsed = parse(PORTAL, TITLE
                + "2026/11/31,0000000007,0036,251,普通預金,0000007,ﾔﾏﾀﾞ ﾀﾛｳ,500,01,\r\n"
                + "合計,1,500\r\n", WINDOWS_31J);
        // then
        assertThat(parsed.problems()).extracting(RefusedLine::toString).containsExactly(
                "line 2: the transfer date is not a date written yyyy/MM/dd; account type '普***' (masked) is not one the"
                        + " layout bank knows [普通, 当座, 貯蓄]");
    }

    @Test
    void aMisalignedExportThatPutsANameOrAnAccountNumberInTheReasonCodeHasItMasked() {
        // given: the bank inserted a column; the reason code field holds the payee name, then the account number
        ReturnNoticeLayout layout = layout("""
                columns: [file_name, customer_code, bank_code, branch_code, account_number, amount, reason_code]
                reason-codes: {"01": 1}
                """);
        // when
        ReturnNoticeParser.Parsed parsed = parse(layout,
                "payout-20261124.csv,0000000007,0036,251,1234567,4500,ﾔﾏﾀﾞ ﾀﾛｳ\r\n"
                        + "payout-20261124.csv,0000000007,0036,251,1234567,4500,7654321\r\n"
                        + "payout-20261124.csv,0000000007,0036,251,1234567,4500,07\r\n", WINDOWS_31J);
        // then: a short code is quoted, anything else is not
        assertThat(parsed.problems()).extracting(RefusedLine::toString).containsExactly(
                "line 1: reason code 'ﾔ***' (masked) is not one the layout bank knows [01]",
                "line 2: reason code '7***' (masked) is not one the layout bank knows [01]",
                "line 3: reason code '07' is not one the layout bank knows [01]");
        assertThat(parsed.problems().toString()).doesNotContain("ﾀﾛｳ").doesNotContain("654321");
    }

    @Test
    void namesCrOnlyLineEndingsAndACrInsideALine() {
        // given
        String line = "payout-20261124.csv,0000000007,0036,251,1234567,4500,1,";
        // when
        ReturnNoticeParser.Parsed crOnly = parse(ReturnNoticeLayout.BUILT_IN, line + "\r" + line + "\r", WINDOWS_31J);
        ReturnNoticeParser.Parsed mixed = parse(ReturnNoticeLayout.BUILT_IN, line + "\r\n" + line + "\r" + line + "\r\n",
                WINDOWS_31J);
        ReturnNoticeParser.Parsed oneLineEndingInCr = parse(ReturnNoticeLayout.BUILT_IN, line + "\r", WINDOWS_31J);
        // then
        assertThat(crOnly.problems()).extracting(RefusedLine::toString).containsExactly("the notice: its lines end in CR"
                + " alone (the line ending of classic Mac OS), which this import does not split on; export the notice with"
                + " CRLF or LF line endings");
        assertThat(mixed.problems()).extracting(RefusedLine::toString).containsExactly("line 2: a CR without LF at"
                + " character 56: the notice mixes line endings; export it with CRLF or LF line endings");
        assertThat(oneLineEndingInCr.problems()).isEmpty();
        assertThat(oneLineEndingInCr.lines()).hasSize(1);
    }

    @Test
    void matchesByBusinessDateWhenTheBankCarriesThatInstead() {
        // given
        ReturnNoticeLayout layout = layout("""
                columns: [business_date, customer_code, bank_code, branch_code, account_number, amount, reason_code]
                date-format: yyyyMMdd
                """);
        // when
        ReturnNoticeParser.Parsed parsed = parse(layout, "20261124,0000000007,0036,251,0000007,4500,1\n", WINDOWS_31J);
        // then
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.lines()).containsExactly(new NoticeLine(1, null, null, LocalDate.parse("2026-11-24"), 7, "0036",
                "251", null, "0000007", null, 4_500, ReturnReason.NO_SUCH_ACCOUNT, ""));
    }

    /** A bank API's returned-transfer details: the array under a key, the account nested, numbers as numbers. */
    private static final ReturnNoticeLayout API = layout("""
            format: json
            records: /returnedTransfers
            fields:
              transfer_date: transferDate
              customer_code: customerCode
              bank_code: /beneficiary/bankCode
              branch_code: /beneficiary/branchCode
              account_type: /beneficiary/accountType
              account_number: /beneficiary/accountNumber
              payee_name: /beneficiary/name
              amount: amount
              reason_code: reasonCode
              reason_text: reason
            """);

    @Test
    void readsAJsonArrayWithTheFieldNamesTheLayoutMaps() {
        // when
        ReturnNoticeParser.Parsed parsed = parse(API, """
                {"count": 2, "returnedTransfers": [
                  {"transferDate": "2026-11-25", "customerCode": "0000000007", "amount": 131462, "reasonCode": "1",
                   "reason": "該当口座なし", "beneficiary": {"bankCode": "0036", "branchCode": "251", "accountType": 1,
                   "accountNumber": "0000007", "name": "ﾔﾏﾀﾞ ﾀﾛｳ"}, "requestId": "a-1"},
                  {"transferDate": "2026-11-25", "customerCode": "0000000008", "amount": "1,000", "reasonCode": 2,
                   "reason": null, "beneficiary": {"bankCode": "0036", "branchCode": "251", "accountType": "2",
                   "accountNumber": "0000008", "name": "ヤマダ　ハナコ"}}
                ]}""", StandardCharsets.UTF_8);
        // then
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.lines()).containsExactly(
                line(1, 7, 1, "ﾔﾏﾀﾞ ﾀﾛｳ", 131_462, ReturnReason.NO_SUCH_ACCOUNT, "該当口座なし"),
                line(2, 8, 2, "ﾔﾏﾀﾞ ﾊﾅｺ", 1_000, ReturnReason.PAYEE_NAME_DIFFERS, ""));
    }

    @Test
    void refusesJsonRecordsWithoutAFieldOrOfTheWrongKindNamingTheRecord() {
        // when
        ReturnNoticeParser.Parsed parsed = parse(API, """
                {"returnedTransfers": [
                  {"transferDate": "2026-11-25", "customerCode": "0000000007", "amount": 131462.5, "reasonCode": "1",
                   "beneficiary": {"bankCode": "0036", "branchCode": "251", "accountType": 1, "accountNumber": "0000007",
                   "name": "ﾔﾏﾀﾞ ﾀﾛｳ"}},
                  {"transferDate": "2026-11-25", "customerCode": 7, "amount": 500, "reasonCode": "1",
                   "beneficiary": {"bankCode": "0036", "branchCode": "251", "accountType": 1, "name": {"kana": "ﾔﾏﾀﾞ"}}},
                  "0000000007"
                ]}""", StandardCharsets.UTF_8);
        // then
        assertThat(parsed.problems()).extracting(problem -> problem.describe(API.shape().unit())).containsExactly(
                "record 1: the amount must be a whole number of yen above 0 (digits, thousands separators allowed)",
                "record 2: the field /beneficiary/accountNumber (account_number) is missing; the field /beneficiary/name"
                        + " (payee_name) is not a string or a number",
                "record 3: not a JSON object");
    }

    @Test
    void refusesADocumentThatIsNotJsonPlacingTheErrorWithoutQuotingIt() {
        // when
        ReturnNoticeParser.Parsed broken = parse(API, "{\"returnedTransfers\": [{\"name\": ﾔﾏﾀﾞ}]}", StandardCharsets.UTF_8);
        ReturnNoticeParser.Parsed noArray = parse(API, "{\"returnedTransfers\": {}}", StandardCharsets.UTF_8);
        ReturnNoticeParser.Parsed latin1 = parse(API, "[\"é\"]", StandardCharsets.ISO_8859_1);
        // then
        assertThat(broken.problems()).extracting(RefusedLine::toString)
                .containsExactly("the notice: not valid JSON at line 1, column 33");
        assertThat(noArray.problems()).extracting(RefusedLine::toString)
                .containsExactly("the notice: expected an array of returned transfers at /returnedTransfers");
        assertThat(latin1.problems()).extracting(RefusedLine::toString)
                .containsExactly("the notice: the bytes are not valid UTF-8, which a JSON notice is");
    }
}

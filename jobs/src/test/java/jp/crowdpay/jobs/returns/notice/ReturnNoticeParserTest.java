package jp.crowdpay.jobs.returns.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.returns.notice.ReturnNoticeLayout.Column;
import org.junit.jupiter.api.Test;

class ReturnNoticeParserTest {

    private static final Charset WINDOWS_31J = Charset.forName("Windows-31J");
    private static final String LINE = "payout-20261124.csv,0000000007,0036,251,1234567,4500,1,該当口座なし";

    private static ReturnNoticeParser.Parsed parse(String notice) {
        return parse(ReturnNoticeLayout.BUILT_IN, notice.getBytes(WINDOWS_31J));
    }

    private static ReturnNoticeParser.Parsed parse(ReturnNoticeLayout layout, byte[] notice) {
        return new ReturnNoticeParser(layout).parse(notice);
    }

    @Test
    void readsEveryFieldOfTheDefaultLayout() {
        // when
        ReturnNoticeParser.Parsed parsed = parse(LINE + "\r\n");
        // then
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.lines()).containsExactly(new NoticeLine(1, "payout-20261124.csv", null, null, 7, "0036", "251", null,
                "1234567", null, 4_500, ReturnReason.NO_SUCH_ACCOUNT, "該当口座なし"));
    }

    @Test
    void keepsTheBanksReasonTextAsGivenAndAcceptsItEmpty() {
        // when
        ReturnNoticeParser.Parsed parsed = parse(
                "payout-20261124.csv,0000000007,0036,251,1234567,4500,9,\" その他, \"\"窓口\"\"照会中 \"\r\n"
                        + "payout-20261124.csv,0000000008,0036,251,1234568,500,2,\r\n"
                        + "payout-20261124.csv,0000000009,0036,251,1234569,500,3, 解約 \r\n");
        // then
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.lines()).extracting(NoticeLine::reasonText).containsExactly(" その他, \"窓口\"照会中 ", "", " 解約 ");
    }

    @Test
    void acceptsLfLineEndingsAndIgnoresEmptyLinesAtTheEnd() {
        // when
        ReturnNoticeParser.Parsed parsed = parse(LINE + "\n" + LINE.replace("0000000007", "0000000009") + "\n\r\n\n");
        // then
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.lines()).extracting(NoticeLine::workerId).containsExactly(7L, 9L);
    }

    @Test
    void anEmptyFileHasNoLinesAndNoProblems() {
        // when
        ReturnNoticeParser.Parsed parsed = parse("");
        // then
        assertThat(parsed.lines()).isEmpty();
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void listsEveryMalformedLineWithItsNumberAndWhy() {
        // given
        String notice = LINE + "\r\n"
                + "\r\n"
                + "payout-20261124.csv,7,0036,251,1234567,4500,1,\r\n"
                + "payout-20261124.csv,0000000007,36,251,12345,4,500,1\r\n"
                + "payout-20261124.csv,0000000007,0036,251,1234567,4500,1\r\n"
                + ",0000000007,0036,251,1234567,0,5,x\r\n"
                + "payout-20261124.csv,0000000007,0036,251,1234567,\"4500,1,x\r\n"
                + "payout-20261124.csv,0000000007,0036,251,1234567,\"4500\"0,1,x\r\n"
                + LINE + "\r\n";
        // when
        ReturnNoticeParser.Parsed parsed = parse(notice);
        // then
        assertThat(parsed.problems()).extracting(RefusedLine::toString).containsExactly(
                "line 2: the line is empty",
                "line 3: customer code must be 10 digits",
                "line 4: bank code must be 4 digits; account number must be 7 digits;"
                        + " reason code '500' is not one the layout default knows (1, 2, 3, 4, 9)",
                "line 5: 7 fields, but the layout default has 8",
                "line 6: the file name is missing; the amount must be a whole number of yen above 0 (digits, thousands separators allowed);"
                        + " reason code '5' is not one the layout default knows (1, 2, 3, 4, 9)",
                "line 7: not a CSV line: the quote at character 49 is not closed",
                "line 8: not a CSV line: character 55 follows a closing quote");
        assertThat(parsed.lines()).extracting(NoticeLine::lineNumber).containsExactly(1, 9);
    }

    @Test
    void refusesBytesThatAreNotWindows31jNamingTheLine() {
        // given: line 2 holds its reason text in UTF-8, where 口座なし ends in a byte that starts a two-byte character
        byte[] second = "payout-20261124.csv,0000000008,0036,251,1234568,500,1,口座なし\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] first = (LINE + "\r\n").getBytes(WINDOWS_31J);
        byte[] notice = new byte[first.length + second.length];
        System.arraycopy(first, 0, notice, 0, first.length);
        System.arraycopy(second, 0, notice, first.length, second.length);
        // when
        ReturnNoticeParser.Parsed parsed = parse(ReturnNoticeLayout.BUILT_IN, notice);
        // then
        assertThat(parsed.problems()).extracting(RefusedLine::toString).containsExactly(
                "line 2: the bytes are not valid windows-31j; export the notice in the layout's encoding");
    }

    @Test
    void refusesBytesThatDecodeOnlyToControlOrPrivateUseCharacters() {
        // given: 0x80 and 0xF0 0x40 (外字) have no character in Windows-31J, though Java decodes them
        byte[] notice = (LINE + "\r\n" + LINE + "\r\n" + LINE + "\r\n").getBytes(WINDOWS_31J);
        // the last character of each line, し, is two bytes before CRLF
        notice[notice.length - 4] = 'A';
        notice[notice.length - 3] = (byte) 0x80;
        int secondLineEnd = 2 * (LINE.getBytes(WINDOWS_31J).length + 2);
        notice[secondLineEnd - 4] = (byte) 0xF0;
        notice[secondLineEnd - 3] = (byte) 0x40;
        // when
        ReturnNoticeParser.Parsed parsed = parse(ReturnNoticeLayout.BUILT_IN, notice);
        // then
        assertThat(parsed.problems()).extracting(RefusedLine::lineNumber).containsExactly(2, 3);
        assertThat(parsed.problems().get(0).why()).startsWith("character ").endsWith(" is not valid windows-31j text;"
                + " export the notice in the layout's encoding");
    }

    @Test
    void readsABanksOwnLayoutWithTitleLineSkippedColumnsNormalisedNameAndMappedReasonCodes() {
        // given
        ReturnNoticeLayout portal = ReturnNoticeLayout.csv("portal",
                List.of(Column.SKIP, Column.FILE_NAME, Column.CUSTOMER_CODE, Column.BANK_CODE, Column.BRANCH_CODE,
                        Column.ACCOUNT_TYPE, Column.ACCOUNT_NUMBER, Column.PAYEE_NAME, Column.AMOUNT, Column.REASON_CODE),
                1, StandardCharsets.UTF_8, Map.of("05", ReturnReason.ACCOUNT_FROZEN_OR_REFUSED));
        String notice = "\uFEFF振込日,ファイル,顧客コード,銀行,支店,種目,口座番号,受取人,金額,理由\n"
                + "2026-11-25,payout-20261124.txt,0000000007,0036,251,2,1234567,ヤマダ タロウ,4500,05\n"
                + "2026-11-25,payout-20261124.txt,0000000008,0036,251,3,1234568,ﾔﾏﾀﾞ,500,5\n";
        // when
        ReturnNoticeParser.Parsed parsed = parse(portal, notice.getBytes(StandardCharsets.UTF_8));
        // then
        assertThat(parsed.lines()).containsExactly(new NoticeLine(2, "payout-20261124.txt", null, null, 7, "0036", "251", 2,
                "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ", 4_500, ReturnReason.ACCOUNT_FROZEN_OR_REFUSED, ""));
        assertThat(parsed.problems()).extracting(RefusedLine::toString).containsExactly(
                "line 3: account type must be 1, 2 or 4; reason code '5' is not one the layout portal knows [05]");
    }
}

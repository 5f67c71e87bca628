package jp.crowdpay.jobs.returns.notice;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import jp.crowdpay.jobs.bankfile.account.AccountType;
import jp.crowdpay.jobs.bankfile.account.PayeeName;
import jp.crowdpay.jobs.bankfile.account.PayeeNameNormalizer;
import jp.crowdpay.jobs.returns.notice.ReturnNoticeLayout.Column;

/**
 * Checks the form of every field of one returned transfer, whatever the notice's shape, and makes
 * it a {@link NoticeLine}, or says what is wrong with each field. Digits may be full-width and
 * amounts grouped ({@link NoticeNumbers}); account types and reason codes are read in the bank's
 * words through the layout. Problems name the field, never quote a value that could be personal
 * data ({@link RefusalText}).
 */
final class NoticeFields {

    private final ReturnNoticeLayout layout;

    NoticeFields(ReturnNoticeLayout layout) {
        this.layout = layout;
    }

    /** The line, or empty with the record's problems added to {@code problems}. */
    Optional<NoticeLine> read(NoticeRecord record, List<RefusedLine> problems) {
        StringJoiner wrong = new StringJoiner("; ");
        String bankFile = null;
        if (layout.has(Column.FILE_NAME)) {
            bankFile = record.get(Column.FILE_NAME).strip();
            if (bankFile.isEmpty()) {
                wrong.add("the file name is missing");
            }
        }
        LocalDate transferDate = date(record, Column.TRANSFER_DATE, "transfer date", wrong);
        LocalDate businessDate = date(record, Column.BUSINESS_DATE, "business date", wrong);
        String customerCode = digits(record, Column.CUSTOMER_CODE, "customer code", 10, wrong);
        String bankCode = digits(record, Column.BANK_CODE, "bank code", 4, wrong);
        String branchCode = digits(record, Column.BRANCH_CODE, "branch code", 3, wrong);
        String accountNumber = digits(record, Column.ACCOUNT_NUMBER, "account number", 7, wrong);
        Integer accountType = accountType(record, wrong);
        String payeeName = null;
        if (layout.has(Column.PAYEE_NAME)) {
            if (PayeeNameNormalizer.normalize(record.get(Column.PAYEE_NAME)) instanceof PayeeName.Valid valid) {
                payeeName = valid.name();
            } else {
                wrong.add("the payee name is not one the bank takes");
            }
        }
        OptionalLong amount = NoticeNumbers.yen(record.get(Column.AMOUNT));
        if (amount.isEmpty()) {
            wrong.add("the amount must be a whole number of yen above 0 (digits, thousands separators allowed)");
        }
        String reasonCode = NoticeNumbers.halfWidth(record.get(Column.REASON_CODE));
        Optional<ReturnReason> reason = layout.reason(reasonCode);
        if (reason.isEmpty()) {
            wrong.add("reason code " + RefusalText.code(reasonCode) + " is not one the layout " + layout.name() + " knows"
                    + (layout.reasonCodes().isEmpty() ? " (1, 2, 3, 4, 9)" : " " + layout.reasonCodes().keySet()));
        }
        if (wrong.length() > 0) {
            problems.add(new RefusedLine(record.number(), wrong.toString()));
            return Optional.empty();
        }
        return Optional.of(new NoticeLine(record.number(), bankFile, transferDate, businessDate, Long.parseLong(customerCode),
                bankCode, branchCode, accountType, accountNumber, payeeName, amount.getAsLong(), reason.get(),
                record.get(Column.REASON_TEXT)));
    }

    /** The amount in the record, when it is one: what a total row is checked against. */
    static OptionalLong amount(NoticeRecord record) {
        return NoticeNumbers.yen(record.get(Column.AMOUNT));
    }

    private static String digits(NoticeRecord record, Column column, String name, int length, StringJoiner wrong) {
        String value = NoticeNumbers.halfWidth(record.get(column));
        if (!value.matches("[0-9]{" + length + "}")) {
            wrong.add(name + " must be " + length + " digits");
        }
        return value;
    }

    private LocalDate date(NoticeRecord record, Column column, String name, StringJoiner wrong) {
        if (!layout.has(column)) {
            return null;
        }
        try {
            return LocalDate.parse(NoticeNumbers.halfWidth(record.get(column)), layout.dates());
        } catch (DateTimeParseException notADate) {
            wrong.add("the " + name + " is not a date written " + layout.dateFormat());
            return null;
        }
    }

    private Integer accountType(NoticeRecord record, StringJoiner wrong) {
        if (!layout.has(Column.ACCOUNT_TYPE)) {
            return null;
        }
        String value = NoticeNumbers.halfWidth(record.get(Column.ACCOUNT_TYPE));
        Optional<AccountType> type = layout.accountType(value);
        if (type.isPresent()) {
            return type.get().code();
        }
        wrong.add(layout.accountTypes().isEmpty() ? "account type must be 1, 2 or 4"
                : "account type " + RefusalText.code(value) + " is not one the layout " + layout.name() + " knows "
                        + layout.accountTypes().keySet());
        return null;
    }
}

package jp.crowdpay.jobs.returns.notice;

import java.util.Map;
import jp.crowdpay.jobs.returns.notice.ReturnNoticeLayout.Column;

/**
 * One returned transfer as the notice holds it, before any field is checked: the text of each
 * field the layout names, by field.
 *
 * @param number the line of a CSV notice, or the record of a JSON array, counted from 1
 */
record NoticeRecord(int number, Map<Column, String> values) {

    NoticeRecord {
        values = Map.copyOf(values);
    }

    /** The field's text; empty when the notice left it out. */
    String get(Column column) {
        return values.getOrDefault(column, "");
    }
}

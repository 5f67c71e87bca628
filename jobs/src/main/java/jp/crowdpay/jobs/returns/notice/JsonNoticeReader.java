package jp.crowdpay.jobs.returns.notice;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import jp.crowdpay.jobs.returns.notice.ReturnNoticeLayout.Column;

/**
 * Reads a JSON notice, an array of objects as a bank's API returns its returned-transfer details,
 * in UTF-8. Each field is read by the name the layout maps it to, or by a JSON Pointer into the
 * object; strings and numbers are taken as their text, so a code written as a number loses no
 * form check. Objects carry more fields than the import needs; those are ignored. Problems
 * never quote the document: a syntax error is placed by line and column only.
 */
final class JsonNoticeReader implements NoticeReader {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ReturnNoticeLayout.Json json;

    JsonNoticeReader(ReturnNoticeLayout.Json json) {
        this.json = json;
    }

    @Override
    public Read read(byte[] notice) {
        Document document = array(notice);
        if (document.problem() != null) {
            return new Read(List.of(), List.of(RefusedLine.ofNotice(document.problem())), 0, Optional.empty());
        }
        List<NoticeRecord> records = new ArrayList<>();
        List<RefusedLine> problems = new ArrayList<>();
        int number = 0;
        for (JsonNode element : document.array()) {
            number++;
            if (!element.isObject()) {
                problems.add(new RefusedLine(number, "not a JSON object"));
                continue;
            }
            StringJoiner wrong = new StringJoiner("; ");
            Map<Column, String> values = new EnumMap<>(Column.class);
            json.names().forEach((column, name) -> {
                JsonNode value = name.startsWith("/") ? element.at(name) : element.get(name);
                if (value == null || value.isMissingNode() || value.isNull()) {
                    if (column != Column.REASON_TEXT) {
                        wrong.add("the field " + name + " (" + column.key() + ") is missing");
                    }
                } else if (value.isTextual() || value.isNumber()) {
                    values.put(column, value.asText());
                } else {
                    wrong.add("the field " + name + " (" + column.key() + ") is not a string or a number");
                }
            });
            if (wrong.length() > 0) {
                problems.add(new RefusedLine(number, wrong.toString()));
            } else {
                records.add(new NoticeRecord(number, values));
            }
        }
        return new Read(records, problems, number, Optional.empty());
    }

    /** The array of returned transfers, or why there is none. */
    private record Document(JsonNode array, String problem) {
        static Document refused(String problem) {
            return new Document(null, problem);
        }
    }

    private Document array(byte[] notice) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(notice)).toString();
        } catch (CharacterCodingException notUtf8) {
            return Document.refused("the bytes are not valid UTF-8, which a JSON notice is");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (JsonProcessingException notJson) {
            // the parser's own message quotes the document, which holds names and account numbers
            JsonLocation at = notJson.getLocation();
            return Document.refused("not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()));
        }
        JsonNode array = root == null || json.records().isEmpty() ? root : root.at(json.records());
        if (array == null || array.isMissingNode() || !array.isArray()) {
            return Document.refused("expected an array of returned transfers"
                    + (json.records().isEmpty() ? "" : " at " + json.records()));
        }
        return new Document(array, null);
    }
}

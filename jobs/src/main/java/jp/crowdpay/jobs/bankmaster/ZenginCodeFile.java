package jp.crowdpay.jobs.bankmaster;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the zengin-code data set: one JSON object keyed by 4-digit bank code, each bank with
 * code, name, kana and its branches keyed by 3-digit code. Anything else is refused with the
 * place it was found, before the database is touched, as an {@link IllegalArgumentException}
 * of one line: a key that comes twice (a plain reader keeps the last one silently) and anything
 * after the object (a file glued to another) included.
 */
public final class ZenginCodeFile {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ZenginCodeFile() {
    }

    /** @throws IOException when the file cannot be read */
    public static BankMasterData read(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = STRICT.readTree(in);
        } catch (JsonProcessingException notJson) {
            JsonLocation at = notJson.getLocation();
            throw new IllegalArgumentException((at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
                    + notJson.getOriginalMessage().lines().findFirst().orElse("not JSON"), notJson);
        }
        return parse(root);
    }

    static BankMasterData parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object keyed by bank code");
        }
        Map<String, BankMasterData.Bank> banks = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String where = "bank " + entry.getKey();
            JsonNode node = entry.getValue();
            String code = code(node, entry.getKey(), 4, where);
            String kana = text(node, "kana", where);
            Map<String, BankMasterData.Branch> branches = new TreeMap<>();
            JsonNode branchNodes = node.path("branches");
            if (!branchNodes.isMissingNode() && !branchNodes.isObject()) {
                throw new IllegalArgumentException(where + ": branches is not an object");
            }
            for (Map.Entry<String, JsonNode> branch : branchNodes.properties()) {
                String branchWhere = where + " branch " + branch.getKey();
                String branchKana = text(branch.getValue(), "kana", branchWhere);
                branches.put(branch.getKey(), new BankMasterData.Branch(
                        code(branch.getValue(), branch.getKey(), 3, branchWhere),
                        text(branch.getValue(), "name", branchWhere), branchKana, ZenginName.of(branchKana)));
            }
            banks.put(code, new BankMasterData.Bank(code, text(node, "name", where), kana, ZenginName.of(kana),
                    branches));
        }
        return new BankMasterData(new TreeMap<>(banks));
    }

    private static String code(JsonNode node, String key, int digits, String where) {
        String code = text(node, "code", where);
        if (!code.equals(key) || code.length() != digits || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(where + ": code must be " + digits + " digits equal to its key");
        }
        return code;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(where + ": " + field + " is missing or not text");
        }
        return value.asText();
    }
}

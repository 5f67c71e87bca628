package jp.crowdpay.jobs.runs;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.UncategorizedSQLException;

/**
 * A statement the database refused for want of a grant. PostgreSQL names the table, not the
 * privilege; the statement says which privileges it needs on that table, so the line a DBA reads
 * names both: {@code permission denied for table bank_account: the statement needs SELECT and
 * UPDATE on it (it locks its rows FOR SHARE)}.
 */
final class PermissionDenied {

    /** SQLSTATE insufficient_privilege. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final Pattern DENIED = Pattern.compile("permission denied for (table|view|sequence|schema|function|database) (\\S+)");
    private static final Pattern ROW_LOCK = Pattern.compile("\\bfor\\s+(?:no\\s+key\\s+update|key\\s+share|share|update)\\b(?:\\s+of\\s+([\\w\\s,]+))?");

    private PermissionDenied() {
    }

    /** The line for the first refused statement among the failures and their causes, if one was refused. */
    static Optional<String> describe(List<Throwable> causes) {
        String sql = null;
        for (Throwable cause : causes) {
            if (cause instanceof BadSqlGrammarException grammar) {
                sql = grammar.getSql();
            } else if (cause instanceof UncategorizedSQLException uncategorized) {
                sql = uncategorized.getSql();
            }
            if (cause instanceof SQLException refused && INSUFFICIENT_PRIVILEGE.equals(refused.getSQLState())) {
                Matcher denied = DENIED.matcher(String.valueOf(refused.getMessage()));
                if (denied.find()) {
                    return Optional.of(denied.group() + ": " + needs(denied.group(1), denied.group(2), sql));
                }
            }
        }
        return Optional.empty();
    }

    /** What the object must grant, by its kind and the statement that used it. */
    static String needs(String kind, String object, String sql) {
        return switch (kind) {
            case "sequence" -> "the role needs USAGE on it";
            case "schema" -> "the role needs USAGE on it (CREATE, for migrate)";
            case "function" -> "the role needs EXECUTE on it";
            case "database" -> "the role needs CONNECT on it";
            default -> tableNeeds(object, sql);
        };
    }

    private static String tableNeeds(String table, String sql) {
        if (sql == null) {
            return "the role needs SELECT on it at least (config/database/roles.sql)";
        }
        String statement = sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        String name = Pattern.quote(table.toLowerCase(Locale.ROOT));
        Set<String> privileges = new LinkedHashSet<>();
        boolean locked = false;
        if (Pattern.compile("\\binsert into " + name + "\\b").matcher(statement).find()) {
            privileges.add("INSERT");
            if (statement.contains(" returning ") || statement.contains(" on conflict ")) {
                privileges.add("SELECT");
            }
            if (statement.contains(" do update ")) {
                privileges.add("UPDATE");
            }
        }
        if (Pattern.compile("\\bupdate " + name + "\\b").matcher(statement).find()) {
            privileges.add("UPDATE");
            privileges.add("SELECT");
        }
        if (Pattern.compile("\\bdelete from " + name + "\\b").matcher(statement).find()) {
            privileges.add("DELETE");
            privileges.add("SELECT");
        }
        if (Pattern.compile("\\block table [\\w\\s,]*\\b" + name + "\\b").matcher(statement).find()) {
            privileges.add("UPDATE");
        }
        Matcher read = Pattern.compile("\\b(?:from|join) " + name + "(?: as)?(?: (\\w+))?").matcher(statement);
        while (read.find()) {
            privileges.add("SELECT");
            locked |= isLocked(statement, table.toLowerCase(Locale.ROOT), read.group(1));
        }
        if (locked) {
            privileges.add("UPDATE");
        }
        if (privileges.isEmpty()) {
            return "a trigger or view of the statement reads it: the role needs SELECT on it, at least";
        }
        List<String> sorted = privileges.stream().sorted().toList();
        String list = sorted.size() == 1 ? sorted.get(0)
                : String.join(", ", sorted.subList(0, sorted.size() - 1)) + " and " + sorted.get(sorted.size() - 1);
        return "the statement needs " + list + " on it" + (locked ? " (it locks its rows FOR SHARE or FOR UPDATE,"
                + " which needs UPDATE)" : "");
    }

    /** Whether the statement's row-locking clause covers the table read as {@code alias}. */
    private static boolean isLocked(String statement, String table, String alias) {
        Matcher lock = ROW_LOCK.matcher(statement);
        while (lock.find()) {
            if (lock.group(1) == null) {
                return true;
            }
            for (String locked : lock.group(1).split(",")) {
                String name = locked.strip().split(" ")[0];
                if (name.equals(table) || name.equals(alias)) {
                    return true;
                }
            }
        }
        return false;
    }
}

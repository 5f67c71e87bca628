package jp.crowdpay.jobs.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.runs.Secrets;
import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.validation.FieldError;

/** Turns Spring's binding failures into one line per bad setting, named as operators write it. */
final class SettingsErrors {

    private SettingsErrors() {
    }

    static Optional<String> describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidSettingException invalid) {
                return Optional.of(invalid.getMessage());
            }
            if (cause instanceof BindValidationException validation) {
                String prefix = validation.getValidationErrors().getName().toString();
                return Optional.of(validation.getValidationErrors().getAllErrors().stream()
                        .map(error -> error instanceof FieldError field
                                ? prefix + "." + kebab(field.getField()) + " = " + shown(field.getField(), field.getRejectedValue()) + ": "
                                        + field.getDefaultMessage()
                                : prefix + ": " + error.getDefaultMessage())
                        .collect(Collectors.joining("; ")));
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                Class<?> type = bind.getTarget().getType().resolve();
                if (type != null && type.isEnum() && bind.getProperty() != null) {
                    // Spring's own message names the annotated Java type, not what an operator may write
                    return Optional.of(bind.getName() + ": '" + bind.getProperty().getValue() + "' is not one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                                    .collect(Collectors.joining(", ")));
                }
                Throwable reason = bind.getCause();
                if (Secrets.isSecretName(bind.getName().toString())) {
                    // a conversion failure quotes the value
                    return Optional.of(bind.getName() + ": cannot be read (its value is not shown)");
                }
                return Optional.of(bind.getName() + ": " + Secrets.mask(reason == null ? bind.getMessage() : reason.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static Object shown(String field, Object value) {
        return Secrets.isSecretName(field) ? Secrets.NOT_SHOWN : value;
    }

    /** deadlineDays -> deadline-days, thresholds.onDemand -> thresholds.on-demand */
    private static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}

package jp.crowdpay.jobs.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.crowdpay.jobs.support.Command;
import jp.crowdpay.jobs.support.Command.Ran;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * config/kubernetes/payout-jobs.yaml (the CronJobs, and the Pushgateway they push to) against the
 * Kubernetes schemas and the restricted Pod Security Standard, with
 * src/test/kubernetes/check-manifest.mjs and the npm packages its package-lock.json pins (installed
 * here with npm ci, into target/), and the same check failing each deliberately bad copy. An integration test: it needs npm and the npm registry once.
 */
@Tag(Tiers.PROCESS)
class KubernetesManifestIT {

    private static final Path MANIFEST = Path.of("../config/kubernetes/payout-jobs.yaml");
    private static final Path CHECK_SOURCES = Path.of("src/test/kubernetes");
    private static final Path CHECK = Path.of("target/kubernetes-check");

    @TempDir
    Path temp;

    @BeforeAll
    static void installTheCheck() throws Exception {
        boolean npm;
        try {
            npm = Command.run("npm", "--version").exitCode() == 0;
        } catch (IOException notFound) {
            npm = false;
        }
        assumeTrue(npm, "npm is not installed (Debian: apt-get install npm)");
        Files.createDirectories(CHECK);
        for (String file : List.of("package.json", "package-lock.json", "check-manifest.mjs")) {
            Files.copy(CHECK_SOURCES.resolve(file), CHECK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Ran install = Command.run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", CHECK.toString()));
        assertThat(install.exitCode()).as(install.output()).isZero();
    }

    @Test
    void theShippedManifestPassesTheSchemasTheRestrictedStandardAndTheProjectsRules() throws Exception {
        // when
        Ran check = check(MANIFEST);
        // then
        assertThat(check.output()).isEqualTo("ok: 8 objects\n");
        assertThat(check.exitCode()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a deadline that is not a number | activeDeadlineSeconds: 14400 | activeDeadlineSeconds: four-hours"
                    + " | CronJob/payout-nightly: schema: data/spec/jobTemplate/spec/activeDeadlineSeconds must be integer",
            "a restart policy Kubernetes does not know | restartPolicy: Never | restartPolicy: Sometimes"
                    + " | CronJob/payout-nightly: schema: data/spec/jobTemplate/spec/template/spec/restartPolicy must be equal to one of the allowed values",
            "privilege escalation allowed | allowPrivilegeEscalation: false | allowPrivilegeEscalation: true"
                    + " | containers[payout].securityContext.allowPrivilegeEscalation: must be false (restricted)",
            "root allowed | runAsNonRoot: true | runAsNonRoot: false"
                    + " | containers[payout].securityContext.runAsNonRoot: must be true, here or for the pod (restricted)",
            "a capability kept | drop: [ALL] | drop: [NET_RAW]"
                    + " | containers[payout].securityContext.capabilities.drop: must include ALL (restricted)",
            "no seccomp profile | type: RuntimeDefault | type: Unconfined"
                    + " | containers[payout].securityContext.seccompProfile: must be RuntimeDefault or Localhost, here or for the pod (restricted)",
            "a host folder | emptyDir: {sizeLimit: 64Mi} | hostPath: {path: /tmp}"
                    + " | CronJob/payout-nightly: spec.jobTemplate.spec.template.spec.volumes[tmp]: hostPath volumes are not allowed (restricted)",
            "a writable root file system | readOnlyRootFilesystem: true | readOnlyRootFilesystem: false"
                    + " | containers[payout].securityContext.readOnlyRootFilesystem: must be true",
            "every failure retried | backoffLimit: 0 | backoffLimit: 6"
                    + " | CronJob/payout-nightly: spec.jobTemplate.spec.backoffLimit: must be 0",
            "no deadline | `      activeDeadlineSeconds: 14400\\n` | ``"
                    + " | CronJob/payout-nightly: spec.jobTemplate.spec.activeDeadlineSeconds: must be set",
            "the heap not sized from the limit | `\"-XX:MaxRAMPercentage=75\", ` | ``"
                    + " | containers[payout].command: must size the heap from the memory limit",
            "the return layouts not mounted | `                - {name: return-layouts, mountPath: /srv/payout-jobs/return-layouts, readOnly: true}\\n` | ``"
                    + " | containers[payout].volumeMounts: must mount the ConfigMap payout-return-layouts",
            "the password in the environment | `              env:\\n` | `              env:\\n                - {name: SPRING_DATASOURCE_PASSWORD, valueFrom: {secretKeyRef: {name: payout-db, key: password}}}\\n`"
                    + " | containers[payout].env[SPRING_DATASOURCE_PASSWORD]: no secret in the environment",
            "a password file every user can read | defaultMode: 0440 | defaultMode: 0444"
                    + " | volumes[credentials].secret.defaultMode: must not let every user read the files",
            "no job for the notices | `args: [\"notify-expiring\"]` | `args: [\"payout\"]`"
                    + " | payout-jobs.yaml: no CronJob runs 'notify-expiring'",
            "the check logging in as the lock release's role | secretName: payout-db-readonly | secretName: payout-db-locks"
                    + " | containers[check].volumes[credentials].secret.secretName: payout-db-locks is not the Secret of the role of"
                    + " 'status --check' (payout-db-readonly)",
            "a job that pushes its metrics nowhere the manifest runs | value: payout-pushgateway:9091 | value: localhost:9091"
                    + " | containers[payout].env[MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS]: must name the Service of the"
                    + " Pushgateway this manifest runs (localhost:9091 is none)",
            "a Pushgateway that forgets at a restart | `args: [\"--persistence.file=/data/pushgateway.data\", \"--persistence.interval=1m\"]`"
                    + " | `args: [\"--persistence.interval=1m\"]`"
                    + " | Deployment/payout-pushgateway: spec.template.spec.containers[pushgateway].args: must keep what was pushed in a"
                    + " --persistence.file= in the folder of a PersistentVolumeClaim",
            "a Pushgateway's file outside its volume | `--persistence.file=/data/pushgateway.data` | `--persistence.file=/tmp/pushgateway.data`"
                    + " | Deployment/payout-pushgateway: spec.template.spec.containers[pushgateway].args: must keep what was pushed in a"
                    + " --persistence.file= in the folder of a PersistentVolumeClaim",
            "two Pushgateways | replicas: 1 | replicas: 2"
                    + " | Deployment/payout-pushgateway: spec.replicas: must be 1",
            "a Pushgateway rolled, two pods on one volume | type: Recreate | type: RollingUpdate"
                    + " | Deployment/payout-pushgateway: spec.strategy.type: must be Recreate",
            "a Pushgateway run as root | runAsUser: 65534 | runAsUser: 0"
                    + " | Deployment/payout-pushgateway: spec.template.spec.securityContext.runAsUser: must not be 0 (restricted)"})
    void theCheckFailsABadCopyAndNamesWhatIsWrong(String badness, String shipped, String bad, String complaint) throws Exception {
        // given the manifest with one thing wrong, where the shipped text first stands (mostly the nightly payout)
        String manifest = Files.readString(MANIFEST);
        String shippedText = shipped.replace("\\n", "\n");
        assertThat(manifest).as(badness).contains(shippedText);
        Path copy = Files.writeString(temp.resolve("payout-jobs.yaml"), manifest.replaceFirst(Pattern.quote(shippedText),
                Matcher.quoteReplacement(bad.replace("\\n", "\n"))));
        // when
        Ran check = check(copy);
        // then
        assertThat(check.exitCode()).as(check.output()).isEqualTo(1);
        assertThat(check.output()).as(badness).contains(complaint);
    }

    private static Ran check(Path manifest) throws Exception {
        return Command.run("node", CHECK.resolve("check-manifest.mjs").toString(), manifest.toAbsolutePath().toString());
    }
}

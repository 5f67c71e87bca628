// Checks a Kubernetes manifest of payout-jobs: node check-manifest.mjs FILE
//
// 1. every object against the Kubernetes API schemas (kubernetes-models, validated by
//    @kubernetes-models/validate);
// 2. every pod against the "restricted" Pod Security Standard, the policy a namespace labelled
//    pod-security.kubernetes.io/enforce=restricted admits
//    (https://kubernetes.io/docs/concepts/security/pod-security-standards/);
// 3. the rules of payout-jobs: a read-only root file system with /tmp on an emptyDir, a deadline
//    and a failure policy that retries only what a node took away, resources and the JVM's heap
//    from them, every config folder mounted, the database credentials as files of a Secret (never
//    in the environment), and a CronJob for each job.
//
// Prints one line per problem, naming the object and the field, and exits 1 when there is any;
// prints "ok: N objects" and exits 0 otherwise. The file is read as kubectl reads it (YAML 1.1:
// 0440 is octal).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseAllDocuments } from "yaml";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Pod } from "kubernetes-models/v1/Pod";

const MODELS = {
  "batch/v1 CronJob": CronJob,
  "batch/v1 Job": Job,
  "v1 ConfigMap": ConfigMap,
  "v1 PersistentVolumeClaim": PersistentVolumeClaim,
  "v1 Pod": Pod,
};

// the volume types the restricted standard allows
const RESTRICTED_VOLUMES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];
const SAFE_SYSCTLS = ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"];
const SELINUX_TYPES = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"];
// what payout-jobs expects of its manifest
const CONFIG_MAPS = { "payout-config": "config", "payout-bank-layouts": "bank-layouts", "payout-return-layouts": "return-layouts" };
const LAYOUT_VARIABLES = { PAYOUT_BANKFILE_LAYOUTS: "payout-bank-layouts", PAYOUT_RETURNS_LAYOUTS: "payout-return-layouts" };
const JOBS = ["payout", "notify-expiring", "release-locks", "status --check"];
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|CREDENTIAL/i;

const file = process.argv[2];
const problems = [];
let objects = 0;
const jobsFound = new Set();

for (const document of parseAllDocuments(readFileSync(file, "utf8"), { version: "1.1" })) {
  if (document.errors.length > 0) {
    problems.push(`${basename(file)}: not YAML: ${document.errors[0].message}`);
    continue;
  }
  const object = document.toJS();
  if (object === null) {
    continue;
  }
  objects++;
  const name = `${object.kind}/${object.metadata?.name}`;
  const problem = (path, text) => problems.push(`${basename(file)}: ${name}: ${path}: ${text}`);
  const Model = MODELS[`${object.apiVersion} ${object.kind}`];
  if (!Model) {
    problem("kind", `${object.apiVersion} ${object.kind} is not one this check knows the schema of`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (invalid) {
    for (const error of String(invalid.message).split(", ")) {
      problem("schema", error);
    }
    continue;
  }
  if (object.kind === "CronJob") {
    if (!object.spec.timeZone) {
      problem("spec.timeZone", "must be set: the schedule is in Tokyo time, whatever the cluster's zone");
    }
    checkJob(object.spec.jobTemplate.spec, "spec.jobTemplate.spec", problem);
  } else if (object.kind === "Job") {
    checkJob(object.spec, "spec", problem);
  } else if (object.kind === "Pod") {
    checkPod(object.spec, "spec", problem);
  }
}

for (const job of JOBS) {
  if (!jobsFound.has(job)) {
    problems.push(`${basename(file)}: no CronJob runs '${job}'`);
  }
}

if (problems.length > 0) {
  console.log(problems.join("\n"));
  process.exit(1);
}
console.log(`ok: ${objects} objects`);

function checkJob(job, path, problem) {
  if (!(job.activeDeadlineSeconds > 0)) {
    problem(`${path}.activeDeadlineSeconds`, "must be set: a hung run would block every later one (concurrencyPolicy: Forbid)");
  }
  if (job.backoffLimit !== 0) {
    problem(`${path}.backoffLimit`, "must be 0: a failed run is for an operator, only a pod the node took away is retried");
  }
  const rules = job.podFailurePolicy?.rules ?? [];
  const disruption = rules.findIndex((rule) => rule.action === "Ignore"
    && (rule.onPodConditions ?? []).some((condition) => condition.type === "DisruptionTarget"));
  if (disruption < 0) {
    problem(`${path}.podFailurePolicy`, "must retry a pod the node took away: action Ignore on the condition DisruptionTarget");
  }
  rules.forEach((rule, index) => {
    if (index !== disruption && rule.action !== "FailJob") {
      problem(`${path}.podFailurePolicy.rules[${index}].action`, `${rule.action}: only DisruptionTarget may be retried; every other rule is FailJob`);
    }
  });
  const failsOnAnyExit = rules.some((rule) => rule.action === "FailJob" && rule.onExitCodes?.operator === "NotIn"
    && rule.onExitCodes.values.length === 1 && rule.onExitCodes.values[0] === 0);
  if (!failsOnAnyExit) {
    problem(`${path}.podFailurePolicy`, "must fail the Job on any exit code but 0 (FailJob, onExitCodes NotIn [0])");
  }
  checkPod(job.template.spec, `${path}.template.spec`, problem);
}

function checkPod(pod, path, problem) {
  // baseline
  for (const host of ["hostNetwork", "hostPID", "hostIPC"]) {
    if (pod[host]) {
      problem(`${path}.${host}`, "must not be true (baseline)");
    }
  }
  for (const sysctl of pod.securityContext?.sysctls ?? []) {
    if (!SAFE_SYSCTLS.includes(sysctl.name)) {
      problem(`${path}.securityContext.sysctls`, `${sysctl.name} is not a safe sysctl (baseline)`);
    }
  }
  checkSeLinux(pod.securityContext?.seLinuxOptions, `${path}.securityContext.seLinuxOptions`, problem);
  if (pod.securityContext?.appArmorProfile?.type === "Unconfined") {
    problem(`${path}.securityContext.appArmorProfile`, "must not be Unconfined (baseline)");
  }
  // restricted
  const volumes = pod.volumes ?? [];
  for (const volume of volumes) {
    const type = Object.keys(volume).find((key) => key !== "name");
    if (!RESTRICTED_VOLUMES.includes(type)) {
      problem(`${path}.volumes[${volume.name}]`, `${type} volumes are not allowed (restricted)`);
    }
  }
  const podNonRoot = pod.securityContext?.runAsNonRoot === true;
  const podSeccomp = seccompAllowed(pod.securityContext?.seccompProfile);
  if (pod.securityContext?.runAsUser === 0) {
    problem(`${path}.securityContext.runAsUser`, "must not be 0 (restricted)");
  }
  if (pod.securityContext?.seccompProfile && !podSeccomp) {
    problem(`${path}.securityContext.seccompProfile.type`, "must be RuntimeDefault or Localhost (restricted)");
  }
  if (pod.automountServiceAccountToken !== false) {
    problem(`${path}.automountServiceAccountToken`, "must be false: the jobs never call the Kubernetes API");
  }
  const containers = [...(pod.initContainers ?? []), ...pod.containers, ...(pod.ephemeralContainers ?? [])];
  for (const container of containers) {
    const at = `${path}.containers[${container.name}]`;
    const context = container.securityContext ?? {};
    if (context.privileged) {
      problem(`${at}.securityContext.privileged`, "must not be true (baseline)");
    }
    if (context.procMount && context.procMount !== "Default") {
      problem(`${at}.securityContext.procMount`, "must be Default (baseline)");
    }
    checkSeLinux(context.seLinuxOptions, `${at}.securityContext.seLinuxOptions`, problem);
    for (const port of container.ports ?? []) {
      if (port.hostPort) {
        problem(`${at}.ports`, `hostPort ${port.hostPort} is not allowed (baseline)`);
      }
    }
    if (context.allowPrivilegeEscalation !== false) {
      problem(`${at}.securityContext.allowPrivilegeEscalation`, "must be false (restricted)");
    }
    if (context.runAsNonRoot === false || (!podNonRoot && context.runAsNonRoot !== true)) {
      problem(`${at}.securityContext.runAsNonRoot`, "must be true, here or for the pod (restricted)");
    }
    if (context.runAsUser === 0) {
      problem(`${at}.securityContext.runAsUser`, "must not be 0 (restricted)");
    }
    if (context.seccompProfile ? !seccompAllowed(context.seccompProfile) : !podSeccomp) {
      problem(`${at}.securityContext.seccompProfile`, "must be RuntimeDefault or Localhost, here or for the pod (restricted)");
    }
    if (!(context.capabilities?.drop ?? []).includes("ALL")) {
      problem(`${at}.securityContext.capabilities.drop`, "must include ALL (restricted)");
    }
    for (const added of context.capabilities?.add ?? []) {
      if (added !== "NET_BIND_SERVICE") {
        problem(`${at}.securityContext.capabilities.add`, `${added} may not be added (restricted)`);
      }
    }
    checkPayoutJobsContainer(container, volumes, at, problem);
  }
}

function checkPayoutJobsContainer(container, volumes, at, problem) {
  const volumeOf = (mount) => volumes.find((volume) => volume.name === mount.name) ?? {};
  const mounts = container.volumeMounts ?? [];
  const environment = container.env ?? [];
  const variable = (name) => environment.find((entry) => entry.name === name)?.value;
  if (container.securityContext?.readOnlyRootFilesystem !== true) {
    problem(`${at}.securityContext.readOnlyRootFilesystem`, "must be true");
  }
  if (!mounts.some((mount) => mount.mountPath === "/tmp" && volumeOf(mount).emptyDir)) {
    problem(`${at}.volumeMounts`, "must mount an emptyDir at /tmp (the root file system is read-only)");
  }
  const resources = container.resources ?? {};
  if (!resources.requests?.cpu || !resources.requests?.memory || !resources.limits?.memory) {
    problem(`${at}.resources`, "must request cpu and memory and limit memory");
  }
  const command = [...(container.command ?? []), ...(container.args ?? [])];
  if (!command.some((word) => word.startsWith("-XX:MaxRAMPercentage="))) {
    problem(`${at}.command`, "must size the heap from the memory limit (-XX:MaxRAMPercentage=)");
  }
  const run = (container.args ?? []).join(" ");
  if (JOBS.includes(run)) {
    jobsFound.add(run);
  }
  for (const [configMap, folder] of Object.entries(CONFIG_MAPS)) {
    if (!mounts.some((mount) => volumeOf(mount).configMap?.name === configMap)) {
      problem(`${at}.volumeMounts`, `must mount the ConfigMap ${configMap} (config/${folder === "config" ? "" : folder + "/"})`);
    }
  }
  const configMount = mounts.find((mount) => volumeOf(mount).configMap?.name === "payout-config");
  if (configMount && configMount.mountPath !== `${container.workingDir}/config`) {
    problem(`${at}.volumeMounts[${configMount.name}].mountPath`, `must be the working directory's config/, where the program reads application.yml`);
  }
  for (const [name, configMap] of Object.entries(LAYOUT_VARIABLES)) {
    const mount = mounts.find((candidate) => volumeOf(candidate).configMap?.name === configMap);
    if (mount && variable(name) !== mount.mountPath) {
      problem(`${at}.env[${name}]`, `must name ${mount.mountPath}, where the ConfigMap ${configMap} is mounted`);
    }
  }
  for (const entry of environment) {
    if (entry.valueFrom?.secretKeyRef || (SECRET_NAME.test(entry.name) && entry.name !== "CREDENTIALS_DIRECTORY")) {
      problem(`${at}.env[${entry.name}]`, "no secret in the environment: mount the Secret as files (CREDENTIALS_DIRECTORY)");
    }
  }
  for (const source of container.envFrom ?? []) {
    if (source.secretRef) {
      problem(`${at}.envFrom`, "no secret in the environment: mount the Secret as files (CREDENTIALS_DIRECTORY)");
    }
  }
  const credentials = mounts.find((mount) => mount.mountPath === variable("CREDENTIALS_DIRECTORY"));
  if (!credentials || !volumeOf(credentials).secret) {
    problem(`${at}.env[CREDENTIALS_DIRECTORY]`, "must name the mount of the Secret that holds the database user and password");
  } else if (((volumeOf(credentials).secret.defaultMode ?? 0o644) & 0o004) !== 0) {
    problem(`${at}.volumes[${credentials.name}].secret.defaultMode`, "must not let every user read the files (0440): the program refuses them");
  }
}

function checkSeLinux(options, path, problem) {
  if (!options) {
    return;
  }
  if (options.type && !SELINUX_TYPES.includes(options.type)) {
    problem(`${path}.type`, `${options.type} is not allowed (baseline)`);
  }
  if (options.user || options.role) {
    problem(path, "user and role must not be set (baseline)");
  }
}

function seccompAllowed(profile) {
  return profile?.type === "RuntimeDefault" || profile?.type === "Localhost";
}

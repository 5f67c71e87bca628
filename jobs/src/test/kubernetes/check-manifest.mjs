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
//    in the environment), the Secret of each job's database role, and a CronJob for each job;
//    every job pushing its metrics to the Pushgateway the manifest runs: one replica, recreated
//    rather than rolled, its pushes kept in a persistence file on a PersistentVolumeClaim, and a
//    Service in front of it.
//
// Prints one line per problem, naming the object and the field, and exits 1 when there is any;
// prints "ok: N objects" and exits 0 otherwise. The file is read as kubectl reads it (YAML 1.1:
// 0440 is octal).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseAllDocuments } from "yaml";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Pod } from "kubernetes-models/v1/Pod";
import { Service } from "kubernetes-models/v1/Service";

const MODELS = {
  "apps/v1 Deployment": Deployment,
  "batch/v1 CronJob": CronJob,
  "batch/v1 Job": Job,
  "v1 ConfigMap": ConfigMap,
  "v1 PersistentVolumeClaim": PersistentVolumeClaim,
  "v1 Pod": Pod,
  "v1 Service": Service,
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
// each job, and the Secret of its database role (config/database/roles.sql, docs/database.md)
const JOBS = {
  "payout": "payout-db-payout",
  "notify-expiring": "payout-db-payout",
  "release-locks": "payout-db-locks",
  "status --check": "payout-db-readonly",
};
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|CREDENTIAL/i;
const PUSHGATEWAY_ENABLED = "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED";
const PUSHGATEWAY_ADDRESS = "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS";

const file = process.argv[2];
const problems = [];
let objects = 0;
const jobsFound = new Set();
// checked once every object is read: where the jobs push, and the Services and Pushgateways there are
const pushes = [];
const services = [];
const pushgatewayPods = [];

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
    checkPod(object.spec, "spec", problem, checkPayoutJobsContainer);
  } else if (object.kind === "Deployment") {
    checkPushgateway(object, problem);
  } else if (object.kind === "Service") {
    services.push(object);
  }
}

for (const push of pushes) {
  const pushgateway = services.find((service) => pushgatewayPods.some((labels) => selects(service.spec.selector, labels))
    && (service.spec.ports ?? []).some((port) => push.address === `${service.metadata.name}:${port.port}`));
  if (!pushgateway) {
    push.problem(`must name the Service of the Pushgateway this manifest runs (${push.address} is none)`);
  }
}

for (const job of Object.keys(JOBS)) {
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
  checkPod(job.template.spec, `${path}.template.spec`, problem, checkPayoutJobsContainer);
}

function checkPushgateway(deployment, problem) {
  const spec = deployment.spec;
  if (spec.replicas !== 1) {
    problem("spec.replicas", "must be 1: each Pushgateway would hold only the pushes that reached it");
  }
  if (spec.strategy?.type !== "Recreate") {
    problem("spec.strategy.type", "must be Recreate: the old pod lets go of the volume and writes its file before the new one starts");
  }
  pushgatewayPods.push(spec.template.metadata?.labels ?? {});
  checkPod(spec.template.spec, "spec.template.spec", problem, checkPushgatewayContainer);
}

function checkPushgatewayContainer(container, volumes, at, problem) {
  if (container.securityContext?.readOnlyRootFilesystem !== true) {
    problem(`${at}.securityContext.readOnlyRootFilesystem`, "must be true");
  }
  if (!container.resources?.requests?.cpu || !container.resources?.requests?.memory || !container.resources?.limits?.memory) {
    problem(`${at}.resources`, "must request cpu and memory and limit memory");
  }
  const args = container.args ?? [];
  const file = args.find((arg) => arg.startsWith("--persistence.file="))?.slice("--persistence.file=".length);
  const folder = file?.slice(0, file.lastIndexOf("/"));
  const mount = (container.volumeMounts ?? []).find((candidate) => candidate.mountPath === folder);
  const volume = volumes.find((candidate) => candidate.name === mount?.name);
  if (!file || !volume?.persistentVolumeClaim) {
    problem(`${at}.args`, "must keep what was pushed in a --persistence.file= in the folder of a PersistentVolumeClaim: a restart would forget the last night");
  }
  if (!args.some((arg) => arg.startsWith("--persistence.interval="))) {
    problem(`${at}.args`, "must set --persistence.interval= (the file is written that often; a crash loses what came since)");
  }
}

function selects(selector, labels) {
  const wanted = Object.entries(selector ?? {});
  return wanted.length > 0 && wanted.every(([key, value]) => labels[key] === value);
}

function checkPod(pod, path, problem, checkContainer) {
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
    checkContainer(container, volumes, at, problem);
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
  if (Object.hasOwn(JOBS, run)) {
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
  if (variable(PUSHGATEWAY_ENABLED) !== "true") {
    problem(`${at}.env[${PUSHGATEWAY_ENABLED}]`, "must be \"true\": every run pushes its metrics when it ends");
  } else {
    pushes.push({ address: variable(PUSHGATEWAY_ADDRESS), problem: (text) => problem(`${at}.env[${PUSHGATEWAY_ADDRESS}]`, text) });
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
  } else {
    const secret = volumeOf(credentials).secret;
    if (((secret.defaultMode ?? 0o644) & 0o004) !== 0) {
      problem(`${at}.volumes[${credentials.name}].secret.defaultMode`, "must not let every user read the files (0440): the program refuses them");
    }
    if (Object.hasOwn(JOBS, run) && secret.secretName !== JOBS[run]) {
      problem(`${at}.volumes[${credentials.name}].secret.secretName`, `${secret.secretName} is not the Secret of the role of '${run}' (${JOBS[run]})`);
    }
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

#!/usr/bin/env python3
"""Renders deploy/ with `kubectl kustomize` and checks the manifests against the code they deploy.

The RBAC check is exact in both directions: every API call src/Trust.Kubernetes makes (CALLS below, with where it is
made) must be allowed to the job's ServiceAccount, and every permission granted must be one of those calls, with the
same resource name where the call names one (so a rule left un-narrowed, or one the code no longer needs, fails).
When the code gains or loses a call, change CALLS, the manifests and the table in docs/rotate.md together.

Standard library only. Usage: check.py REPO_ROOT KUBECTL. Prints one line per check and "deploy: N passed, M failed".
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

JOB_NS = "trust-system"        # the job's namespace: anchor Secrets, Lease (--anchor-namespace defaults to it)
MESH_NS = "linkerd"            # --namespace
SA = ("trust-system", "trust-rotate")
CLUSTER = "(cluster)"          # scope of a ClusterRole granted by a ClusterRoleBinding
ANCHORS = ["linkerd-trust-anchor", "linkerd-trust-anchor-next", "linkerd-previous-anchor"]


def calls(ns, group, resource, verbs, names, where):
    return [(ns, group, resource, verb, name, where) for verb in verbs for name in (names or [None])]


# (scope, apiGroup, resource, verb, resourceName or None, where in src/Trust.Kubernetes)
HOME = (
    calls(JOB_NS, "", "secrets", ["get"], ANCHORS, "ClusterReader.ReadAsync: ReadNamespacedSecretAsync per anchor slot")
    + calls(JOB_NS, "", "secrets", ["create"], None, "PlanExecutor.Save: CreateNamespacedSecretAsync (StoreAnchorStep, empty slot)")
    + calls(JOB_NS, "", "secrets", ["update"], ANCHORS, "PlanExecutor.Save: ReplaceNamespacedSecretAsync (StoreAnchorStep, RecordRotationStep)")
    + calls(JOB_NS, "", "secrets", ["delete"], ANCHORS[1:], "PlanExecutor.ExecuteAsync: DeleteNamespacedSecretAsync (DeleteAnchorStep: next and previous slots only, RotationRun)")
    + calls(JOB_NS, "coordination.k8s.io", "leases", ["get"], ["trust-rotate"], "LeaseLock.TryAcquireAsync, Lost: ReadNamespacedLeaseAsync")
    + calls(JOB_NS, "coordination.k8s.io", "leases", ["create"], None, "LeaseLock.TryAcquireAsync: CreateNamespacedLeaseAsync")
    + calls(JOB_NS, "coordination.k8s.io", "leases", ["update"], ["trust-rotate"], "LeaseLock.TryAcquireAsync, ReleaseAsync: ReplaceNamespacedLeaseAsync")
    + calls(JOB_NS, "events.k8s.io", "events", ["create"], None, "EventReporter.EmitAsync (about the anchor Secrets)")
)
EVERY_CLUSTER = (
    calls(MESH_NS, "", "secrets", ["get"], ["linkerd-identity-issuer"], "ClusterReader.ReadClusterAsync: ReadNamespacedSecretAsync")
    + calls(MESH_NS, "", "secrets", ["create"], None, "PlanExecutor.Save: CreateNamespacedSecretAsync (WriteIssuerStep, no issuer yet)")
    + calls(MESH_NS, "", "secrets", ["update"], ["linkerd-identity-issuer"], "PlanExecutor.Save: ReplaceNamespacedSecretAsync (WriteIssuerStep)")
    + calls(MESH_NS, "", "configmaps", ["get"], ["linkerd-identity-trust-roots"], "ClusterReader.ReadClusterAsync: ReadNamespacedConfigMapAsync")
    + calls(MESH_NS, "", "configmaps", ["create"], None, "PlanExecutor.ExecuteAsync: CreateNamespacedConfigMapAsync (WriteBundleStep)")
    + calls(MESH_NS, "", "configmaps", ["update"], ["linkerd-identity-trust-roots"], "PlanExecutor.ExecuteAsync: ReplaceNamespacedConfigMapAsync (WriteBundleStep)")
    + calls(MESH_NS, "cert-manager.io", "certificates", ["get"], None, "ClusterReader.CertificateOwnerAsync: GetNamespacedCustomObjectAsync")
    + calls(MESH_NS, "", "pods", ["list"], None, "ClusterReader.ReadClusterAsync: ListNamespacedPodAsync (identity controller)")
    + calls(MESH_NS, "events.k8s.io", "events", ["create"], None, "EventReporter.EmitAsync (about the issuer Secret and the bundle)")
    + calls(CLUSTER, "", "pods", ["list"], None, "ClusterReader.ReadClusterAsync: ListPodForAllNamespacesAsync (meshed pods, pages)")
)
RESTART = calls(CLUSTER, "apps", "deployments", ["get", "patch"], None, "WorkloadRestarter.RestartAsync: Read/PatchNamespacedDeploymentAsync") \
    + calls(CLUSTER, "apps", "statefulsets", ["get", "patch"], None, "WorkloadRestarter.RestartAsync: Read/PatchNamespacedStatefulSetAsync") \
    + calls(CLUSTER, "apps", "daemonsets", ["get", "patch"], None, "WorkloadRestarter.RestartAsync: Read/PatchNamespacedDaemonSetAsync")


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, problems):
        if problems:
            self.failed += 1
            print(f"FAIL: {name}")
            for p in problems:
                print(f"  - {p}")
        else:
            self.passed += 1
            print(f"ok: {name}")


def render(kubectl, directory):
    env = dict(os.environ, KUBECONFIG=os.devnull)
    yaml = subprocess.run([kubectl, "kustomize", directory], capture_output=True, text=True, env=env)
    if yaml.returncode != 0:
        raise RuntimeError(f"kubectl kustomize {directory}: {yaml.stderr.strip()}")
    # kubectl turns YAML into JSON offline: `annotate --local` of an annotation nobody has.
    out = subprocess.run([kubectl, "annotate", "--local", "-f", "-", "-o", "json", "trust.check/none-"],
                         input=yaml.stdout, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"converting {directory}: {out.stderr.strip()}")
    decoder, text, pos, objects = json.JSONDecoder(), out.stdout, 0, []
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return objects
        obj, pos = decoder.raw_decode(text, pos)
        objects.extend(obj["items"] if obj.get("kind") == "List" else [obj])


def find(objects, kind, name=None, namespace=None):
    return [o for o in objects if o["kind"] == kind
            and (name is None or o["metadata"]["name"] == name)
            and (namespace is None or o["metadata"].get("namespace") == namespace)]


def granted(objects):
    """The job's permissions: tuples (scope, group, resource, verb, name or None), plus binding problems."""
    problems, grants = [], set()
    accounts = {(o["metadata"].get("namespace"), o["metadata"]["name"]) for o in find(objects, "ServiceAccount")}
    for binding in find(objects, "RoleBinding") + find(objects, "ClusterRoleBinding"):
        meta = binding["metadata"]
        what = f"{binding['kind']} {meta.get('namespace', '')}/{meta['name']}"
        subjects = binding.get("subjects") or []
        if [(s.get("kind"), s.get("namespace"), s.get("name")) for s in subjects] != [("ServiceAccount",) + SA]:
            problems.append(f"{what}: subjects {subjects} are not exactly the ServiceAccount {SA[0]}/{SA[1]}")
            continue
        if SA not in accounts:
            problems.append(f"{what}: binds {SA[0]}/{SA[1]}, which this rendering does not create")
        ref = binding["roleRef"]
        if binding["kind"] == "RoleBinding" and ref["kind"] == "Role":
            roles, scope = find(objects, "Role", ref["name"], meta["namespace"]), meta["namespace"]
        elif ref["kind"] == "ClusterRole":
            roles = find(objects, "ClusterRole", ref["name"])
            scope = CLUSTER if binding["kind"] == "ClusterRoleBinding" else meta["namespace"]
        else:
            roles, scope = [], None
        if len(roles) != 1:
            problems.append(f"{what}: roleRef {ref['kind']} {ref['name']} is not in this rendering")
            continue
        for rule in roles[0].get("rules") or []:
            if rule.get("nonResourceURLs"):
                problems.append(f"{what}: grants nonResourceURLs {rule['nonResourceURLs']}")
            for field in ("apiGroups", "resources", "verbs", "resourceNames"):
                if "*" in (rule.get(field) or []):
                    problems.append(f"{what}: '*' in {field}")
            for group in rule.get("apiGroups") or []:
                for resource in rule.get("resources") or []:
                    for verb in rule.get("verbs") or []:
                        for name in rule.get("resourceNames") or [None]:
                            grants.add((scope, group, resource, verb, name))
    return grants, problems


def check_rbac(c, label, objects, expected):
    grants, problems = granted(objects)
    c.check(f"{label}: bindings name the job's ServiceAccount and roles that exist; no '*', no non-resource URLs", problems)

    def allowed(call):
        scope, group, resource, verb, name, _ = call
        return any((s, group, resource, verb, n) in grants for s in (scope, CLUSTER) for n in (name, None))
    missing = [f"{verb} {group or 'core'}/{resource}{'/' + name if name else ''} in {scope} ({where})"
               for (scope, group, resource, verb, name, where) in expected if not allowed((scope, group, resource, verb, name, where))]
    c.check(f"{label}: every API call the code makes is allowed ({len(expected)} calls)", missing)
    needed = {(s, g, r, v, n) for (s, g, r, v, n, _) in expected}
    extra = [f"{v} {g or 'core'}/{r}{'/' + n if n else ''} in {s}" for (s, g, r, v, n) in sorted(grants, key=str) if (s, g, r, v, n) not in needed]
    c.check(f"{label}: nothing granted beyond those calls, and named where the call names its object", extra)


def image_has_registry_host(image):
    first = image.split("/")[0]
    return "/" in image and ("." in first or ":" in first or first == "localhost")


def check_cronjob(c, label, objects, multicluster, restart):
    jobs = find(objects, "CronJob", "trust-rotate", JOB_NS)
    if len(jobs) != 1:
        c.check(f"{label}: one CronJob {JOB_NS}/trust-rotate", ["not found"])
        return
    cron = jobs[0]["spec"]
    job = cron["jobTemplate"]["spec"]
    pod_meta = job["template"].get("metadata") or {}
    pod = job["template"]["spec"]
    p = []
    schedule = cron.get("schedule", "").split()
    if len(schedule) != 5 or schedule[1:] != ["*", "*", "*", "*"] or not schedule[0].isdigit() or int(schedule[0]) % 2 == 0:
        p.append(f"schedule '{cron.get('schedule')}' is not hourly at an odd minute")
    if cron.get("concurrencyPolicy") != "Forbid":
        p.append(f"concurrencyPolicy is {cron.get('concurrencyPolicy')}, not Forbid")
    for field in ("startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"):
        if not isinstance(cron.get(field), int):
            p.append(f"{field} is not set")
    if not isinstance(job.get("backoffLimit"), int):
        p.append("backoffLimit is not set")
    deadline = job.get("activeDeadlineSeconds")
    if not isinstance(deadline, int) or not 0 < deadline < 3600:
        p.append(f"activeDeadlineSeconds {deadline} does not end a run before the next hourly one")
    if (pod_meta.get("annotations") or {}).get("linkerd.io/inject") != "disabled":
        p.append("the pod template lacks linkerd.io/inject: disabled (a proxy sidecar would keep the Job from completing)")
    if pod.get("restartPolicy") not in ("Never", "OnFailure"):
        p.append(f"restartPolicy {pod.get('restartPolicy')}")
    c.check(f"{label}: CronJob schedule, Forbid, deadlines, history, backoff, inject disabled", p)

    p = []
    accounts = {o["metadata"]["name"] for o in find(objects, "ServiceAccount", namespace=JOB_NS)}
    if pod.get("serviceAccountName") != SA[1] or SA[1] not in accounts:
        p.append(f"serviceAccountName {pod.get('serviceAccountName')} is not the bound ServiceAccount {SA[1]}")
    if pod.get("automountServiceAccountToken") is not (not multicluster):
        p.append(f"automountServiceAccountToken {pod.get('automountServiceAccountToken')}: the in-cluster job needs its token, "
                 "the kubeconfig one does not")
    psc = pod.get("securityContext") or {}
    if psc.get("runAsNonRoot") is not True or not isinstance(psc.get("runAsUser"), int) or psc["runAsUser"] <= 0:
        p.append("pod securityContext: runAsNonRoot true and a numeric non-root runAsUser")
    if (psc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        p.append("pod securityContext: seccompProfile RuntimeDefault")
    containers = pod.get("containers") or []
    if len(containers) != 1:
        p.append(f"{len(containers)} containers, expected 1")
        c.check(f"{label}: pod security", p)
        return
    ct = containers[0]
    sc = ct.get("securityContext") or {}
    if sc.get("readOnlyRootFilesystem") is not True:
        p.append("readOnlyRootFilesystem is not true")
    if sc.get("allowPrivilegeEscalation") is not False:
        p.append("allowPrivilegeEscalation is not false")
    if "ALL" not in ((sc.get("capabilities") or {}).get("drop") or []):
        p.append("capabilities do not drop ALL")
    if sc.get("runAsNonRoot") is False or (sc.get("runAsUser") is not None and sc["runAsUser"] <= 0):
        p.append("the container may run as root")
    if pod.get("restartPolicy") != "Never" and job.get("podFailurePolicy"):
        p.append("podFailurePolicy requires restartPolicy Never")
    for rule in (job.get("podFailurePolicy") or {}).get("rules") or []:
        named = (rule.get("onExitCodes") or {}).get("containerName")
        if named is not None and named != ct["name"]:
            p.append(f"podFailurePolicy names container {named}, not {ct['name']}")
    c.check(f"{label}: pod security (non-root, read-only root, no privilege escalation, no capabilities, seccomp)", p)

    p = []
    args = ct.get("args") or []
    if args[:3] != ["rotate", "--format", "json"]:
        p.append(f"args {args} do not start with rotate --format json")
    if ("--restart" in args) != restart:
        p.append(f"--restart {'missing' if restart else 'present'} in {args}")
    env = {e["name"]: e for e in ct.get("env") or []}
    if ((env.get("POD_NAMESPACE") or {}).get("valueFrom") or {}).get("fieldRef", {}).get("fieldPath") != "metadata.namespace":
        p.append("env POD_NAMESPACE is not the fieldRef metadata.namespace")
    image = ct.get("image", "")
    if not re.fullmatch(r"trust:[A-Za-z0-9_][A-Za-z0-9_.-]*", image) or image_has_registry_host(image):
        p.append(f"image '{image}' is not `trust` with a tag and no registry host (set it with kustomize images:)")
    res = ct.get("resources") or {}
    for kind in ("requests", "limits"):
        for r in ("cpu", "memory"):
            if r not in (res.get(kind) or {}):
                p.append(f"resources.{kind}.{r} is not set")
    limit = quantity((res.get("limits") or {}).get("memory", "0"))
    if limit < 150e6:
        p.append(f"memory limit {limit:.0f} bytes is below the 150 MB a run at 10,000 meshed pods may use")
    if multicluster:
        mounts = {m["name"]: m["mountPath"] for m in ct.get("volumeMounts") or []}
        secret_volumes = {v["name"] for v in pod.get("volumes") or [] if "secret" in v}
        kubeconfig = args[args.index("--kubeconfig") + 1] if "--kubeconfig" in args else None
        if kubeconfig is None or not any(kubeconfig.startswith(mounts[n].rstrip("/") + "/") for n in secret_volumes if n in mounts):
            p.append(f"--kubeconfig {kubeconfig} is not a file of a volume mounted from a Secret")
        if args.count("--context") < 2:
            p.append("fewer than two --context arguments (home first, then the other clusters)")
    c.check(f"{label}: args, POD_NAMESPACE, image, resources{', kubeconfig from a Secret' if multicluster else ''}", p)


def quantity(text):
    m = re.fullmatch(r"([0-9.]+)(Ki|Mi|Gi|k|M|G)?", str(text))
    if not m:
        return 0
    return float(m.group(1)) * {None: 1, "k": 1e3, "M": 1e6, "G": 1e9, "Ki": 1024, "Mi": 1024 ** 2, "Gi": 1024 ** 3}[m.group(2)]


def check_dockerfile(c, root):
    p = []
    text = open(os.path.join(root, "deploy", "Dockerfile")).read()
    ci = open(os.path.join(root, ".ci", "run")).read()
    ci_publish = re.search(r"(dotnet publish src/Trust\.Cli [^\n]*?) -o ", ci)
    recipe = re.search(r'^ARG PUBLISH="([^"]+)"$', text, re.M)
    if not ci_publish or not recipe or recipe.group(1) != ci_publish.group(1):
        p.append(f"the recipe publishes with '{recipe and recipe.group(1)}', CI with '{ci_publish and ci_publish.group(1)}'")
    args = dict(re.findall(r"^ARG (\w+)(?:=(\S+))?$", text, re.M))
    for base in re.findall(r"^FROM (\S+)", text, re.M):
        ref = re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1)) or "", base)
        if ref and image_has_registry_host(ref):
            p.append(f"FROM {base} names a registry host")
    user = re.findall(r"^USER (\d+)(?::(\d+))?$", text, re.M)
    if not user or int(user[-1][0]) == 0:
        p.append("no numeric non-root USER")
    if not re.search(r'^ENTRYPOINT \["/app/trust"\]$', text, re.M):
        p.append('ENTRYPOINT is not ["/app/trust"]')
    c.check("Dockerfile: CI's publish command, no registry host in FROM, numeric non-root user, /app/trust", p)
    return int(user[-1][0]) if user else None


def main():
    root, kubectl = sys.argv[1], sys.argv[2]
    c = Checks()
    work = tempfile.mkdtemp()
    try:
        # Overlays outside deploy/ (kustomize refuses a base that contains its overlay): copy deploy/ next to them.
        shutil.copytree(os.path.join(root, "deploy"), os.path.join(work, "deploy"))
        for name, resource in (("restart", "../deploy"), ("multicluster-restart", "../deploy/multicluster")):
            os.makedirs(os.path.join(work, name))
            with open(os.path.join(work, name, "kustomization.yaml"), "w") as f:
                f.write(f"resources: [{resource}]\ncomponents: [../deploy/restart]\n")
        cases = [
            ("deploy", os.path.join(root, "deploy"), HOME + EVERY_CLUSTER, False, False),
            ("deploy/multicluster", os.path.join(root, "deploy", "multicluster"), HOME + EVERY_CLUSTER, True, False),
            ("deploy/multicluster/member", os.path.join(root, "deploy", "multicluster", "member"), EVERY_CLUSTER, None, False),
            ("deploy + restart", os.path.join(work, "restart"), HOME + EVERY_CLUSTER + RESTART, False, True),
            ("deploy/multicluster + restart", os.path.join(work, "multicluster-restart"), HOME + EVERY_CLUSTER + RESTART, True, True),
        ]
        user = check_dockerfile(c, root)
        for label, directory, expected, multicluster, restart in cases:
            try:
                objects = render(kubectl, directory)
            except RuntimeError as e:
                c.check(f"{label}: renders", [str(e)])
                continue
            c.check(f"{label}: renders ({len(objects)} objects)", [])
            # No Namespace: `kubectl delete -k` would delete trust-system, and with it the anchor key (docs/rotate.md).
            ns = [o["metadata"]["name"] for o in find(objects, "Namespace")]
            c.check(f"{label}: creates no Namespace (deleting the manifests keeps the anchor key)", [f"namespaces {ns}"] if ns else [])
            c.check(f"{label}: every namespaced object is in {JOB_NS} or {MESH_NS}",
                    [f"{o['kind']} {o['metadata']['name']} in {o['metadata'].get('namespace')}" for o in objects
                     if o["kind"] not in ("ClusterRole", "ClusterRoleBinding") and o["metadata"].get("namespace") not in (JOB_NS, MESH_NS)])
            check_rbac(c, label, objects, expected)
            if multicluster is None:
                c.check(f"{label}: no CronJob and no anchor Role (member cluster)",
                        [f"{o['kind']} {o['metadata']['name']}" for o in objects
                         if o["kind"] == "CronJob" or (o["kind"] == "Role" and o["metadata"].get("namespace") == JOB_NS)])
            else:
                check_cronjob(c, label, objects, multicluster, restart)
                if label == "deploy":
                    run_as = find(objects, "CronJob")[0]["spec"]["jobTemplate"]["spec"]["template"]["spec"]["securityContext"]["runAsUser"]
                    c.check("Dockerfile USER is the CronJob's runAsUser", [] if user == run_as else [f"USER {user}, runAsUser {run_as}"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"deploy: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())

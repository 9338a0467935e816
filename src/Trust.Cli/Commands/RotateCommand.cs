using System.CommandLine;
using System.Text.RegularExpressions;
using k8s.Exceptions;
using Trust.Cli.Rotate;
using Trust.Identity;
using Trust.Renewal;
using Trust.Kubernetes;
using Trust.Rotation;
using Trust.Time;

namespace Trust.Cli.Commands;

/// <summary>
/// <c>trust rotate</c>: one run of the rotation job (<see cref="RotationJob"/>). This file only turns options into
/// <see cref="RotationJobOptions"/>, connects, runs, prints the report and maps its outcome to an exit code; every
/// decision is the library's.
/// </summary>
internal static partial class RotateCommand
{
    /// <summary>Where a pod finds its own namespace.</summary>
    public const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    public static Command Create(CliContext context)
    {
        var defaults = new RotationJobOptions { AnchorNamespace = "" };
        var ns = Name("--namespace", "NAMESPACE", defaults.Namespace,
            "Linkerd's control-plane namespace: the issuer Secret, the trust bundle ConfigMap and the identity controller live here; meshed pods carry linkerd.io/control-plane-ns=NAMESPACE");
        var anchorNamespace = new Option<string?>("--anchor-namespace")
        {
            Description = "Namespace of the anchor Secrets and the Lease, in the first (home) cluster [default: the job's own namespace: POD_NAMESPACE, else the pod's service account namespace; required outside a pod]",
            HelpName = "NAMESPACE",
        };
        var anchorSecret = Name("--anchor-secret", "NAME", defaults.AnchorSecret,
            "Secret (kubernetes.io/tls) of the current anchor, in --anchor-namespace; holds the rotation record and the pause annotation trust-rotate/paused");
        var nextAnchorSecret = Name("--next-anchor-secret", "NAME", defaults.NextAnchorSecret, "Secret of the next anchor while an anchor rotation runs");
        var previousAnchorSecret = Name("--previous-anchor-secret", "NAME", defaults.PreviousAnchorSecret,
            "Secret of the retired anchor while it is still trusted");
        var issuerSecret = Name("--issuer-secret", "NAME", defaults.IssuerSecret,
            "Identity issuer Secret in --namespace, in cert-manager's kubernetes.io/tls layout (tls.crt, tls.key, ca.crt)");
        var bundleConfigMap = Name("--bundle-configmap", "NAME", defaults.BundleConfigMap, "Trust bundle ConfigMap in --namespace");
        var bundleKey = Name("--bundle-key", "KEY", defaults.BundleKey, "Key of the bundle in the ConfigMap");
        var lease = Name("--lease", "NAME", defaults.LeaseName,
            "Lease (coordination.k8s.io) in --anchor-namespace held while a run writes, so runs never write at once");
        var trustDomain = new Option<string>("--trust-domain")
        {
            Description = "Linkerd trust domain: new anchors are root.linkerd.DOMAIN, new issuers identity.linkerd.DOMAIN",
            DefaultValueFactory = _ => TrustDomain.Default, HelpName = "DOMAIN",
        };
        var issuerLifetime = Duration("--issuer-lifetime", RotationPolicy.DefaultIssuerLifetime, "Lifetime of new issuers (clamped to the anchor's)");
        var issuerRenewBefore = RenewBefore("--issuer-renew-before", "issuer");
        var anchorLifetime = Duration("--anchor-lifetime", RotationPolicy.DefaultAnchorLifetime, "Lifetime of new anchors");
        var anchorRenewBefore = RenewBefore("--anchor-renew-before", "anchor (its rotation starts then)");
        var minBundleAge = Duration("--min-bundle-age", RotationPolicy.DefaultMinBundleAge,
            "How long a new anchor is published in the bundle before issuers switch to it; 0s is valid");
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and plan only: print what a run would do and write nothing (no Lease taken)" };
        var restart = new Option<bool>("--restart")
        {
            Description = "Roll out restarts of the control plane, then of meshed workloads whose proxies lack a new anchor, to let a rotation advance; after an --emergency rotation, once more for those that still trust the dropped anchor",
        };
        var emergency = new Option<bool>("--emergency")
        {
            Description = "Rotate the anchor now (a compromised anchor): publish, switch and drop as fast as the invariants allow; combine with --restart. While rotation is paused it is blocked (exit 1)",
        };
        var takeOver = new Option<bool>("--take-over") { Description = "Take over an issuer Secret that a cert-manager Certificate owns, instead of stopping" };
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "kubeconfig file [default: in a pod, its service account; else KUBECONFIG, else ~/.kube/config]",
            HelpName = "FILE",
        };
        var contexts = new Option<string[]>("--context")
        {
            Description = "kubeconfig context (repeatable, for multicluster: the first is the home cluster, where the anchor Secrets and the Lease live) [default: the current context]",
            HelpName = "NAME",
            // One name per --context (a bare --context is an error, not "the current context"); repeat it for more.
            Arity = ArgumentArity.OneOrMore,
        };
        var holder = new Option<string?>("--holder")
        {
            Description = "Who holds the Lease and reports Events, at most 128 characters [default: HOSTNAME (the pod name), else the machine name]",
            HelpName = "NAME",
        };
        var format = OutputFormat.Create("text", "json");
        var command = new Command("rotate",
            "Renew Linkerd's identity issuer and rotate its trust anchor with no outage: one run of the job (run it hourly as a CronJob). "
            + "Reads the anchor Secrets, the issuer Secret, the trust bundle ConfigMap and the meshed pods, writes what the plan needs, "
            + "logs one JSON line per action on stderr and prints the report. "
            + "Exit 0 good, 1 not good (at risk, unsettled, an emergency blocked by a pause), 2 bad option, 3 stopped (a state it cannot repair), 4 busy (another run holds the Lease), 5 kubeconfig or API failure")
        {
            ns, anchorNamespace, anchorSecret, nextAnchorSecret, previousAnchorSecret, issuerSecret, bundleConfigMap, bundleKey, lease,
            trustDomain, issuerLifetime, issuerRenewBefore, anchorLifetime, anchorRenewBefore, minBundleAge,
            dryRun, restart, emergency, takeOver, kubeconfig, contexts, holder, format,
        };
        command.SetAction(parse =>
        {
            // Every value is checked in one pass, each problem one line, the kubeconfig's among them: a user fixes
            // them all at once instead of meeting them one run at a time.
            var problems = new List<string>();
            T Check<T>(Func<T> read, T fallback)
            {
                try
                {
                    return read();
                }
                catch (TrustInputException e)
                {
                    problems.Add(e.Message);
                    return fallback;
                }
            }
            var namespaceName = Check(() => KubernetesName(ns, parse.GetValue(ns)!, label: true), null);
            var domain = parse.GetValue(trustDomain)!.Trim().TrimEnd('.');
            var domainProblem = TrustDomain.Check(domain);
            if (domainProblem is not null) problems.Add($"--trust-domain: {domainProblem.Message}");
            var issuerLife = Check(() => (TimeSpan?)DurationOption.Lifetime(issuerLifetime.Name, parse.GetValue(issuerLifetime)!, context.Now), null);
            var anchorLife = Check(() => (TimeSpan?)DurationOption.Lifetime(anchorLifetime.Name, parse.GetValue(anchorLifetime)!, context.Now), null);
            // A renewal is judged against its lifetime; against none when the lifetime itself is bad.
            var issuerRenewal = Check(() => Renewal(issuerRenewBefore, parse.GetValue(issuerRenewBefore), issuerLifetime, issuerLife ?? TimeSpan.MaxValue), null);
            var anchorRenewal = Check(() => Renewal(anchorRenewBefore, parse.GetValue(anchorRenewBefore), anchorLifetime, anchorLife ?? TimeSpan.MaxValue), null);
            var bundleAge = Check(() => (TimeSpan?)DurationOption.Wait(minBundleAge.Name, parse.GetValue(minBundleAge)!, context.Now), null);
            RotationPolicy? policy = null;
            if (domainProblem is null && issuerLife is { } issuerValue && anchorLife is { } anchorValue && issuerRenewal is not null && anchorRenewal is not null && bundleAge is { } ageValue)
            {
                policy = new RotationPolicy
                {
                    TrustDomain = domain,
                    IssuerLifetime = issuerValue,
                    IssuerRenewal = issuerRenewal,
                    AnchorLifetime = anchorValue,
                    AnchorRenewal = anchorRenewal,
                    MinBundleAge = ageValue,
                    Emergency = parse.GetValue(emergency),
                    TakeOver = parse.GetValue(takeOver),
                };
                // Lifetimes that do not fit together: the library's own words.
                Check(() => { policy.Validate(); return true; }, false);
            }
            var anchorNamespaceName = Check(() => parse.GetValue(anchorNamespace) is { } given
                ? KubernetesName(anchorNamespace, given, label: true)
                : DefaultAnchorNamespace(Environment.GetEnvironmentVariable, ServiceAccountNamespaceFile)
                  ?? throw CliErrors.Error("outside a pod there is no job namespace: give --anchor-namespace (where the anchor key lives; keep it out of Linkerd's namespace)"), null);
            var names = new[] { anchorSecret, nextAnchorSecret, previousAnchorSecret, issuerSecret, bundleConfigMap, lease }
                .ToDictionary(o => o, o => Check(() => KubernetesName(o, parse.GetValue(o)!), null));
            var bundleKeyName = Check(() => ConfigMapKey(bundleKey, parse.GetValue(bundleKey)!), null);
            var options = new RotationJobOptions
            {
                Namespace = namespaceName ?? defaults.Namespace,
                AnchorNamespace = anchorNamespaceName ?? "",
                AnchorSecret = names[anchorSecret] ?? defaults.AnchorSecret,
                NextAnchorSecret = names[nextAnchorSecret] ?? defaults.NextAnchorSecret,
                PreviousAnchorSecret = names[previousAnchorSecret] ?? defaults.PreviousAnchorSecret,
                IssuerSecret = names[issuerSecret] ?? defaults.IssuerSecret,
                BundleConfigMap = names[bundleConfigMap] ?? defaults.BundleConfigMap,
                BundleKey = bundleKeyName ?? defaults.BundleKey,
                LeaseName = names[lease] ?? defaults.LeaseName,
                Holder = parse.GetValue(holder) ?? DefaultHolder(Environment.GetEnvironmentVariable),
                Policy = policy ?? new RotationPolicy(),
                DryRun = parse.GetValue(dryRun),
                Restart = parse.GetValue(restart),
            };
            // How the names fit together (three distinct anchor Secrets, the holder's length), once each one is valid:
            // a default standing in for a bad name could clash with another.
            if (anchorNamespaceName is not null && names.Values.All(n => n is not null) && namespaceName is not null && bundleKeyName is not null)
            {
                try
                {
                    options.Validate();
                }
                catch (ArgumentException e)
                {
                    problems.Add(e.Message);
                }
            }
            var contextNames = parse.GetValue(contexts) ?? [];
            if (contextNames.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
                problems.Add($"--context '{twice.Key}' is given twice; name each cluster once");
            if (problems.Count > 0)
            {
                if (KubeconfigProblem(parse.GetValue(kubeconfig), [.. contextNames.Distinct(StringComparer.Ordinal)]) is { } kubeconfigProblem)
                    problems.Add(kubeconfigProblem);
                foreach (var problem in problems) context.Error.WriteLine($"trust: {OneLine(problem)}");
                return ExitCodes.BadInput;
            }
            var json = parse.GetValue(format) == "json";
            return Run(context, options, parse.GetValue(kubeconfig), contextNames, json);
        });
        return command;
    }

    /// <summary>What connecting would say about the kubeconfig and contexts (no request is made), or null.</summary>
    private static string? KubeconfigProblem(string? kubeconfig, string[] contexts)
    {
        try
        {
            foreach (var cluster in KubernetesConnections.Connect(kubeconfig, contexts)) cluster.Dispose();
            return null;
        }
        catch (RotationJobException e)
        {
            return e.Message;
        }
    }

    private static int Run(CliContext context, RotationJobOptions options, string? kubeconfig, string[] contexts, bool json)
    {
        IReadOnlyList<KubernetesCluster> clusters;
        try
        {
            clusters = KubernetesConnections.Connect(kubeconfig, contexts);
        }
        catch (RotationJobException e)
        {
            context.Error.WriteLine($"trust: {OneLine(e.Message)}");
            return ExitCodes.ClusterFailure;
        }
        RotationRunReport report;
        try
        {
            var job = new RotationJob(clusters, options, context.Time) { OnAction = action => ActionLog.Action(context.Error, action) };
            report = Shutdown.Run(job.RunAsync);
        }
        catch (OperationCanceledException)
        {
            // A signal: the job stopped between requests and released its Lease; the signal handler sets the exit code.
            context.Error.WriteLine("trust: rotate interrupted; the Lease was released and the next run resumes from what the objects say");
            return Shutdown.ExitCode ?? 130;
        }
        catch (KubernetesClientException e)
        {
            // Credentials the client could not get at request time (an exec plugin that failed, say).
            context.Error.WriteLine($"trust: {OneLine(e.Message)}");
            return ExitCodes.ClusterFailure;
        }
        finally
        {
            foreach (var cluster in clusters) cluster.Dispose();
        }
        return Finish(context, report, options, contexts.Length > 0 ? contexts[0] : null, json);
    }

    /// <summary>Logs the report's warnings, prints the report, names a failure in one line on stderr, and returns the
    /// exit code.</summary>
    /// <param name="homeContext">The home cluster's kubeconfig context, when one was named (for kubectl hints).</param>
    public static int Finish(CliContext context, RotationRunReport report, RotationJobOptions options, string? homeContext, bool json)
    {
        var now = context.Now;
        foreach (var warning in report.Warnings) ActionLog.Warning(context.Error, warning, now);
        if (json) context.Out.WriteLine(RunReportJson.Write(report, options, homeContext));
        else RunReportText.Write(context.Out, report, options, homeContext, now);
        if (report.Outcome == RotationOutcome.Failed && report.Error is { } error) context.Error.WriteLine($"trust: {OneLine(error)}");
        return ExitCode(report.Outcome);
    }

    /// <summary>The exit code of an outcome, dry run or not (docs/cli.md).</summary>
    public static int ExitCode(RotationOutcome outcome) => outcome switch
    {
        RotationOutcome.Good => ExitCodes.Ok,
        RotationOutcome.AtRisk or RotationOutcome.Unsettled or RotationOutcome.Blocked => ExitCodes.Failed,
        RotationOutcome.Stopped => ExitCodes.Stopped,
        RotationOutcome.Busy => ExitCodes.Busy,
        RotationOutcome.Failed => ExitCodes.ClusterFailure,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "an outcome this command does not know"),
    };

    /// <summary>The job's own namespace: POD_NAMESPACE (the downward API), else the service account's namespace file;
    /// null outside a pod (the anchor key must not land in Linkerd's namespace by default).</summary>
    public static string? DefaultAnchorNamespace(Func<string, string?> environment, string serviceAccountFile)
    {
        if (environment("POD_NAMESPACE") is { } pod && !string.IsNullOrWhiteSpace(pod)) return pod.Trim();
        try
        {
            if (File.Exists(serviceAccountFile) && File.ReadAllText(serviceAccountFile).Trim() is { Length: > 0 } fromFile) return fromFile;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable file is as good as none.
        }
        return null;
    }

    /// <summary>HOSTNAME (a pod's name), else the machine name.</summary>
    public static string DefaultHolder(Func<string, string?> environment) =>
        environment("HOSTNAME") is { } host && !string.IsNullOrWhiteSpace(host) ? host.Trim() : Environment.MachineName;

    private static Option<string> Name(string option, string helpName, string defaultValue, string description) => new(option)
    {
        Description = description, DefaultValueFactory = _ => defaultValue, HelpName = helpName,
    };

    private static Option<string> Duration(string option, TimeSpan defaultValue, string description) => new(option)
    {
        Description = description, DefaultValueFactory = _ => DurationText.Format(defaultValue), HelpName = "DURATION",
    };

    private static Option<string?> RenewBefore(string option, string what) => new(option)
    {
        Description = $"When to renew the {what}: a duration before expiry (cert-manager renewBefore, e.g. 16h) or a percentage of the lifetime left (renewBeforePercentage, 1% to 99%, e.g. 33%) [default: a third of the lifetime, as cert-manager]",
        HelpName = "DURATION|N%",
    };

    private static RenewalPolicy Renewal(Option option, string? text, Option lifetimeOption, TimeSpan lifetime) =>
        text is null ? RenewalPolicy.Default : RenewBeforeOption.DurationOrPercentage(option.Name, text, lifetimeOption.Name, lifetime);

    private static string KubernetesName(Option option, string value, bool label = false)
    {
        var ok = label ? value.Length <= 63 && Label().IsMatch(value) : value.Length <= 253 && Subdomain().IsMatch(value);
        if (!ok)
            throw CliErrors.Error(label
                ? $"{option.Name} '{value}' is not a namespace name (lowercase letters, digits and '-', at most 63 characters)"
                : $"{option.Name} '{value}' is not an object name (lowercase letters, digits, '-' and '.', at most 253 characters)");
        return value;
    }

    private static string ConfigMapKey(Option option, string value) => value.Length is > 0 and <= 253 && Key().IsMatch(value) && value is not ("." or "..")
        ? value
        : throw CliErrors.Error($"{option.Name} '{value}' is not a ConfigMap key (letters, digits, '-', '_' and '.')");

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();

    [GeneratedRegex(@"^[-._a-zA-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Key();
}

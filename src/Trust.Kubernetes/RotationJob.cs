using k8s;
using k8s.Models;
using Trust.Findings;
using Trust.Rotation;

namespace Trust.Kubernetes;

/// <summary>
/// One run of the rotation job: hold the Lease, read every cluster into a <see cref="RotationState"/>, let the
/// <see cref="RotationPlanner"/> decide, carry out its writes in order (conditional on what was read), and read and
/// plan again until a plan has nothing to write (a conflict, or a publication or switch a later read confirms, starts
/// another round). Every decision is the planner's; this class only reads, writes and reports.
/// </summary>
public sealed class RotationJob
{
    private readonly IReadOnlyList<KubernetesCluster> _clusters;
    private readonly RotationJobOptions _options;
    private readonly TimeProvider _time;
    private readonly RotationPlanner _planner;
    private readonly ClusterReader _reader;
    private readonly EventReporter _events;

    /// <summary>Creates a run.</summary>
    /// <param name="clusters">The clusters, home (where the anchor Secrets and the Lease live) first; names distinct.</param>
    /// <param name="options">Names, policy and switches.</param>
    /// <param name="time">The clock (tests pass a fake one).</param>
    /// <param name="planner">The planner; null for a default one.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No cluster, two with the same name, or invalid options.</exception>
    /// <exception cref="TrustInputException">The policy is invalid.</exception>
    public RotationJob(IReadOnlyList<KubernetesCluster> clusters, RotationJobOptions options, TimeProvider time, RotationPlanner? planner = null)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (clusters.Count == 0) throw new ArgumentException("no cluster to run against", nameof(clusters));
        if (clusters.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() != clusters.Count)
            throw new ArgumentException("two clusters have the same name", nameof(clusters));
        options.Validate();
        options.Policy.Validate();
        _clusters = clusters;
        _options = options;
        _time = time;
        _planner = planner ?? new RotationPlanner();
        _reader = new ClusterReader(clusters, options);
        _events = new EventReporter(options.Holder, time);
    }

    /// <summary>Called after every write or restart, in order (the CLI logs one JSON line per action).</summary>
    public Action<RotationAction>? OnAction { get; init; }

    /// <summary>Runs once. API failures do not throw: they end the run with <see cref="RotationOutcome.Failed"/>.</summary>
    /// <param name="cancel">Stops the run between requests (the Lease is still released).</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled.</exception>
    public async Task<RotationRunReport> RunAsync(CancellationToken cancel = default)
    {
        var report = new RotationRunReport { DryRun = _options.DryRun };
        var home = _clusters[0];
        var lease = new LeaseLock(home.Api, _options.AnchorNamespace, _options.LeaseName, _options.Holder, _options.LeaseDuration, _time);
        try
        {
            if (!_options.DryRun && !await lease.TryAcquireAsync(cancel).ConfigureAwait(false))
            {
                report.Outcome = RotationOutcome.Busy;
                (report.LeaseHolder, report.LeaseHeldUntil) = lease.HeldBy is { } held ? (held.Holder, held.Until) : ("another run", (DateTimeOffset?)null);
                return report;
            }
            await RoundsAsync(report, cancel).ConfigureAwait(false);
        }
        catch (RotationJobException e)
        {
            report.Outcome = RotationOutcome.Failed;
            report.Error = e.Message;
        }
        finally
        {
            if (!_options.DryRun && !await lease.ReleaseAsync(CancellationToken.None).ConfigureAwait(false))
                report._warnings.Add($"the Lease {_options.AnchorNamespace}/{_options.LeaseName} could not be released; it expires by itself");
            report._warnings.AddRange(_events.Failures);
            report.Requests = _clusters.Sum(c => c.Requests);
        }
        return report;
    }

    private async Task RoundsAsync(RotationRunReport report, CancellationToken cancel)
    {
        var policy = _options.Policy;
        for (var round = 1; ; round++)
        {
            report.Rounds = round;
            var seen = await _reader.ReadAsync(cancel).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            using var plan = _planner.Plan(seen.State, policy, now);
            if (round == 1) report.PhaseBefore = plan.Phase;
            Summarize(report, seen, plan, now);

            if (plan.IsStopped)
            {
                report.Outcome = RotationOutcome.Stopped;
                if (!_options.DryRun) await WarnAsync(seen, plan, cancel).ConfigureAwait(false);
                return;
            }
            if (_options.DryRun)
            {
                foreach (var step in plan.Writes) report._actions.Add(Planned(step, now));
                report.PhaseAfter = plan.PhaseAfter;
                report.Outcome = Settled(plan);
                return;
            }
            if (!plan.HasWrites)
            {
                if (_options.Restart) await RestartAsync(report, seen, plan, cancel).ConfigureAwait(false);
                report.Outcome = Settled(plan);
                await WarnAsync(seen, plan, cancel).ConfigureAwait(false);
                return;
            }
            if (round >= _options.MaxRounds)
            {
                report.Outcome = RotationOutcome.Unsettled;
                report.Error = $"still {plan.Writes.Count()} write(s) to make after {round} rounds";
                return;
            }
            try
            {
                var executor = new PlanExecutor(_clusters, _options, _reader, _time, (action, regarding) => DoneAsync(report, action, regarding));
                await executor.ExecuteAsync(plan, seen, DefersRecord(plan), cancel).ConfigureAwait(false);
            }
            catch (ConflictException e)
            {
                report._warnings.Add($"{e.Message}; read again");
            }
        }
    }

    /// <summary>How a run whose last plan writes nothing ends.</summary>
    private static RotationOutcome Settled(RotationPlan plan) =>
        plan.AnchorExpiryAtRisk ? RotationOutcome.AtRisk : plan.EmergencyBlocked ? RotationOutcome.Blocked : RotationOutcome.Good;

    /// <summary>
    /// One record per run: a round that publishes or switches writes a record still missing the time of it, which the
    /// next read confirms and stamps; such a round leaves the record to the next one, which writes it once, complete.
    /// A round with nothing else to write always writes it, so the rounds still end. A run that dies in between loses
    /// nothing the objects do not say: the next run stamps the confirmation later, never earlier.
    /// </summary>
    private static bool DefersRecord(RotationPlan plan) =>
        plan.Writes.Any(s => s is not RecordRotationStep)
        && plan.Writes.OfType<RecordRotationStep>().Any(r => r.Record is { Phase: RotationPhase.Publish, PublishedAt: null }
            or { Phase: RotationPhase.Switch or RotationPhase.Drop, SwitchedAt: null });

    private void Summarize(RotationRunReport report, Observation seen, RotationPlan plan, DateTimeOffset now)
    {
        report.PhaseAfter = plan.Phase;
        report.Waits = plan.Waits.ToList();
        report.Findings = [.. plan.Findings, .. plan.Steps.OfType<StopStep>().Select(s => s.Finding).Where(f => !plan.Findings.Contains(f))];
        report.AnchorExpiryAtRisk = plan.AnchorExpiryAtRisk;
        report.EmergencyBlocked = plan.EmergencyBlocked;
        report.Paused = seen.State.Paused;
        report.Timeline = RotationTimeline.Of(seen.State, _options.Policy, now);
        report.Clusters = seen.Clusters.Select(c =>
        {
            var state = seen.State.Clusters.First(s => s.Name == c.Cluster.Name);
            var bundleText = state.Bundle?.ToPem().Trim();
            var differing = c.Pods.Groups.Where(g => bundleText is null || g.Text != bundleText).ToList();
            return new ClusterSummary(c.Cluster.Name, c.Pods.Pods, differing.Sum(g => g.Pods),
                differing.SelectMany(g => g.Owners).Distinct().Take(ClusterReader.MaxWorkloadsNamed).Select(w => w.ToString()).ToList(),
                state.IdentityStartedAt, c.Notes);
        }).ToList();
    }

    private RotationAction Planned(RotationStep step, DateTimeOffset now)
    {
        var (action, cluster, target) = step switch
        {
            StoreAnchorStep s => ("store-anchor", _clusters[0].Name, $"Secret {_options.AnchorNamespace}/{_reader.SecretName(s.Slot)}"),
            WriteBundleStep b => ("write-bundle", b.Cluster, $"ConfigMap {_options.Namespace}/{_options.BundleConfigMap}"),
            WriteIssuerStep i => ("write-issuer", i.Cluster, $"Secret {_options.Namespace}/{_options.IssuerSecret}"),
            DeleteAnchorStep d => ("delete-anchor", _clusters[0].Name, $"Secret {_options.AnchorNamespace}/{_reader.SecretName(d.Slot)}"),
            _ => ("record", _clusters[0].Name, $"Secret {_options.AnchorNamespace}/{_options.AnchorSecret}"),
        };
        return new RotationAction(action, cluster, target, step.ToString() ?? action, now);
    }

    private async Task DoneAsync(RotationRunReport report, RotationAction action, object? regarding)
    {
        report._actions.Add(action);
        OnAction?.Invoke(action);
        if (regarding is not IKubernetesObject<V1ObjectMeta> target || action.Action == "record") return;
        var cluster = _clusters.First(c => c.Name == action.Cluster);
        var reason = action.Action switch
        {
            "store-anchor" => "AnchorStored",
            "write-bundle" => "TrustBundleUpdated",
            "write-issuer" => "IssuerIssued",
            "delete-anchor" => "AnchorRemoved",
            _ => "Updated",
        };
        // Events are written after the action they describe; a failed Event is a warning, not a failed run.
        await _events.EmitAsync(cluster, target, false, reason, action.Action, action.Message, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>One Event per finding on the anchor Secret (or, without one, the issuer Secret or the bundle): a pause
    /// alone is a Normal <c>RotationPaused</c> on every run; anything else is a Warning.</summary>
    private async Task WarnAsync(Observation seen, RotationPlan plan, CancellationToken cancel)
    {
        if (plan.Findings.Count == 0) return;
        var home = seen.Clusters[0];
        IKubernetesObject<V1ObjectMeta>? regarding = seen.AnchorSecrets[AnchorSlot.Current] ?? (IKubernetesObject<V1ObjectMeta>?)home.Issuer ?? home.Bundle;
        if (regarding is null) return;
        var reason = plan.IsStopped ? "RotationStopped"
            : plan.AnchorExpiryAtRisk ? "RotationAtRisk"
            : plan.EmergencyBlocked ? "RotationBlocked"
            : "RotationAttention";
        foreach (var finding in plan.Findings)
        {
            var pause = finding.Id == FindingIds.RotationPaused && !plan.EmergencyBlocked && !plan.AnchorExpiryAtRisk;
            await _events.EmitAsync(home.Cluster, regarding, !pause, pause ? "RotationPaused" : reason, "check", finding.ToString(), cancel).ConfigureAwait(false);
        }
    }

    private async Task RestartAsync(RotationRunReport report, Observation seen, RotationPlan plan, CancellationToken cancel)
    {
        if (seen.State.Next is { } next && seen.State.Record is { PublishedAt: { } publishedAt })
            await RestartForNewAnchorAsync(report, seen, plan, next, publishedAt, cancel).ConfigureAwait(false);
        else if (seen.State is { Next: null, Previous: null, Paused: false, Current: { } current }
                 && seen.State.Record is { Phase: RotationPhase.Stable, Emergency: true, DroppedAt: { } droppedAt } record
                 && record.AnchorFingerprint == current.Fingerprint)
            await RestartAfterEmergencyAsync(report, seen, droppedAt, cancel).ConfigureAwait(false);
    }

    private async Task RestartForNewAnchorAsync(RotationRunReport report, Observation seen, RotationPlan plan, StoredAnchor next,
        DateTimeOffset publishedAt, CancellationToken cancel)
    {
        var waits = plan.Waits.ToList();
        if (waits.Any(w => w.Reason is RotationWaitReason.PublicationUnconfirmed or RotationWaitReason.BundleTooYoung or RotationWaitReason.Paused)
            || !waits.Any(w => w.Reason is RotationWaitReason.IdentityControllerNotRestarted or RotationWaitReason.PodsLackNewAnchor))
            return;
        foreach (var cluster in seen.Clusters)
        {
            var lacking = cluster.Pods.Groups.Where(g => !g.Fingerprints.Contains(next.Fingerprint)).SelectMany(g => g.Owners).Distinct().ToList();
            var identityWaits = waits.Any(w => w.Reason == RotationWaitReason.IdentityControllerNotRestarted && (w.Cluster is null || w.Cluster == cluster.Cluster.Name));
            // The control plane first (the proxy injector and the identity controller read the bundle at start); the
            // workloads once it trusts the new anchor, in a later run.
            var controlPlane = lacking.Where(w => w.Namespace == _options.Namespace).Concat(identityWaits ? cluster.IdentityOwners : []).Distinct().ToList();
            await RestartEachAsync(report, cluster.Cluster, controlPlane.Count > 0 ? controlPlane : lacking, publishedAt, "pick up the new trust anchor", cancel)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After an emergency rotation dropped the compromised anchor, a proxy still trusts it for as long as it lives: roll
    /// out restarts once more, the control plane first (its proxies and the proxy injector read the bundle at start;
    /// the identity controller's start says whether that happened since the drop), then, in a later run, every
    /// workload whose proxies still trust an anchor the bundle no longer holds. Each workload once per drop.
    /// </summary>
    private async Task RestartAfterEmergencyAsync(RotationRunReport report, Observation seen, DateTimeOffset droppedAt, CancellationToken cancel)
    {
        foreach (var cluster in seen.Clusters)
        {
            var state = seen.State.Clusters.First(s => s.Name == cluster.Cluster.Name);
            if (state.Bundle is not { } bundle) continue;
            var trusted = bundle.Certificates.Select(c => c.Fingerprint).ToHashSet(StringComparer.Ordinal);
            var controlPlaneStale = state.IdentityStartedAt is { } started && started < droppedAt;
            var targets = controlPlaneStale
                ? cluster.IdentityOwners.Concat(cluster.Pods.Groups.SelectMany(g => g.Owners).Where(w => w.Namespace == _options.Namespace)).Distinct().ToList()
                : cluster.Pods.Groups.Where(g => g.Fingerprints.Any(f => !trusted.Contains(f))).SelectMany(g => g.Owners).Distinct().ToList();
            await RestartEachAsync(report, cluster.Cluster, targets, droppedAt, "stop trusting the retired anchor", cancel).ConfigureAwait(false);
        }
    }

    private async Task RestartEachAsync(RotationRunReport report, KubernetesCluster cluster, IEnumerable<Workload> workloads, DateTimeOffset since,
        string purpose, CancellationToken cancel)
    {
        var restarter = new WorkloadRestarter(_time);
        foreach (var workload in workloads)
        {
            var result = await restarter.RestartAsync(cluster, workload, since, purpose, cancel).ConfigureAwait(false);
            if (result is null) continue;
            var action = new RotationAction("restart", cluster.Name, workload.ToString(), result, _time.GetUtcNow());
            report._actions.Add(action);
            OnAction?.Invoke(action);
        }
    }
}

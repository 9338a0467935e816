using Microsoft.Extensions.Time.Testing;
using Trust.Certificates;
using Trust.Findings;
using Trust.Rotation;
using Trust.Validation;

namespace Trust.Tests.Rotation;

/// <summary>How the simulated mesh behaves: pod lifetimes, identity restarts, fault rates.</summary>
public sealed record MeshBehaviour
{
    public int PodsPerCluster { get; init; } = 12;
    /// <summary>Most pods live this long on average (exponential), capped at <see cref="LongestPodLife"/>.</summary>
    public TimeSpan TypicalPodLife { get; init; } = TimeSpan.FromDays(7);
    /// <summary>No pod lives longer: somebody deploys eventually.</summary>
    public TimeSpan LongestPodLife { get; init; } = TimeSpan.FromDays(60);
    public TimeSpan TypicalIdentityLife { get; init; } = TimeSpan.FromDays(4);
    public TimeSpan LongestIdentityLife { get; init; } = TimeSpan.FromDays(20);
    public double WriteFailure { get; init; } = 0.02;
    public double DeathAfterStep { get; init; } = 0.02;
    public double SkippedRun { get; init; } = 0.02;
}

/// <summary>
/// An in-memory mesh driven hour by hour: clusters whose objects live in a <see cref="RotationStore"/>, meshed pods
/// that read the bundle when created and hold workload certificates refreshed at 70% of their life, an identity
/// controller that reads the bundle only at start and refuses issuers its start-up anchors do not trust. Each hour
/// the rotation job (planner + a faulty executor) runs once; then the invariants of the reference are asserted.
/// Workload certificates are modelled by their chain (issuer, anchor) and validity; no crypto is spent on them.
/// </summary>
public sealed class MeshSimulation
{
    private sealed record Leaf(string IssuerFingerprint, string AnchorFingerprint, DateTimeOffset NotBefore, DateTimeOffset NotAfter);

    private sealed class Pod
    {
        public required string Owner { get; init; }
        private IReadOnlySet<string> _env = new HashSet<string>();

        public required IReadOnlySet<string> Env
        {
            get => _env;
            set
            {
                _env = value;
                EnvKey = string.Join(",", value.Order());
            }
        }

        public string EnvKey { get; private set; } = "";
        public DateTimeOffset StartedAt { get; set; }
        public DateTimeOffset RestartAt { get; set; }
        public Leaf? Leaf { get; set; }
    }

    private sealed class Identity
    {
        public DateTimeOffset StartedAt { get; set; }
        public DateTimeOffset RestartAt { get; set; }
        public IReadOnlySet<string> StartupAnchors { get; set; } = new HashSet<string>();
        public StoredIssuer? Active { get; set; }
    }

    private readonly Random _random;
    private readonly RotationPolicy _policy;
    private readonly MeshBehaviour _behaviour;
    private readonly RotationPlanner _planner = new();
    private readonly Dictionary<string, List<Pod>> _pods = [];
    private readonly Dictionary<string, Identity> _identities = [];
    private readonly Dictionary<string, string> _anchorOfIssuer = [];
    private readonly Dictionary<string, CertificateInfo> _anchors = [];
    private readonly HashSet<(string, string)> _verifiedAgainstBundle = [];
    private int _podNumber;

    public MeshSimulation(int seed, RotationPolicy policy, MeshBehaviour behaviour, params string[] clusters)
    {
        _random = new Random(seed);
        _policy = policy;
        _behaviour = behaviour;
        Store = new RotationStore(clusters);
        Clock = TestClockAtSecond();
    }

    public RotationStore Store { get; }
    public FakeTimeProvider Clock { get; }
    public int Runs { get; private set; }
    public int WritesApplied { get; private set; }
    public int FaultsInjected { get; private set; }
    public HashSet<string> CurrentAnchorsSeen { get; } = [];
    public Dictionary<RotationPhase, int> PhasesSeen { get; } = [];
    public List<string> FindingsSeen { get; } = [];

    private DateTimeOffset Now => Clock.GetUtcNow();

    private static FakeTimeProvider TestClockAtSecond() => Support.TestClock.At();

    /// <summary>Runs the job once to bootstrap, installs the mesh, then simulates <paramref name="hours"/> hours.</summary>
    public void Run(int hours)
    {
        RunJob(faults: false);
        foreach (var cluster in Store.Clusters)
        {
            _identities[cluster.Name] = StartIdentity(cluster);
            _pods[cluster.Name] = [.. Enumerable.Range(0, _behaviour.PodsPerCluster).Select(_ => NewPod(cluster))];
        }
        CheckInvariants("after bootstrap");
        for (var hour = 1; hour <= hours; hour++)
        {
            Clock.Advance(TimeSpan.FromHours(1));
            ChurnPods();
            if (_random.NextDouble() >= _behaviour.SkippedRun) RunJob(faults: true);
            IdentityWatchesIssuer();
            RefreshLeaves();
            CheckInvariants($"hour {hour} ({Trust.Time.Rfc3339.Format(Now)})");
        }
    }

    // ---- The job: observe, plan, carry out the writes in order with faults.

    private void RunJob(bool faults)
    {
        Runs++;
        var plan = _planner.Plan(ObservedState(), _policy, Now);
        PhasesSeen[plan.Phase] = PhasesSeen.GetValueOrDefault(plan.Phase) + 1;
        Assert.False(plan.IsStopped, $"the plan stopped at {Now}: {string.Join("; ", plan.Findings)}");
        Assert.False(plan.AnchorExpiryAtRisk, $"rotation stalled at {Now}: {string.Join("; ", plan.Findings)}");
        FindingsSeen.AddRange(plan.Findings.Where(f => f.Id != FindingIds.RotationPaused).Select(f => f.Id));
        foreach (var step in plan.Writes)
        {
            if (faults && _random.NextDouble() < _behaviour.WriteFailure)
            {
                FaultsInjected++;
                break; // the write failed: the run stops here
            }
            Store.Apply(step);
            WritesApplied++;
            if (step is WriteIssuerStep issuer) Remember(issuer.Issuer.Certificate, issuer.Anchor);
            if (step is StoreAnchorStep anchor) _anchors[anchor.Anchor.Fingerprint] = anchor.Anchor.Certificate;
            if (faults && _random.NextDouble() < _behaviour.DeathAfterStep)
            {
                FaultsInjected++;
                break; // the run died after this write
            }
        }
        if (Store.Current is { } current) CurrentAnchorsSeen.Add(current.Fingerprint);
    }

    private RotationState ObservedState()
    {
        var state = Store.ToState();
        if (_pods.Count == 0) return state;
        return state with
        {
            Clusters = [.. state.Clusters.Select(c => c with
            {
                MeshedPods = [.. _pods[c.Name].GroupBy(p => p.EnvKey)
                    .Select(g => new MeshedPodGroup(g.First().Env, g.Count(), [.. g.Select(p => p.Owner).Distinct()]))],
                OldestMeshedPodStartedAt = _pods[c.Name].Count == 0 ? null : _pods[c.Name].Min(p => p.StartedAt),
                IdentityStartedAt = _identities[c.Name].StartedAt,
            })],
        };
    }

    /// <summary>Learns, once per issuer, which anchor it chains to, by verifying it (not by trusting the step).</summary>
    private void Remember(CertificateInfo issuer, CertificateInfo anchor)
    {
        if (_anchorOfIssuer.ContainsKey(issuer.Fingerprint)) return;
        var result = ChainVerifier.Verify(issuer, [], new CertificatePool([anchor]), issuer.NotBefore);
        Assert.True(result.IsValid, result.Failure);
        Assert.True(issuer.NotAfter <= anchor.NotAfter, "the issuer outlives its anchor");
        _anchorOfIssuer[issuer.Fingerprint] = anchor.Fingerprint;
        _anchors[anchor.Fingerprint] = anchor;
    }

    // ---- The mesh.

    private Identity StartIdentity(StoredCluster cluster)
    {
        var identity = new Identity
        {
            StartedAt = Now,
            RestartAt = Now + Life(_behaviour.TypicalIdentityLife, _behaviour.LongestIdentityLife),
            StartupAnchors = RotationStore.Fingerprints(cluster.Bundle),
        };
        // Linkerd's identity controller verifies the issuer against the bundle it read; failure is CrashLoopBackOff.
        var issuer = cluster.Issuer!;
        Assert.True(identity.StartupAnchors.Contains(_anchorOfIssuer[issuer.Certificate.Fingerprint]),
            $"{cluster.Name}: the identity controller started at {Now} cannot verify the issuer with its anchors");
        identity.Active = issuer;
        return identity;
    }

    private void IdentityWatchesIssuer()
    {
        foreach (var cluster in Store.Clusters)
        {
            var identity = _identities[cluster.Name];
            var secret = cluster.Issuer!;
            if (secret.Certificate.Fingerprint == identity.Active!.Certificate.Fingerprint) continue;
            // IssuerUpdateSkipped would leave the controller on an issuer that expires: never allowed here.
            Assert.True(identity.StartupAnchors.Contains(_anchorOfIssuer[secret.Certificate.Fingerprint]),
                $"{cluster.Name}: at {Now} the identity controller (started {identity.StartedAt}) skips the new issuer: its start-up anchors do not include the issuer's anchor");
            identity.Active = secret;
        }
    }

    private Pod NewPod(StoredCluster cluster)
    {
        var pod = new Pod { Owner = $"ns{_podNumber % 4}/app{_podNumber++ % 9}", Env = RotationStore.Fingerprints(cluster.Bundle) };
        StartPod(cluster, pod);
        return pod;
    }

    private void StartPod(StoredCluster cluster, Pod pod)
    {
        pod.Env = RotationStore.Fingerprints(cluster.Bundle); // the injector bakes the bundle into the proxy's env
        pod.StartedAt = Now;
        pod.RestartAt = Now + Life(_behaviour.TypicalPodLife, _behaviour.LongestPodLife);
        pod.Leaf = IssueLeaf(cluster);
    }

    private TimeSpan Life(TimeSpan typical, TimeSpan longest)
    {
        var hours = -Math.Log(1 - _random.NextDouble()) * typical.TotalHours;
        return TimeSpan.FromHours(Math.Clamp(Math.Ceiling(hours), 1, longest.TotalHours));
    }

    private void ChurnPods()
    {
        foreach (var cluster in Store.Clusters)
        {
            var pods = _pods[cluster.Name];
            foreach (var pod in pods)
                if (Now >= pod.RestartAt) StartPod(cluster, pod);
            if (_random.NextDouble() < 0.03) pods.Add(NewPod(cluster));
            if (pods.Count > 3 && _random.NextDouble() < 0.03) pods.RemoveAt(_random.Next(pods.Count));
            var identity = _identities[cluster.Name];
            if (Now >= identity.RestartAt) _identities[cluster.Name] = StartIdentity(cluster);
        }
    }

    private Leaf IssueLeaf(StoredCluster cluster)
    {
        var issuer = _identities[cluster.Name].Active!.Certificate;
        Check(issuer.IsValidAt(Now), () => $"{cluster.Name}: at {Now} the identity controller's issuer has expired: no workload certificates");
        var notAfter = Now + _policy.LeafLifetime + _policy.ClockSkewAllowance;
        if (notAfter > issuer.NotAfter) notAfter = issuer.NotAfter;
        return new Leaf(issuer.Fingerprint, _anchorOfIssuer[issuer.Fingerprint], Now - _policy.ClockSkewAllowance, notAfter);
    }

    private void RefreshLeaves()
    {
        foreach (var cluster in Store.Clusters)
        foreach (var pod in _pods[cluster.Name])
        {
            var leaf = pod.Leaf!;
            if (Now >= leaf.NotBefore + (leaf.NotAfter - leaf.NotBefore) * 0.7) pod.Leaf = IssueLeaf(cluster);
        }
    }

    // ---- The reference's invariants, after every run.

    /// <summary>Asserts, building the message only on failure (the checks run millions of times).</summary>
    private static void Check(bool condition, Func<string> message)
    {
        if (!condition) Assert.Fail(message());
    }

    private void CheckInvariants(string when)
    {
        var now = Now;
        var keyed = new HashSet<string>(new[] { Store.Current, Store.Next, Store.Previous }
            .Where(a => a?.Key is not null).Select(a => a!.Fingerprint));
        var allPods = _pods.Values.SelectMany(p => p).ToList();
        var liveLeafAnchors = allPods.Select(p => p.Leaf!).Where(l => l.NotAfter >= now).Select(l => l.AnchorFingerprint).ToHashSet();
        foreach (var cluster in Store.Clusters)
        {
            var bundle = cluster.Bundle!;
            var issuer = cluster.Issuer!;
            var bundleFingerprints = RotationStore.Fingerprints(bundle);

            // 1. The issuer verifies against the bundle and passes Linkerd's identity checks.
            var pair = (issuer.Certificate.Fingerprint, string.Join(",", bundleFingerprints.Order()));
            if (!_verifiedAgainstBundle.Contains(pair))
            {
                var chain = ChainVerifier.Verify(issuer.Certificate, issuer.Chain.Skip(1), new CertificatePool(bundle.Certificates), now);
                Check(chain.IsValid, () => $"{when}, {cluster.Name}: the issuer does not verify against the bundle: {chain.Failure}");
                var report = IdentityChecks.Run(new IdentityMaterial
                {
                    Anchors = bundle.Certificates,
                    AnchorsContent = System.Text.Encoding.UTF8.GetBytes(bundle.ToPem()),
                    IssuerChain = issuer.Chain,
                    IssuerKey = issuer.Key,
                }, now);
                Check(report.Passed, () => $"{when}, {cluster.Name}: Linkerd's identity checks fail: {string.Join("; ", report.Findings.Where(f => f.IsBlocking))}");
                _verifiedAgainstBundle.Add(pair);
            }
            Assert.Contains(_anchorOfIssuer[issuer.Certificate.Fingerprint], bundleFingerprints);

            // 2. No certificate in use is expired.
            foreach (var anchor in bundle.Certificates)
                Check(anchor.IsValidAt(now), () => $"{when}, {cluster.Name}: the bundle holds anchor {anchor.Fingerprint[..12]} that expired at {anchor.NotAfter}");
            Check(issuer.Certificate.IsValidAt(now), () => $"{when}, {cluster.Name}: the issuer expired at {issuer.Certificate.NotAfter}");
            var identity = _identities[cluster.Name];
            Check(identity.Active!.Certificate.IsValidAt(now), () => $"{when}, {cluster.Name}: the identity controller's issuer expired");
            foreach (var pod in _pods[cluster.Name])
                Check(pod.Leaf!.NotAfter >= now, () => $"{when}, {cluster.Name}: {pod.Owner}'s workload certificate expired at {pod.Leaf.NotAfter}");

            // 3. The issuer is never signed by an anchor that a meshed pod or the identity controller does not trust.
            var issuerAnchor = _anchorOfIssuer[issuer.Certificate.Fingerprint];
            Check(identity.StartupAnchors.Contains(issuerAnchor), () => $"{when}, {cluster.Name}: the identity controller does not trust the issuer's anchor");
            foreach (var pod in allPods)
                Check(pod.Env.Contains(issuerAnchor), () => $"{when}, {cluster.Name}: pod {pod.Owner} (started {pod.StartedAt}) does not trust the issuer's anchor {issuerAnchor[..12]}");

            // 4. No anchor leaves a bundle while a live issuer or leaf may chain to it.
            foreach (var anchor in liveLeafAnchors.Append(_anchorOfIssuer[identity.Active.Certificate.Fingerprint]))
                if (_anchors[anchor].IsValidAt(now))
                    Check(bundleFingerprints.Contains(anchor), () => $"{when}, {cluster.Name}: anchor {anchor[..12]} left the bundle while a live certificate chains to it");

            // 5. No anchor key disappears while its anchor is in a bundle.
            foreach (var anchor in bundleFingerprints)
                Check(keyed.Contains(anchor), () => $"{when}, {cluster.Name}: the key of anchor {anchor[..12]} is gone while the bundle holds it");
        }
        // Mutual TLS across the mesh (and across clusters): every running proxy trusts the anchor of every live leaf.
        foreach (var pod in allPods)
        foreach (var anchor in liveLeafAnchors)
            Check(pod.Env.Contains(anchor), () => $"{when}: pod {pod.Owner} (started {pod.StartedAt}) does not trust anchor {anchor[..12]} of a live workload certificate");
    }
}

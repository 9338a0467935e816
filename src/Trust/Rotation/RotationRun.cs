using Trust.Bundles;
using Trust.Certificates;
using Trust.Findings;
using Trust.Keys;
using Trust.Time;
using Trust.Validation;

namespace Trust.Rotation;

/// <summary>
/// One planning pass of <see cref="RotationPlanner"/>. Naming: A = the current anchor slot as observed; during a
/// rotation <c>_from</c> is the anchor being retired and <c>_to</c> its successor. Before the switch A = from, after it
/// A = to. "Committed" means the anchor slots already say the switch happened (A = to).
/// </summary>
internal sealed class RotationRun
{
    /// <summary>Reports name at most this many workloads; the count is always complete.</summary>
    private const int MaxWorkloadsNamed = 20;

    private readonly RotationState _state;
    private readonly RotationPolicy _policy;
    private readonly DateTimeOffset _now;
    private readonly Func<KeyAlgorithm, SigningKey> _generateKey;
    private readonly CertificateFactory _factory;

    private readonly List<RotationStep> _writes = [];
    private readonly List<WaitStep> _waits = [];
    private readonly List<Finding> _findings = [];
    private readonly List<SigningKey> _created = [];
    private readonly IssuerPaths _paths;
    private bool _atRisk;

    private StoredAnchor? _from, _to;
    private bool _committed, _emergency, _emergencyBlocked;

    public RotationRun(RotationState state, RotationPolicy policy, DateTimeOffset now, Func<KeyAlgorithm, SigningKey> generateKey,
        CertificateFactory factory, IssuerPaths paths)
    {
        _paths = paths;
        _state = state;
        _policy = policy;
        _now = now;
        _generateKey = generateKey;
        _factory = factory;
    }

    private RotationRecord? Record => _state.Record;

    private IReadOnlyList<ClusterState> Clusters => _state.Clusters;

    public RotationPlan Plan()
    {
        try
        {
            var stops = Stops();
            if (stops.Count > 0) return Stopped(stops);
            return _state.Current is null ? Bootstrap() : Rotate();
        }
        catch (TrustInputException e)
        {
            // The factory refused to sign (an anchor that may not sign a CA, a subject clash): nothing is written.
            return Stopped([e.Finding]);
        }
    }

    private RotationPlan Stopped(IReadOnlyList<Finding> findings)
    {
        foreach (var key in _created) key.Dispose();
        return new RotationPlan(RotationPhase.Unknown, RotationPhase.Unknown, [.. findings.Select(f => new StopStep(f))], findings, false, false, []);
    }

    // ---- Stops: corrupt, foreign-owned or contradictory state; nothing is written over what nobody understands.

    private List<Finding> Stops()
    {
        var stops = new List<Finding>(_state.Problems);
        foreach (var cluster in Clusters) stops.AddRange(cluster.Problems);
        if (stops.Count > 0) return stops;

        foreach (var cluster in Clusters)
        {
            if (cluster.IssuerOwner is { } owner && !_policy.TakeOver)
                stops.Add(new Finding(FindingIds.IssuerOwnedElsewhere,
                    $"the identity issuer is managed by '{owner}'; two controllers writing it would undo each other's work",
                    new Remedy(RemedyAction.TakeOverIssuer, "leave the issuer to its owner, or remove that owner, or take the issuer over explicitly"))
                { Source = cluster.Name });
            if (cluster.Issuer is { } issuer)
            {
                if (issuer.Chain is not { Count: > 0 })
                    stops.Add(Inconsistent($"the identity issuer of {cluster.Name} holds no certificate"));
                else if (!issuer.Key.Matches(issuer.Certificate.SubjectPublicKeyInfo.Span))
                    stops.Add(new Finding(FindingIds.KeyMismatch, $"the identity issuer's key does not belong to its certificate '{issuer.Certificate.Subject}'",
                        new Remedy(RemedyAction.ProvideMatchingKey, "store the issuer's own key, or remove the issuer so a new one is issued"))
                    { Source = cluster.Name });
            }
        }
        CheckAnchor(_state.Current, AnchorSlot.Current, keyRequired: true, stops);
        CheckAnchor(_state.Next, AnchorSlot.Next, keyRequired: true, stops);
        CheckAnchor(_state.Previous, AnchorSlot.Previous, keyRequired: false, stops);
        if (_state.Current is { } a && _state.Next is { } n && _state.Previous is { } p
            && !Same(a, n) && !Same(a, p) && !Same(n, p))
            stops.Add(Inconsistent("three different anchors are stored (current, next and previous); a rotation holds at most two"));
        return stops;
    }

    private static void CheckAnchor(StoredAnchor? anchor, AnchorSlot slot, bool keyRequired, List<Finding> stops)
    {
        if (anchor is null) return;
        var name = $"the {slot.ToString().ToLowerInvariant()} anchor";
        if (!anchor.Certificate.IsSelfIssued || !anchor.Certificate.IsCertificateAuthority)
            stops.Add(Inconsistent($"{name} '{anchor.Certificate.Subject}' is not a self-signed CA certificate"));
        else if (anchor.Key is null && keyRequired)
            stops.Add(new Finding(FindingIds.AnchorKeyMissing, $"{name} '{anchor.Certificate.Subject}' is stored without its key",
                new Remedy(RemedyAction.RestoreAnchor, "restore the anchor with its key from the backup")));
        else if (anchor.Key is { } key && !key.Matches(anchor.Certificate.SubjectPublicKeyInfo.Span))
            stops.Add(new Finding(FindingIds.KeyMismatch, $"{name}'s key does not belong to its certificate '{anchor.Certificate.Subject}'",
                new Remedy(RemedyAction.RestoreAnchor, "restore the anchor with its own key from the backup")));
    }

    private static Finding Inconsistent(string message) => new(FindingIds.RotationStateInconsistent, message,
        new Remedy(RemedyAction.RestoreAnchor, "restore the anchors and the rotation record from the backup, or repair them by hand"));

    // ---- Bootstrap: nothing exists yet.

    private RotationPlan Bootstrap()
    {
        var present = new List<string>();
        if (_state.Next is not null) present.Add("a next anchor");
        if (_state.Previous is not null) present.Add("a previous anchor");
        foreach (var cluster in Clusters)
        {
            if (cluster.Issuer is not null) present.Add($"the identity issuer of {cluster.Name}");
            if (cluster.Bundle is { Count: > 0 }) present.Add($"the trust bundle of {cluster.Name}");
        }
        if (present.Count > 0)
            return Stopped([new Finding(FindingIds.AnchorMissing,
                $"no current anchor is stored, but {string.Join(", ", present)} exist; creating a new anchor would cut them off",
                new Remedy(RemedyAction.RestoreAnchor, "restore the current anchor with its key from the backup"))]);

        var anchor = CreateAnchor();
        _writes.Add(new StoreAnchorStep(AnchorSlot.Current, anchor, IsNew: true));
        foreach (var cluster in Clusters)
            _writes.Add(new WriteBundleStep(cluster.Name, TrustBundle.Empty.Add(anchor.Certificate), [anchor.Fingerprint], []));
        foreach (var cluster in Clusters) Issue(cluster, anchor, IssuerRenewalReason.Missing);
        // An anchor made under --emergency is the fresh one the emergency asks for: recorded so, it is not rotated again.
        _writes.Add(new RecordRotationStep(new RotationRecord
        {
            Phase = RotationPhase.Stable, AnchorFingerprint = anchor.Fingerprint, Emergency = _policy.Emergency,
        }));
        return Finish(RotationPhase.Bootstrap, RotationPhase.Stable);
    }

    // ---- The usual run: derive the phase, then walk the gates.

    private RotationPlan Rotate()
    {
        var a = _state.Current!;
        var next = _state.Next;
        var previous = _state.Previous;
        bool staleNext = false, stalePrevious = false;
        if (next is not null && !Same(next, a))
        {
            (_from, _to, _committed) = (a, next, false);
        }
        else if (next is not null && previous is not null && !Same(previous, a))
        {
            // The run that switched died after storing B as current and before emptying the next slot.
            (_from, _to, _committed, staleNext) = (previous, a, true, true);
        }
        else if (previous is not null && !Same(previous, a))
        {
            (_from, _to, _committed) = (previous, a, true);
        }
        else
        {
            staleNext = next is not null;
            stalePrevious = previous is not null;
        }
        var phase = _to is null ? RotationPhase.Stable
            : !_committed ? RotationPhase.Publish
            : Clusters.Any(c => c.Bundle?.Contains(_from!.Certificate) == true) ? RotationPhase.Switch : RotationPhase.Drop;

        if (_to is null) MaybeStartRotation(a);
        else if (_state.Paused && _policy.Emergency)
        {
            // Asked to hurry a rotation the pause holds: say so, and let the front end treat it as a failure.
            _emergencyBlocked = true;
            Paused($"an emergency rotation was asked for, but rotation is paused in the {RotationWords.Phase(phase)} phase; nothing advances until it is resumed");
        }
        else if (_state.Paused) Paused($"rotation is paused in the {RotationWords.Phase(phase)} phase");
        var recordOfThis = _to is not null && Record?.NewAnchorFingerprint == _to.Fingerprint;
        if (_to is not null) _emergency = _policy.Emergency || (recordOfThis && Record!.Emergency);

        // The switch gate: B published everywhere for long enough, trusted by every identity controller and meshed pod.
        var gate = _to is null ? null : EvaluateSwitchGate(recordOfThis);
        var fromExpired = _from is not null && _now > _from.Certificate.NotAfter;
        var switchNow = _to is not null && !_committed && !_state.Paused && (gate!.Holds || fromExpired);
        var committedAfter = _committed || switchNow;
        if (switchNow && !gate!.Holds) ReportForcedSwitch();

        // Which anchor signs each cluster's issuer after this run.
        var signers = new Dictionary<string, StoredAnchor>(StringComparer.Ordinal);
        foreach (var cluster in Clusters)
            signers[cluster.Name] = SignerFor(cluster, a, committedAfter, switchNow, gate, fromExpired);
        var fromStillSigns = _from is not null && committedAfter && signers.Values.Any(s => Same(s, _from));
        if (gate is not null && (!committedAfter || fromStillSigns))
            _waits.AddRange(gate.Waits);

        // The drop gate: no live issuer or leaf may chain to the retired anchor.
        DateTimeOffset? switchedAt = null;
        var keepFrom = false;
        if (_from is not null && committedAfter)
        {
            switchedAt = SwitchedAt(recordOfThis, switchNow);
            keepFrom = !fromExpired && (_state.Paused || fromStillSigns || switchNow || !DrainedSince(switchedAt));
            if (fromExpired) ReportExpiredDrop();
        }

        // Writes, in the order the reference requires: new keys, bundles, anchor slot moves, issuers, drops, record.
        var bundlesAfter = WriteBundles(a, committedAfter, keepFrom);
        var previousRemains = previous is not null;
        if (switchNow)
        {
            // A stays stored (with its key) exactly as long as a bundle keeps it; an expired A leaves both at once.
            if (keepFrom && (previous is null || !Same(previous, _from!)))
            {
                _writes.Add(new StoreAnchorStep(AnchorSlot.Previous, _from!, IsNew: false));
                previousRemains = true;
            }
            _writes.Add(new StoreAnchorStep(AnchorSlot.Current, _to!, IsNew: false));
            _writes.Add(new DeleteAnchorStep(AnchorSlot.Next, _to!.Fingerprint));
        }
        else if (staleNext)
        {
            _writes.Add(new DeleteAnchorStep(AnchorSlot.Next, next!.Fingerprint));
        }
        foreach (var cluster in Clusters) RenewIssuer(cluster, signers[cluster.Name]);

        var fromInBundles = _from is not null && bundlesAfter.Values.Any(b => b.Contains(_from.Certificate));
        if (stalePrevious && !_state.Paused)
        {
            _writes.Add(new DeleteAnchorStep(AnchorSlot.Previous, previous!.Fingerprint));
            previousRemains = false;
        }
        else if (_from is not null && committedAfter && !fromInBundles && !fromStillSigns && !_state.Paused
                 && previous is not null && Same(previous, _from))
        {
            // From here on no bundle trusts A and no issuer depends on it: its key is never needed again.
            _writes.Add(new DeleteAnchorStep(AnchorSlot.Previous, _from.Fingerprint));
            previousRemains = false;
        }

        var phaseAfter = _to is null ? RotationPhase.Stable
            : !committedAfter ? RotationPhase.Publish
            : fromInBundles ? RotationPhase.Switch
            : previousRemains ? RotationPhase.Drop
            : RotationPhase.Stable;
        RecordAfter(phaseAfter, a, gate?.PublishedAt, switchedAt);
        ReportStall(a, committedAfter, gate);
        return Finish(phase, phaseAfter);
    }

    private void MaybeStartRotation(StoredAnchor a)
    {
        var expired = _now > a.Certificate.NotAfter;
        var due = _policy.AnchorRenewal.Decide(a.Certificate, _now).NeedsRenewal;
        var emergencyDone = Record is { Emergency: true } r && r.AnchorFingerprint == a.Fingerprint;
        var emergency = _policy.Emergency && !emergencyDone;
        if (!expired && !due && !emergency)
        {
            // Nothing waits on the pause yet, but every run says it holds (an operator forgets a pause, not a rotation).
            if (_state.Paused)
                _findings.Add(PausedFinding(
                    $"rotation is paused; the anchor is not due for rotation before {Rfc3339.Format(_policy.AnchorRenewal.RenewalTime(a.Certificate))}"));
            return;
        }
        if (_state.Paused)
        {
            _emergencyBlocked = emergency;
            Paused(emergency
                ? "an emergency rotation was asked for, but rotation is paused; the anchor stays in use until rotation is resumed"
                : expired
                ? $"the anchor expired at {Rfc3339.Format(a.Certificate.NotAfter)} and rotation is paused"
                : $"the anchor is due for rotation since {Rfc3339.Format(_policy.AnchorRenewal.RenewalTime(a.Certificate))} and rotation is paused");
            return;
        }
        _to = CreateAnchor();
        _from = a;
        _emergency = emergency;
        _writes.Add(new StoreAnchorStep(AnchorSlot.Next, _to, IsNew: true));
    }

    private void Paused(string message)
    {
        _findings.Add(PausedFinding(message));
        _waits.Add(new WaitStep(RotationWaitReason.Paused, message));
    }

    private static Finding PausedFinding(string message) => new(FindingIds.RotationPaused, message,
        new Remedy(RemedyAction.ResumeRotation, "resume rotation once the reason for the pause is gone"));

    private SwitchGate EvaluateSwitchGate(bool recordOfThis)
    {
        var to = _to!;
        var waits = new List<WaitStep>();
        // An anchor created in this run is in no bundle yet, so this is false in the run that starts the rotation.
        var everywhere = Clusters.All(c => c.Bundle?.Contains(to.Certificate) == true);
        DateTimeOffset? publishedAt = null;
        if (everywhere) publishedAt = recordOfThis && Record!.PublishedAt is { } recorded ? recorded : Stamp(_now);
        if (!everywhere)
        {
            waits.Add(new WaitStep(RotationWaitReason.PublicationUnconfirmed,
                "the new anchor is published in this run; a later run confirms the publication and starts counting the bundle's age"));
            return new SwitchGate(false, waits, null);
        }
        var published = publishedAt!.Value;
        var minAge = _emergency ? TimeSpan.Zero : _policy.MinBundleAge;
        // A zero minimum is no gate at all (the stamp, rounded up to the second, may lie a moment ahead of now).
        if (minAge > TimeSpan.Zero && _now < published + minAge)
            waits.Add(new WaitStep(RotationWaitReason.BundleTooYoung,
                $"the new anchor was published at {Rfc3339.Format(published)}; the switch waits until the bundle is {DurationText.Format(minAge)} old")
            { Until = published + minAge });
        foreach (var cluster in Clusters)
        {
            if (cluster.IdentityStartedAt is not { } started)
                waits.Add(new WaitStep(RotationWaitReason.IdentityControllerNotFound,
                    "no identity controller was found; it must start after the new anchor's publication before the switch")
                { Cluster = cluster.Name });
            else if (started < published)
                waits.Add(new WaitStep(RotationWaitReason.IdentityControllerNotRestarted,
                    $"the identity controller started at {Rfc3339.Format(started)}, before the new anchor was published at {Rfc3339.Format(published)}; it reads the bundle only at start and would refuse an issuer signed by the new anchor")
                { Cluster = cluster.Name });
            var lacking = cluster.MeshedPods.Where(g => g.Pods > 0 && !g.Trusts(to.Fingerprint)).ToList();
            if (lacking.Count > 0)
            {
                var pods = lacking.Sum(g => g.Pods);
                var workloads = Workloads(lacking);
                waits.Add(new WaitStep(RotationWaitReason.PodsLackNewAnchor,
                    $"{pods} meshed pod(s) do not trust the new anchor yet{(workloads.Count > 0 ? $" ({string.Join(", ", workloads)}{(workloads.Count == MaxWorkloadsNamed ? ", …" : "")})" : "")}; they trust it once re-created")
                { Cluster = cluster.Name, Pods = pods, Workloads = workloads });
            }
        }
        return new SwitchGate(waits.Count == 0 && !_state.Paused, waits, publishedAt);
    }

    private static IReadOnlyList<string> Workloads(IEnumerable<MeshedPodGroup> groups) =>
        groups.SelectMany(g => g.Workloads).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(MaxWorkloadsNamed).ToList();

    private StoredAnchor SignerFor(ClusterState cluster, StoredAnchor a, bool committedAfter, bool switchNow, SwitchGate? gate, bool fromExpired)
    {
        if (_to is null) return a;
        if (!committedAfter) return _from!;
        if (cluster.Issuer is { } issuer && IsUnder(issuer, _to)) return _to;
        // After the switch every issuer moves to B, but only while the gate holds (an expired A leaves no choice).
        return switchNow || gate!.Holds || fromExpired ? _to : _from!;
    }

    private DateTimeOffset? SwitchedAt(bool recordOfThis, bool switchNow)
    {
        if (switchNow) return null;
        // An issuer still under A means leaves from A may be issued again: the drain starts over once it moves.
        if (Clusters.Any(c => c.Issuer is { } i && IsUnder(i, _from!))) return null;
        if (recordOfThis && Record!.SwitchedAt is { } recorded) return recorded;
        return Clusters.All(c => c.Issuer is { } i && IsUnder(i, _to!)) ? Stamp(_now) : null;
    }

    /// <summary>True when no workload certificate chaining to the retired anchor can be alive; otherwise adds the wait.</summary>
    private bool DrainedSince(DateTimeOffset? switchedAt)
    {
        if (switchedAt is not { } at)
        {
            _waits.Add(new WaitStep(RotationWaitReason.SwitchUnconfirmed,
                "the issuers were switched to the new anchor in this run or are not all switched yet; a later run confirms the switch and starts the drain"));
            return false;
        }
        var drained = at + _policy.DrainTime;
        if (_now >= drained) return true;
        // Pods that all started after the switch (plus the margin for the identity controller to pick up the new
        // issuer) never received a workload certificate from the retired anchor.
        var freshAfter = at + _policy.Margin;
        // Unknown ages never shorten the drain: only a cluster with no meshed pod, or whose oldest started late enough.
        if (Clusters.All(c => c.MeshedPods.Sum(g => g.Pods) == 0 || c.OldestMeshedPodStartedAt is { } oldest && oldest >= freshAfter)) return true;
        _waits.Add(new WaitStep(RotationWaitReason.LeavesMayChainToOldAnchor,
            $"workload certificates issued under the retired anchor may live until {Rfc3339.Format(drained)} (switch at {Rfc3339.Format(at)} + workload certificate lifetime, clock skew and margin)")
        { Until = drained });
        return false;
    }

    private Dictionary<string, TrustBundle> WriteBundles(StoredAnchor a, bool committedAfter, bool keepFrom)
    {
        var managed = new List<StoredAnchor>();
        if (_to is null) managed.Add(a);
        else if (!committedAfter) managed.AddRange([_from!, _to]);
        else
        {
            managed.Add(_to);
            if (keepFrom) managed.Add(_from!);
        }
        var known = new HashSet<string>(StringComparer.Ordinal) { a.Fingerprint };
        foreach (var anchor in new[] { _state.Next, _state.Previous, _from, _to })
            if (anchor is not null) known.Add(anchor.Fingerprint);

        var after = new Dictionary<string, TrustBundle>(StringComparer.Ordinal);
        var reportedUnmanaged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cluster in Clusters)
        {
            var observed = cluster.Bundle ?? TrustBundle.Empty;
            var desired = TrustBundle.Empty;
            foreach (var anchor in managed)
                if (!Expired(anchor.Certificate)) desired = desired.Add(anchor.Certificate);
            if (desired.Count == 0)
            {
                // Every anchor of ours has expired: an empty bundle helps nobody; the findings say what to do.
                after[cluster.Name] = observed;
                continue;
            }
            foreach (var certificate in observed.Certificates)
            {
                if (known.Contains(certificate.Fingerprint) || Expired(certificate)) continue;
                // Not ours: something may still chain to it, and nothing tells us when it stops. Kept until it expires.
                desired = desired.Add(certificate);
                if (reportedUnmanaged.Add(certificate.Fingerprint))
                    _findings.Add(new Finding(FindingIds.BundleUnmanagedAnchor,
                        $"the trust bundle holds anchor '{certificate.Subject}' (sha256 {certificate.Fingerprint}) that rotation does not manage; it is kept until it expires at {Rfc3339.Format(certificate.NotAfter)}",
                        new Remedy(RemedyAction.RemoveExpiredAnchors, "remove the anchor from the bundle once nothing chains to it"))
                    { Source = cluster.Name });
            }
            after[cluster.Name] = desired;
            var added = desired.Certificates.Where(c => !observed.Contains(c)).Select(c => c.Fingerprint).ToList();
            var removed = observed.Certificates.Where(c => !desired.Contains(c)).Select(c => c.Fingerprint).ToList();
            if (cluster.Bundle is null || added.Count > 0 || removed.Count > 0)
                _writes.Add(new WriteBundleStep(cluster.Name, desired, added, removed));
        }
        return after;
    }

    private void RenewIssuer(ClusterState cluster, StoredAnchor signer)
    {
        IssuerRenewalReason? reason = null;
        if (cluster.Issuer is not { } issuer) reason = IssuerRenewalReason.Missing;
        else if (!IsUnder(issuer, signer))
        {
            if (_to is null && HoldsForeignIssuer(cluster, issuer, signer)) return;
            reason = _to is not null && Same(signer, _to) && _from is not null && IsUnder(issuer, _from)
                ? IssuerRenewalReason.SwitchToNewAnchor : IssuerRenewalReason.Invalid;
        }
        else if (issuer.Certificate.PublicKey is not { Algorithm: PublicKeyAlgorithm.Ecdsa, Curve: EllipticCurve.P256 })
            reason = IssuerRenewalReason.Invalid;
        else if (_policy.IssuerRenewal.Decide(issuer.Certificate, _now).NeedsRenewal)
            reason = IssuerRenewalReason.RenewalDue;
        if (reason is { } why) Issue(cluster, signer, why);
    }

    /// <summary>
    /// An issuer that still works under an anchor rotation does not manage (a migration: the bundle holds that anchor
    /// beside ours) is not replaced while meshed pods do not trust our anchor: an issuer they cannot verify would cut
    /// them off as soon as the identity controller picked it up. It is kept, with a wait, until every running meshed pod
    /// (the identity controller's among them) trusts our anchor, or until it needs renewal anyway.
    /// </summary>
    private bool HoldsForeignIssuer(ClusterState cluster, StoredIssuer issuer, StoredAnchor signer)
    {
        if (_policy.IssuerRenewal.Decide(issuer.Certificate, _now).NeedsRenewal) return false;
        var foreign = cluster.Bundle?.Certificates.FirstOrDefault(c => c.Fingerprint != signer.Fingerprint
            && IsUnder(issuer, new StoredAnchor(c, null)));
        if (foreign is null) return false;
        var lacking = cluster.MeshedPods.Where(g => g.Pods > 0 && !g.Trusts(signer.Fingerprint)).ToList();
        if (lacking.Count == 0) return false;
        var pods = lacking.Sum(g => g.Pods);
        var workloads = Workloads(lacking);
        _waits.Add(new WaitStep(RotationWaitReason.PodsLackNewAnchor,
            $"the identity issuer chains to anchor '{foreign.Subject}', which rotation does not manage; it moves to the current anchor once every meshed pod trusts it ({pods} do not yet{(workloads.Count > 0 ? $": {string.Join(", ", workloads)}" : "")}), or when it is due for renewal")
        { Cluster = cluster.Name, Pods = pods, Workloads = workloads });
        return true;
    }

    private void Issue(ClusterState cluster, StoredAnchor signer, IssuerRenewalReason reason)
    {
        if (Expired(signer.Certificate))
        {
            _findings.Add(new Finding(FindingIds.AnchorExpired,
                $"a new identity issuer is needed ({RotationWords.Reason(reason)}), but its anchor '{signer.Certificate.Subject}' expired at {Rfc3339.Format(signer.Certificate.NotAfter)}",
                new Remedy(RemedyAction.RotateAnchor, "rotate to a new anchor and restart the meshed workloads"))
            { Source = cluster.Name });
            return;
        }
        if (signer.Key is not { } signerKey)
        {
            _findings.Add(new Finding(FindingIds.AnchorKeyMissing,
                $"a new identity issuer is needed ({RotationWords.Reason(reason)}) under the previous anchor '{signer.Certificate.Subject}', which is stored without its key",
                new Remedy(RemedyAction.RestoreAnchor, "restore the previous anchor with its key from the backup"))
            { Source = cluster.Name });
            return;
        }
        var key = NewKey(KeyAlgorithm.EcdsaP256);
        var issued = _factory.CreateIssuer(new IssuerProfile
        {
            Subject = _policy.IssuerSubject,
            NotAfter = ValidityTime.After(_policy.IssuerLifetime),
        }, key.SubjectPublicKeyInfo.Span, [signer.Certificate], signerKey, _now);
        _writes.Add(new WriteIssuerStep(cluster.Name, new StoredIssuer([issued.Certificate], key), signer.Certificate, reason) { Notes = issued.Notes });
    }

    private void RecordAfter(RotationPhase phaseAfter, StoredAnchor a, DateTimeOffset? publishedAt, DateTimeOffset? switchedAt)
    {
        RotationRecord record = phaseAfter switch
        {
            RotationPhase.Publish => new RotationRecord
            {
                Phase = phaseAfter, AnchorFingerprint = _from!.Fingerprint, NextFingerprint = _to!.Fingerprint,
                PublishedAt = publishedAt, Emergency = _emergency,
            },
            RotationPhase.Switch or RotationPhase.Drop => new RotationRecord
            {
                Phase = phaseAfter, AnchorFingerprint = _to!.Fingerprint, PreviousFingerprint = _from!.Fingerprint,
                PublishedAt = publishedAt, SwitchedAt = switchedAt, Emergency = _emergency,
            },
            // The drop: the record is written after the bundle writes, so this stamp is at or after every one of them.
            _ => _to is not null
                ? new RotationRecord { Phase = RotationPhase.Stable, AnchorFingerprint = _to.Fingerprint, Emergency = _emergency, DroppedAt = Stamp(_now) }
                : Record is { } r && r.AnchorFingerprint == a.Fingerprint
                    ? new RotationRecord { Phase = RotationPhase.Stable, AnchorFingerprint = a.Fingerprint, Emergency = r.Emergency, DroppedAt = r.DroppedAt }
                    : new RotationRecord { Phase = RotationPhase.Stable, AnchorFingerprint = a.Fingerprint },
        };
        if (record != Record) _writes.Add(new RecordRotationStep(record));
    }

    private void ReportForcedSwitch()
    {
        var lacking = Clusters.SelectMany(c => c.MeshedPods).Where(g => g.Pods > 0 && !g.Trusts(_to!.Fingerprint)).ToList();
        _findings.Add(new Finding(FindingIds.AnchorExpired,
            $"the anchor '{_from!.Certificate.Subject}' expired at {Rfc3339.Format(_from.Certificate.NotAfter)} before the switch; the issuers move to the new anchor now, and {lacking.Sum(g => g.Pods)} meshed pod(s) that do not trust it lose mutual TLS until re-created{Named(lacking)}",
            new Remedy(RemedyAction.RestartWorkloads, "restart the identity controller and every meshed workload")));
    }

    private void ReportExpiredDrop()
    {
        var lacking = Clusters.SelectMany(c => c.MeshedPods).Where(g => g.Pods > 0 && !g.Trusts(_to!.Fingerprint)).ToList();
        if (lacking.Count == 0 && !Clusters.Any(c => c.Bundle?.Contains(_from!.Certificate) == true)) return;
        _findings.Add(new Finding(FindingIds.AnchorExpired,
            $"the retired anchor '{_from!.Certificate.Subject}' expired at {Rfc3339.Format(_from.Certificate.NotAfter)} and leaves the trust bundles; {lacking.Sum(g => g.Pods)} meshed pod(s) trust only anchors that are gone{Named(lacking)}",
            new Remedy(RemedyAction.RestartWorkloads, "restart the meshed workloads that do not trust the new anchor")));
    }

    private static string Named(List<MeshedPodGroup> groups) =>
        Workloads(groups) is { Count: > 0 } names ? $" ({string.Join(", ", names)})" : "";

    private void ReportStall(StoredAnchor a, bool committedAfter, SwitchGate? gate)
    {
        if (committedAfter) return;
        // Before the switch the anchor being retired is the current one (_from is either null or A).
        var retiring = a;
        var left = retiring.Certificate.NotAfter - _now;
        if (left >= _policy.TimeToFinish) return;
        _atRisk = true;
        var holding = gate?.Waits.Select(w => w.Message).FirstOrDefault() ?? (_state.Paused ? "rotation is paused" : "the rotation has not started");
        _findings.Add(new Finding(FindingIds.RotationStalled,
            $"the anchor '{retiring.Certificate.Subject}' expires at {Rfc3339.Format(retiring.Certificate.NotAfter)}, in {DurationText.Format(TimeSpan.FromSeconds(Math.Max(0, (long)left.TotalSeconds)))}, but the rotation still needs {DurationText.Format(_policy.TimeToFinish)} after the switch; waiting for: {holding}",
            new Remedy(RemedyAction.RestartWorkloads, "restart the identity controller and the meshed workloads that do not trust the new anchor")));
    }

    private RotationPlan Finish(RotationPhase phase, RotationPhase phaseAfter) =>
        new(phase, phaseAfter, [.. _writes, .. _waits], _findings, _atRisk, _emergencyBlocked, _created);

    private StoredAnchor CreateAnchor()
    {
        var key = NewKey(_policy.AnchorKeyAlgorithm);
        var anchor = _factory.CreateAnchor(new AnchorProfile
        {
            Subject = _policy.AnchorSubject,
            NotAfter = ValidityTime.After(_policy.AnchorLifetime),
        }, key, _now);
        return new StoredAnchor(anchor.Certificate, key);
    }

    private SigningKey NewKey(KeyAlgorithm algorithm)
    {
        var key = _generateKey(algorithm);
        _created.Add(key);
        return key;
    }

    /// <summary>
    /// True when the issuer verifies now, as Linkerd's checks verify it, against this anchor alone. The path (signatures,
    /// CA rules, key usage) is checked once per certificate pair at a moment when all of it is valid and memoized by the
    /// planner; what changes with time, the validity of every certificate on the path, is checked on every call.
    /// </summary>
    private bool IsUnder(StoredIssuer issuer, StoredAnchor anchor)
    {
        if (!anchor.Certificate.IsValidAt(_now) || issuer.Chain.Any(c => !c.IsValidAt(_now))) return false;
        return _paths.Verify(issuer.Chain, anchor.Certificate, _now);
    }

    private bool Expired(CertificateInfo certificate) => _now > certificate.NotAfter;

    private static bool Same(StoredAnchor x, StoredAnchor y) => x.Fingerprint == y.Fingerprint;

    /// <summary>A recorded moment at or after <paramref name="time"/>, in whole seconds (rounded up, never earlier).</summary>
    private static DateTimeOffset Stamp(DateTimeOffset time)
    {
        var truncated = CertificateTime.TruncateToSecond(time);
        return truncated == time ? truncated : truncated.AddSeconds(1);
    }

    private sealed record SwitchGate(bool Holds, IReadOnlyList<WaitStep> Waits, DateTimeOffset? PublishedAt);
}

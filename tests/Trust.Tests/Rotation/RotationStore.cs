using Trust.Bundles;
using Trust.Certificates;
using Trust.Keys;
using Trust.Rotation;
using Trust.Time;

namespace Trust.Tests.Rotation;

/// <summary>One cluster's objects as plain C# values (what the Kubernetes layer would read and write).</summary>
public sealed class StoredCluster(string name)
{
    public string Name { get; } = name;
    public TrustBundle? Bundle { get; set; }
    public StoredIssuer? Issuer { get; set; }
    public List<MeshedPodGroup> Pods { get; set; } = [];
    public DateTimeOffset? OldestPodStartedAt { get; set; }
    public DateTimeOffset? IdentityStartedAt { get; set; }
    public string? IssuerOwner { get; set; }

    public ClusterState ToState() => new()
    {
        Name = Name, Bundle = Bundle, Issuer = Issuer, MeshedPods = [.. Pods], OldestMeshedPodStartedAt = OldestPodStartedAt,
        IdentityStartedAt = IdentityStartedAt, IssuerOwner = IssuerOwner,
    };
}

/// <summary>An in-memory home of the rotation's objects: anchor slots, record, clusters. Applies plan steps as writes.</summary>
public sealed class RotationStore
{
    public RotationStore(params string[] clusters) =>
        Clusters = (clusters.Length == 0 ? ["home"] : clusters).Select(n => new StoredCluster(n)).ToList();

    public StoredAnchor? Current { get; set; }
    public StoredAnchor? Next { get; set; }
    public StoredAnchor? Previous { get; set; }
    public RotationRecord? Record { get; set; }
    public bool Paused { get; set; }
    public List<StoredCluster> Clusters { get; }
    public StoredCluster Home => Clusters[0];

    public StoredCluster this[string name] => Clusters.Single(c => c.Name == name);

    public RotationState ToState() => new()
    {
        Current = Current, Next = Next, Previous = Previous, Record = Record, Paused = Paused,
        Clusters = [.. Clusters.Select(c => c.ToState())],
    };

    public void Apply(RotationStep step)
    {
        switch (step)
        {
            case StoreAnchorStep s:
                Assert.NotNull(s.Anchor.Key);
                SetSlot(s.Slot, s.Anchor);
                break;
            case DeleteAnchorStep d:
                Assert.Equal(d.Fingerprint, Slot(d.Slot)?.Fingerprint);
                SetSlot(d.Slot, null);
                break;
            case WriteBundleStep b:
                this[b.Cluster].Bundle = b.Bundle;
                break;
            case WriteIssuerStep i:
                this[i.Cluster].Issuer = i.Issuer;
                break;
            case RecordRotationStep r:
                Record = r.Record;
                break;
            default:
                Assert.Fail($"not a write: {step}");
                break;
        }
    }

    /// <summary>Applies every write of the plan (or the first <paramref name="count"/>).</summary>
    public void Apply(RotationPlan plan, int count = int.MaxValue)
    {
        foreach (var step in plan.Writes.Take(count)) Apply(step);
    }

    public StoredAnchor? Slot(AnchorSlot slot) => slot switch
    {
        AnchorSlot.Current => Current,
        AnchorSlot.Next => Next,
        _ => Previous,
    };

    private void SetSlot(AnchorSlot slot, StoredAnchor? anchor)
    {
        switch (slot)
        {
            case AnchorSlot.Current: Current = anchor; break;
            case AnchorSlot.Next: Next = anchor; break;
            default: Previous = anchor; break;
        }
    }

    /// <summary>Every meshed pod in every cluster trusts exactly what its bundle holds now (as if all were re-created).</summary>
    public void RecreatePods(DateTimeOffset at, int pods = 3, string workload = "default/web")
    {
        foreach (var cluster in Clusters)
        {
            cluster.Pods = [new MeshedPodGroup(Fingerprints(cluster.Bundle), pods, [workload])];
            cluster.OldestPodStartedAt = at;
        }
    }

    /// <summary>Gives every cluster a fresh issuer under the current anchor (tests that jump ahead in time).</summary>
    public void RenewIssuers(DateTimeOffset at)
    {
        foreach (var cluster in Clusters) cluster.Issuer = RotationPki.Issuer(Current!, at, TimeSpan.FromHours(48));
    }

    public void RestartIdentity(DateTimeOffset at)
    {
        foreach (var cluster in Clusters) cluster.IdentityStartedAt = at;
    }

    public static IReadOnlySet<string> Fingerprints(TrustBundle? bundle) =>
        (bundle?.Certificates.Select(c => c.Fingerprint) ?? []).ToHashSet(StringComparer.Ordinal);
}

/// <summary>Makes anchors and issuers for tests with P-256 keys.</summary>
public static class RotationPki
{
    private static readonly CertificateFactory Factory = new();

    public static StoredAnchor Anchor(DateTimeOffset now, TimeSpan lifetime, string subject = "root.linkerd.cluster.local")
    {
        var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var cert = Factory.CreateAnchor(new AnchorProfile { Subject = subject, NotAfter = ValidityTime.After(lifetime) }, key, now).Certificate;
        return new StoredAnchor(cert, key);
    }

    public static StoredIssuer Issuer(StoredAnchor anchor, DateTimeOffset now, TimeSpan lifetime)
    {
        var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var cert = Factory.CreateIssuer(new IssuerProfile { NotAfter = ValidityTime.After(lifetime) }, key.SubjectPublicKeyInfo.Span,
            [anchor.Certificate], anchor.Key!, now).Certificate;
        return new StoredIssuer([cert], key);
    }

    public static TrustBundle Bundle(params StoredAnchor[] anchors) => TrustBundle.From(anchors.Select(a => a.Certificate));
}

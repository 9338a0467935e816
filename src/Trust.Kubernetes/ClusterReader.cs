using System.Text;
using k8s;
using k8s.Models;
using Trust.Bundles;
using Trust.Certificates;
using Trust.Findings;
using Trust.Identity;
using Trust.Keys;
using Trust.Pem;
using Trust.Rotation;

namespace Trust.Kubernetes;

/// <summary>Reads the clusters into an <see cref="Observation"/>. Corrupt objects become problems (the planner stops
/// on them); nothing here decides anything.</summary>
internal sealed class ClusterReader(IReadOnlyList<KubernetesCluster> clusters, RotationJobOptions options)
{
    internal const int MaxWorkloadsNamed = 20;
    internal const string IdentitySelector = "linkerd.io/control-plane-component=identity";
    internal const string CertificateNameAnnotation = "cert-manager.io/certificate-name";

    private KubernetesCluster Home => clusters[0];

    public async Task<Observation> ReadAsync(CancellationToken cancel)
    {
        var problems = new List<Finding>();
        var secrets = new Dictionary<AnchorSlot, V1Secret?>();
        var anchors = new Dictionary<AnchorSlot, StoredAnchor?>();
        foreach (var slot in Enum.GetValues<AnchorSlot>())
        {
            var name = SecretName(slot);
            var secret = await ApiCalls.GetOrNull(() => Home.Api.ReadAsync(KubeApi.Secrets, options.AnchorNamespace, name, cancel),
                $"reading Secret {options.AnchorNamespace}/{name}").ConfigureAwait(false);
            secrets[slot] = secret;
            anchors[slot] = null;
            if (secret is null) continue;
            var unreadable = new List<Finding>();
            anchors[slot] = ReadAnchor(secret, $"{options.AnchorNamespace}/{name}", unreadable);
            // Whatever the reader would advise for a file, an anchor Secret that cannot be read is restored from its backup.
            problems.AddRange(unreadable.Select(f => f with { Remedy = RestoreFromBackup }));
        }

        var current = secrets[AnchorSlot.Current];
        var record = RecordAnnotations.Read(current?.Metadata?.Annotations);
        if (RecordAnnotations.Problem(current?.Metadata?.Annotations) is { } broken)
            problems.Add(new Finding(FindingIds.RotationStateInconsistent,
                $"the rotation record cannot be read: {broken}; a run would otherwise forget an emergency or restart a gate's clock",
                new Remedy(RemedyAction.RestoreAnchor, "restore the record annotations from the backup of the anchor Secret, or remove them all to let the objects decide"))
            { Source = $"Secret {options.AnchorNamespace}/{options.AnchorSecret}" });
        var states = new List<ClusterState>();
        var objects = new List<ClusterObjects>();
        foreach (var cluster in clusters)
        {
            var (clusterState, read) = await ReadClusterAsync(cluster, record, cancel).ConfigureAwait(false);
            states.Add(clusterState);
            objects.Add(read);
        }

        var state = new RotationState
        {
            Current = anchors[AnchorSlot.Current],
            Next = anchors[AnchorSlot.Next],
            Previous = anchors[AnchorSlot.Previous],
            Record = record,
            Paused = RecordAnnotations.IsPaused(current?.Metadata?.Annotations),
            Clusters = states,
            Problems = problems,
        };
        return new Observation { State = state, AnchorSecrets = secrets, Clusters = objects };
    }

    public string SecretName(AnchorSlot slot) => slot switch
    {
        AnchorSlot.Current => options.AnchorSecret,
        AnchorSlot.Next => options.NextAnchorSecret,
        _ => options.PreviousAnchorSecret,
    };

    private async Task<(ClusterState, ClusterObjects)> ReadClusterAsync(KubernetesCluster cluster, RotationRecord? record, CancellationToken cancel)
    {
        var ns = options.Namespace;
        var problems = new List<Finding>();
        var notes = new List<Finding>();
        var where = clusters.Count > 1 ? $" in {cluster.Name}" : "";

        var issuerSecret = await ApiCalls.GetOrNull(() => cluster.Api.ReadAsync(KubeApi.Secrets, ns, options.IssuerSecret, cancel),
            $"reading Secret {ns}/{options.IssuerSecret}{where}").ConfigureAwait(false);
        StoredIssuer? issuer = null;
        if (issuerSecret is not null) issuer = ReadIssuer(issuerSecret, $"{ns}/{options.IssuerSecret}{where}", problems, notes);

        var configMap = await ApiCalls.GetOrNull(() => cluster.Api.ReadAsync(KubeApi.ConfigMaps, ns, options.BundleConfigMap, cancel),
            $"reading ConfigMap {ns}/{options.BundleConfigMap}{where}").ConfigureAwait(false);
        TrustBundle? bundle = null;
        if (configMap?.Data?.TryGetValue(options.BundleKey, out var text) == true && !string.IsNullOrWhiteSpace(text))
        {
            var read = TrustBundle.TryParse(text, $"ConfigMap {ns}/{options.BundleConfigMap}{where} {options.BundleKey}");
            if (read.Value is { } value && read.Findings.Count == 0) bundle = value;
            else problems.AddRange(read.Findings.Count > 0 ? read.Findings : [Unreadable($"ConfigMap {ns}/{options.BundleConfigMap}{where}", "holds no certificate")]);
        }

        var owner = issuerSecret is null ? null : await CertificateOwnerAsync(cluster, issuerSecret, where, cancel).ConfigureAwait(false);

        var survey = new PodSurvey(Reference(configMap, bundle, record));
        string? next = null;
        do
        {
            var page = await ApiCalls.Call(() => cluster.Api.ListPodsAsync(null,
                    $"linkerd.io/control-plane-ns={ns}", "status.phase=Running", options.PodPageSize, next, cancel),
                $"listing meshed pods{where}").ConfigureAwait(false);
            foreach (var pod in page.Items) survey.Add(pod);
            next = page.Metadata?.Continue;
        }
        while (!string.IsNullOrEmpty(next));

        var identity = await ApiCalls.Call(() => cluster.Api.ListPodsAsync(ns, IdentitySelector,
                "status.phase=Running", null, null, cancel),
            $"listing identity controller pods in {ns}{where}").ConfigureAwait(false);
        DateTimeOffset? identityStarted = null;
        foreach (var pod in identity.Items)
        {
            if (pod.Metadata?.CreationTimestamp is not { } created) continue;
            var at = PodSurvey.Utc(created);
            if (identityStarted is null || at < identityStarted) identityStarted = at;
        }

        var state = new ClusterState
        {
            Name = cluster.Name,
            Bundle = bundle,
            Issuer = issuer,
            MeshedPods = survey.ToMeshedPodGroups(MaxWorkloadsNamed),
            OldestMeshedPodStartedAt = survey.OldestKnownStart,
            IdentityStartedAt = identityStarted,
            IssuerOwner = owner,
            Problems = problems,
        };
        var objects = new ClusterObjects
        {
            Cluster = cluster,
            Issuer = issuerSecret,
            Bundle = configMap,
            Pods = survey,
            IdentityOwners = identity.Items.Select(Workload.Of).Distinct().ToList(),
            Notes = notes,
        };
        return (state, objects);
    }

    /// <summary>What a proxy that reads the bundle ConfigMap at start (Linkerd's control plane) trusts: the bundle
    /// now, or, if it started before the recorded publication of a new anchor, the bundle without that anchor.</summary>
    private BundleReference Reference(V1ConfigMap? configMap, TrustBundle? bundle, RotationRecord? record)
    {
        var text = configMap?.Data?.TryGetValue(options.BundleKey, out var t) == true ? t.Trim() : "";
        if (bundle is null || record is not { NewAnchorFingerprint: { } fresh, PublishedAt: { } published } || !bundle.Certificates.Any(c => c.Fingerprint == fresh))
            return new BundleReference(options.BundleConfigMap, options.BundleKey, text, null, text);
        return new BundleReference(options.BundleConfigMap, options.BundleKey, text, published, bundle.Remove(fresh).ToPem().Trim());
    }

    private async Task<string?> CertificateOwnerAsync(KubernetesCluster cluster, V1Secret issuer, string where, CancellationToken cancel)
    {
        if (issuer.Metadata?.Annotations?.TryGetValue(CertificateNameAnnotation, out var name) != true || string.IsNullOrEmpty(name)) return null;
        var ns = options.Namespace;
        var found = await ApiCalls.GetOrNull(() => cluster.Api.ReadAsync(KubeApi.Certificates, ns, name, cancel),
            $"reading cert-manager Certificate {ns}/{name}{where}").ConfigureAwait(false);
        return found is null ? null : $"cert-manager Certificate {ns}/{name}{where}";
    }

    private StoredAnchor? ReadAnchor(V1Secret secret, string source, List<Finding> problems)
    {
        var data = secret.Data ?? new Dictionary<string, byte[]>();
        if (!data.TryGetValue(TlsSecret.CertificateKey, out var crt) || crt.Length == 0)
        {
            problems.Add(Unreadable($"Secret {source}", $"has no {TlsSecret.CertificateKey}"));
            return null;
        }
        var chain = CertificatePem.TryReadBytes(crt, $"Secret {source} {TlsSecret.CertificateKey}");
        if (chain.Value is not { } certificates)
        {
            problems.AddRange(chain.Findings);
            return null;
        }
        SigningKey? key = null;
        if (data.TryGetValue(TlsSecret.PrivateKeyKey, out var keyBytes) && keyBytes.Length > 0)
        {
            var read = PrivateKeyPem.TryRead(Encoding.UTF8.GetString(keyBytes), $"Secret {source} {TlsSecret.PrivateKeyKey}");
            if (read.Value is null)
            {
                problems.AddRange(read.Findings);
                return null;
            }
            key = read.Value;
        }
        return new StoredAnchor(certificates[0], key);
    }

    private static StoredIssuer? ReadIssuer(V1Secret secret, string source, List<Finding> problems, List<Finding> notes)
    {
        if (secret.Type != "kubernetes.io/tls")
        {
            problems.Add(new Finding(FindingIds.TlsSecretLayout,
                $"is of type '{secret.Type}', not kubernetes.io/tls (Linkerd's default linkerd.io/tls scheme?); the type of a Secret cannot change",
                new Remedy(RemedyAction.CreateIssuer, "move Linkerd to the kubernetes.io/tls issuer scheme and remove this Secret, then run again"))
            { Source = $"Secret {source}" });
            return null;
        }
        var read = TlsSecret.Parse(new Dictionary<string, byte[]>(secret.Data ?? new Dictionary<string, byte[]>()), $"Secret {source}");
        if (read.Value is not { } contents)
        {
            problems.AddRange(read.Findings);
            return null;
        }
        foreach (var finding in read.Findings)
            (finding.Id == FindingIds.KeyMismatch ? problems : notes).Add(finding);
        return new StoredIssuer(contents.Chain, contents.Key);
    }

    private static readonly Remedy RestoreFromBackup =
        new(RemedyAction.RestoreAnchor, "restore the anchor Secret, with its key, from the backup");

    private static Finding Unreadable(string source, string message) =>
        new(FindingIds.PemNoCertificate, message, new Remedy(RemedyAction.RewritePem, "restore the object from a backup, or remove it"))
        { Source = source };
}

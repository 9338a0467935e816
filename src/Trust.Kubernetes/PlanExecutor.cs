using k8s;
using k8s.Models;
using Trust.Certificates;
using Trust.Identity;
using Trust.Rotation;

namespace Trust.Kubernetes;

/// <summary>
/// Carries out a plan's writes in order against the objects of one <see cref="Observation"/>: every update names the
/// resourceVersion read (or returned by this run's previous write), every delete a precondition, so a concurrent
/// change surfaces as a <see cref="ConflictException"/> and the run reads and plans again. Stops at the first failure.
/// </summary>
internal sealed class PlanExecutor(IReadOnlyList<KubernetesCluster> clusters, RotationJobOptions options, ClusterReader reader,
    TimeProvider time, Func<RotationAction, object?, Task> done)
{
    internal const string ManagedByLabel = "app.kubernetes.io/managed-by";
    internal const string ManagedBy = "trust-rotate";
    private const string TlsType = "kubernetes.io/tls";

    /// <param name="plan">The plan.</param>
    /// <param name="seen">The read it was made from.</param>
    /// <param name="deferRecord">Skip the record (the next round writes it once, confirmed).</param>
    /// <param name="cancel">Stops between writes.</param>
    public async Task ExecuteAsync(RotationPlan plan, Observation seen, bool deferRecord, CancellationToken cancel)
    {
        var home = clusters[0];
        var anchorSecrets = new Dictionary<AnchorSlot, V1Secret?>(seen.AnchorSecrets);
        var issuers = seen.Clusters.ToDictionary(c => c.Cluster.Name, c => c.Issuer);
        var bundles = seen.Clusters.ToDictionary(c => c.Cluster.Name, c => c.Bundle);

        foreach (var step in plan.Writes.Where(s => !deferRecord || s is not RecordRotationStep))
        {
            cancel.ThrowIfCancellationRequested();
            switch (step)
            {
                case StoreAnchorStep store:
                {
                    var name = reader.SecretName(store.Slot);
                    var secret = Tls(anchorSecrets[store.Slot], name, options.AnchorNamespace, store.ToTlsSecret().ToData(), keepType: true);
                    anchorSecrets[store.Slot] = await Save(home, secret, anchorSecrets[store.Slot] is null, cancel).ConfigureAwait(false);
                    await Done("store-anchor", home, anchorSecrets[store.Slot]!, step.ToString());
                    break;
                }
                case WriteBundleStep write:
                {
                    var cluster = Cluster(write.Cluster);
                    var existing = bundles[write.Cluster];
                    var map = existing is null
                        ? new V1ConfigMap { Metadata = NewMeta(options.BundleConfigMap, options.Namespace) }
                        : new V1ConfigMap { Metadata = Copy(existing.Metadata), Data = existing.Data, BinaryData = existing.BinaryData, Immutable = existing.Immutable };
                    map.Data = new Dictionary<string, string>(map.Data ?? new Dictionary<string, string>()) { [options.BundleKey] = write.Pem };
                    var where = $"writing ConfigMap {options.Namespace}/{options.BundleConfigMap}{In(cluster)}";
                    bundles[write.Cluster] = existing is null
                        ? await ApiCalls.Write(() => cluster.Api.CreateAsync(KubeApi.ConfigMaps, options.Namespace, map, cancel), where).ConfigureAwait(false)
                        : await ApiCalls.Write(() => cluster.Api.ReplaceAsync(KubeApi.ConfigMaps, options.Namespace, options.BundleConfigMap, map, cancel), where).ConfigureAwait(false);
                    await Done("write-bundle", cluster, bundles[write.Cluster]!, step.ToString());
                    break;
                }
                case WriteIssuerStep issue:
                {
                    var cluster = Cluster(issue.Cluster);
                    var existing = issuers[issue.Cluster];
                    var secret = Tls(existing, options.IssuerSecret, options.Namespace, issue.ToTlsSecret().ToData(), keepType: false);
                    CertManagerLayout(secret.Metadata, issue.Issuer.Certificate);
                    issuers[issue.Cluster] = await Save(cluster, secret, existing is null, cancel).ConfigureAwait(false);
                    await Done("write-issuer", cluster, issuers[issue.Cluster]!, step.ToString());
                    break;
                }
                case DeleteAnchorStep delete:
                {
                    var name = reader.SecretName(delete.Slot);
                    var existing = anchorSecrets[delete.Slot]
                        ?? throw new ConflictException($"Secret {options.AnchorNamespace}/{name} is already gone");
                    var options1 = new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = existing.Metadata.ResourceVersion, Uid = existing.Metadata.Uid } };
                    await ApiCalls.Write(() => home.Api.DeleteAsync(KubeApi.Secrets, options.AnchorNamespace, name, options1, cancel),
                        $"removing Secret {options.AnchorNamespace}/{name}").ConfigureAwait(false);
                    anchorSecrets[delete.Slot] = null;
                    await Done("delete-anchor", home, existing, step.ToString());
                    break;
                }
                case RecordRotationStep record:
                {
                    var current = anchorSecrets[AnchorSlot.Current]
                        ?? throw new ConflictException($"Secret {options.AnchorNamespace}/{options.AnchorSecret} is gone");
                    var secret = new V1Secret { Metadata = Copy(current.Metadata), Type = current.Type, Data = current.Data, Immutable = current.Immutable };
                    foreach (var (key, value) in RecordAnnotations.Write(record.Record))
                    {
                        if (value is null) secret.Metadata.Annotations.Remove(key);
                        else secret.Metadata.Annotations[key] = value;
                    }
                    anchorSecrets[AnchorSlot.Current] = await Save(home, secret, create: false, cancel).ConfigureAwait(false);
                    await Done("record", home, anchorSecrets[AnchorSlot.Current]!, step.ToString());
                    break;
                }
            }
        }
    }

    private Task Done(string action, KubernetesCluster cluster, IKubernetesObject<V1ObjectMeta> target, string message) =>
        done(new RotationAction(action, cluster.Name, $"{Kind(target)} {target.Metadata.NamespaceProperty}/{target.Metadata.Name}", message, time.GetUtcNow()),
            target);

    /// <summary>The kind of an object the job writes (the client does not always fill in <c>kind</c>).</summary>
    internal static string Kind(IKubernetesObject<V1ObjectMeta> target) => target is V1ConfigMap ? "ConfigMap" : "Secret";

    private KubernetesCluster Cluster(string name) => clusters.First(c => c.Name == name);

    private string In(KubernetesCluster cluster) => clusters.Count > 1 ? $" in {cluster.Name}" : "";

    private async Task<V1Secret> Save(KubernetesCluster cluster, V1Secret secret, bool create, CancellationToken cancel)
    {
        var (ns, name) = (secret.Metadata.NamespaceProperty, secret.Metadata.Name);
        var where = $"writing Secret {ns}/{name}{In(cluster)}";
        return create
            ? await ApiCalls.Write(() => cluster.Api.CreateAsync(KubeApi.Secrets, ns, secret, cancel), where).ConfigureAwait(false)
            : await ApiCalls.Write(() => cluster.Api.ReplaceAsync(KubeApi.Secrets, ns, name, secret, cancel), where).ConfigureAwait(false);
    }

    /// <summary>A <c>kubernetes.io/tls</c> Secret with the given data: a new one, or the existing one's metadata (labels,
    /// annotations, resourceVersion) with the data replaced.</summary>
    private static V1Secret Tls(V1Secret? existing, string name, string ns, IReadOnlyDictionary<string, byte[]> data, bool keepType) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = existing is null ? NewMeta(name, ns) : Copy(existing.Metadata),
        Type = keepType && existing?.Type is { Length: > 0 } type ? type : TlsType,
        Data = data.ToDictionary(kv => kv.Key, kv => kv.Value),
    };

    private static V1ObjectMeta NewMeta(string name, string ns) => new()
    {
        Name = name,
        NamespaceProperty = ns,
        Labels = new Dictionary<string, string> { [ManagedByLabel] = ManagedBy },
        Annotations = new Dictionary<string, string>(),
    };

    /// <summary>Only what an update must carry: name, namespace, resourceVersion, uid, labels, annotations, owners.</summary>
    private static V1ObjectMeta Copy(V1ObjectMeta meta) => new()
    {
        Name = meta.Name,
        NamespaceProperty = meta.NamespaceProperty,
        ResourceVersion = meta.ResourceVersion,
        Uid = meta.Uid,
        Labels = new Dictionary<string, string>(meta.Labels ?? new Dictionary<string, string>()),
        Annotations = new Dictionary<string, string>(meta.Annotations ?? new Dictionary<string, string>()),
        OwnerReferences = meta.OwnerReferences,
        Finalizers = meta.Finalizers,
    };

    /// <summary>The label and annotations cert-manager puts on a Certificate's Secret, so Linkerd, <c>linkerd check</c>
    /// and a later move to cert-manager see what they expect.</summary>
    private void CertManagerLayout(V1ObjectMeta meta, CertificateInfo issuer)
    {
        meta.Labels["controller.cert-manager.io/fao"] = "true";
        var a = meta.Annotations;
        a[ClusterReader.CertificateNameAnnotation] = options.IssuerSecret;
        a["cert-manager.io/issuer-name"] = options.AnchorSecret;
        a["cert-manager.io/issuer-kind"] = "Issuer";
        a["cert-manager.io/issuer-group"] = "cert-manager.io";
        a["cert-manager.io/common-name"] = issuer.CommonName ?? "";
        a["cert-manager.io/alt-names"] = string.Join(",", issuer.DnsNames);
        a["cert-manager.io/ip-sans"] = string.Join(",", issuer.OtherNames.Where(n => n.StartsWith("IP:", StringComparison.Ordinal)).Select(n => n[3..]));
        a["cert-manager.io/uri-sans"] = string.Join(",", issuer.OtherNames.Where(n => n.StartsWith("URI:", StringComparison.Ordinal)).Select(n => n[4..]));
    }
}

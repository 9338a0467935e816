using Trust.Rotation;

namespace Trust.Kubernetes;

/// <summary>
/// Where the rotation job finds Linkerd's identity objects and how it runs. The defaults are the names Linkerd,
/// cert-manager and trust-manager use in Linkerd's own documentation.
/// </summary>
public sealed record RotationJobOptions
{
    /// <summary>Linkerd's control-plane namespace: the issuer Secret, the trust bundle ConfigMap and the identity
    /// controller live here; meshed pods carry the label <c>linkerd.io/control-plane-ns=&lt;this&gt;</c>.</summary>
    public string Namespace { get; init; } = "linkerd";

    /// <summary>The namespace of the anchor Secrets and the Lease, in the first (home) cluster.</summary>
    public required string AnchorNamespace { get; init; }

    /// <summary>The Secret of the current anchor (<c>kubernetes.io/tls</c>; carries the rotation record and the pause annotation).</summary>
    public string AnchorSecret { get; init; } = "linkerd-trust-anchor";

    /// <summary>The Secret of the next anchor during an anchor rotation.</summary>
    public string NextAnchorSecret { get; init; } = "linkerd-trust-anchor-next";

    /// <summary>The Secret of the retired anchor while it is still trusted (trust-manager's source name in Linkerd's docs).</summary>
    public string PreviousAnchorSecret { get; init; } = "linkerd-previous-anchor";

    /// <summary>The identity issuer Secret, in cert-manager's <c>kubernetes.io/tls</c> layout.</summary>
    public string IssuerSecret { get; init; } = "linkerd-identity-issuer";

    /// <summary>The trust bundle ConfigMap.</summary>
    public string BundleConfigMap { get; init; } = "linkerd-identity-trust-roots";

    /// <summary>The key of the bundle in <see cref="BundleConfigMap"/>.</summary>
    public string BundleKey { get; init; } = "ca-bundle.crt";

    /// <summary>The Lease held while a run writes.</summary>
    public string LeaseName { get; init; } = "trust-rotate";

    /// <summary>How long a held Lease stays valid if the run dies without releasing it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Who holds the Lease and reports Events (the pod name in a cluster); at most 128 characters.</summary>
    public string Holder { get; init; } = Environment.MachineName;

    /// <summary>Lifetimes, renewal windows, gates, emergency and take-over.</summary>
    public RotationPolicy Policy { get; init; } = new();

    /// <summary>Plan only: read, decide and report, write nothing and take no Lease.</summary>
    public bool DryRun { get; init; }

    /// <summary>Roll out restarts of the control plane and of meshed workloads whose proxies lack a new anchor.</summary>
    public bool Restart { get; init; }

    /// <summary>Meshed pods listed per request.</summary>
    public int PodPageSize { get; init; } = 500;

    /// <summary>How many read-plan-write rounds one run may take (a conflict or a confirmation starts another).</summary>
    public int MaxRounds { get; init; } = 6;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An empty name, a page size below 1, a round count below 1, a Lease duration
    /// under a second, or a holder longer than 128 characters.</exception>
    public void Validate()
    {
        foreach (var (value, what) in new[]
                 {
                     (Namespace, "namespace"), (AnchorNamespace, "anchor namespace"), (AnchorSecret, "anchor Secret"),
                     (NextAnchorSecret, "next anchor Secret"), (PreviousAnchorSecret, "previous anchor Secret"),
                     (IssuerSecret, "issuer Secret"), (BundleConfigMap, "bundle ConfigMap"), (BundleKey, "bundle key"),
                     (LeaseName, "Lease"), (Holder, "holder"),
                 })
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"the {what} name is empty");
        if (new[] { AnchorSecret, NextAnchorSecret, PreviousAnchorSecret }.Distinct(StringComparer.Ordinal).Count() != 3)
            throw new ArgumentException("the current, next and previous anchor Secrets need three different names");
        if (PodPageSize < 1) throw new ArgumentException("the pod page size must be at least 1");
        if (MaxRounds < 1) throw new ArgumentException("a run needs at least one round");
        if (LeaseDuration < TimeSpan.FromSeconds(1)) throw new ArgumentException("the Lease duration must be at least one second");
        if (Holder.Length > 128) throw new ArgumentException("the holder name is longer than 128 characters");
        ArgumentNullException.ThrowIfNull(Policy);
    }
}

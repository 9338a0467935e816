using Trust.Pem;
using Trust.Kubernetes.Wire;
using Trust.Rotation;

namespace Trust.Kubernetes;

/// <summary>
/// Running meshed pods reduced to what the decisions need: one group per distinct trust-anchor text in the proxies'
/// environment (a handful, however many pods), each with its pod count and owners. Nothing else of a pod is kept.
/// </summary>
internal sealed class PodSurvey
{
    internal const string ProxyContainer = "linkerd-proxy";
    internal const string TrustAnchorsEnv = "LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS";

    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly BundleReference? _bundle;
    private bool _unknownAge;

    /// <summary>A survey of pods whose proxies carry the anchors as text in their environment.</summary>
    public PodSurvey() { }

    /// <summary>
    /// A survey that can also judge proxies that read the anchors from the bundle ConfigMap when their container starts
    /// (Linkerd's control plane: <c>valueFrom.configMapKeyRef</c>): such a proxy trusts the bundle as it was then, which
    /// is the bundle now if it started at or after <paramref name="bundle"/>'s last change we know of, and the bundle
    /// without the anchor published then if it started before.
    /// </summary>
    public PodSurvey(BundleReference bundle) => _bundle = bundle;

    public int Pods { get; private set; }

    public IEnumerable<Group> Groups => _groups.Values;

    /// <summary>When the oldest pod started; null when there is none or one's age is unknown (such a pod never shortens a wait).</summary>
    public DateTimeOffset? OldestKnownStart => _unknownAge ? null : _oldest;

    private DateTimeOffset? _oldest;

    public void Add(Pod pod)
    {
        Pods++;
        var text = (TrustAnchors(pod) ?? "").Trim();
        if (!_groups.TryGetValue(text, out var group)) _groups[text] = group = new Group(text);
        group.Pods++;
        group.Owners.Add(Workload.Of(pod));
        var started = pod.Status?.StartTime ?? pod.Metadata?.CreationTimestamp;
        if (started is null) _unknownAge = true;
        else if (_oldest is null || Utc(started.Value) < _oldest) _oldest = Utc(started.Value);
    }

    /// <summary>The anchors a pod's proxy was started with, as text: its environment value, or for a reference to
    /// the bundle ConfigMap, the bundle as it was when the proxy container started.</summary>
    internal string? TrustAnchors(Pod pod)
    {
        var containers = (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []);
        var env = containers.FirstOrDefault(c => c.Name == ProxyContainer)?.Env?.FirstOrDefault(e => e.Name == TrustAnchorsEnv);
        if (env?.Value is { } value) return value;
        if (env?.ValueFrom?.ConfigMapKeyRef is not { } reference || _bundle is null
            || reference.Name != _bundle.ConfigMap || reference.Key != _bundle.Key)
            return null;
        var statuses = (pod.Status?.ContainerStatuses ?? []).Concat(pod.Status?.InitContainerStatuses ?? []);
        var started = statuses.FirstOrDefault(c => c.Name == ProxyContainer)?.State?.Running?.StartedAt
            ?? pod.Status?.StartTime ?? pod.Metadata?.CreationTimestamp;
        if (_bundle.ChangedAt is not { } changed) return _bundle.Text;
        // A proxy of unknown start never counts as having picked up the change.
        return started is { } at && Utc(at) >= changed ? _bundle.Text : _bundle.TextBefore;
    }
    /// <summary>The planner's view: groups by the set of anchors trusted (texts that parse to the same set merge).</summary>
    public IReadOnlyList<MeshedPodGroup> ToMeshedPodGroups(int maxWorkloadsNamed)
    {
        return Groups.GroupBy(g => string.Join(",", g.Fingerprints.Order(StringComparer.Ordinal)))
            .Select(same => new MeshedPodGroup(same.First().Fingerprints, same.Sum(g => g.Pods),
                same.SelectMany(g => g.Owners).Distinct().Take(maxWorkloadsNamed).Select(w => w.ToString()).ToList()))
            .ToList();
    }

    internal static DateTimeOffset Utc(DateTime time) =>
        new(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());

    /// <summary>Pods whose proxies carry the same anchor text.</summary>
    internal sealed class Group(string text)
    {
        private IReadOnlySet<string>? _fingerprints;

        public string Text { get; } = text;

        public int Pods { get; set; }

        public HashSet<Workload> Owners { get; } = [];

        /// <summary>The anchors the text holds; empty when it cannot be read (such pods trust nothing we can rely on).</summary>
        public IReadOnlySet<string> Fingerprints => _fingerprints ??= Read(Text);

        private static HashSet<string> Read(string text)
        {
            if (text.Length == 0) return [];
            var read = CertificatePem.TryRead(text, TrustAnchorsEnv);
            return read.Value is { } certificates ? certificates.Select(c => c.Fingerprint).ToHashSet(StringComparer.Ordinal) : [];
        }
    }
}

/// <summary>The bundle ConfigMap proxies may read at start, its text now, the moment of its last change we know of (the
/// recorded publication of a new anchor), and its text before that change (without the new anchor).</summary>
internal sealed record BundleReference(string ConfigMap, string Key, string Text, DateTimeOffset? ChangedAt, string TextBefore);

using k8s.Models;
using Trust.Pem;
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

    public int Pods { get; private set; }

    public DateTimeOffset? OldestStart { get; private set; }

    public IEnumerable<Group> Groups => _groups.Values;

    public void Add(V1Pod pod)
    {
        Pods++;
        var text = (TrustAnchors(pod) ?? "").Trim();
        if (!_groups.TryGetValue(text, out var group)) _groups[text] = group = new Group(text);
        group.Pods++;
        group.Owners.Add(Workload.Of(pod));
        var started = pod.Status?.StartTime ?? pod.Metadata?.CreationTimestamp;
        // A pod of unknown age makes the oldest start unknown: such a pod never shortens a wait.
        if (started is null) _unknownAge = true;
        else if (OldestStart is null || Utc(started.Value) < OldestStart) OldestStart = Utc(started.Value);
    }

    private bool _unknownAge;

    public DateTimeOffset? OldestKnownStart => _unknownAge ? null : OldestStart;

    /// <summary>The planner's view: groups by the set of anchors trusted (texts that parse to the same set merge).</summary>
    public IReadOnlyList<MeshedPodGroup> ToMeshedPodGroups(int maxWorkloadsNamed)
    {
        return Groups.GroupBy(g => string.Join(",", g.Fingerprints.Order(StringComparer.Ordinal)))
            .Select(same => new MeshedPodGroup(same.First().Fingerprints, same.Sum(g => g.Pods),
                same.SelectMany(g => g.Owners).Distinct().Take(maxWorkloadsNamed).Select(w => w.ToString()).ToList()))
            .ToList();
    }

    internal static string? TrustAnchors(V1Pod pod)
    {
        var containers = (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []);
        var proxy = containers.FirstOrDefault(c => c.Name == ProxyContainer);
        return proxy?.Env?.FirstOrDefault(e => e.Name == TrustAnchorsEnv)?.Value;
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

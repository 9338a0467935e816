using k8s;
using k8s.Models;

namespace Trust.Kubernetes;

/// <summary>
/// Kubernetes Events (events.k8s.io/v1) on the objects a run touches, so <c>kubectl describe</c> and event-based
/// alerting see what the job did and what holds it back. An Event that cannot be written never fails the run.
/// </summary>
internal sealed class EventReporter(string instance, TimeProvider time)
{
    internal const string Controller = "trust.linkerd.io/rotate";

    /// <summary>Events that could not be written (reported in the run's log).</summary>
    public List<string> Failures { get; } = [];

    public async Task EmitAsync(KubernetesCluster cluster, IKubernetesObject<V1ObjectMeta> regarding, bool warning, string reason,
        string action, string note, CancellationToken cancel)
    {
        var ns = regarding.Metadata.NamespaceProperty;
        var now = time.GetUtcNow();
        var e = new Eventsv1Event
        {
            ApiVersion = "events.k8s.io/v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { GenerateName = "trust-rotate-", NamespaceProperty = ns },
            EventTime = now.UtcDateTime,
            Type = warning ? "Warning" : "Normal",
            ReportingController = Controller,
            ReportingInstance = Truncate(instance, 128),
            Action = Truncate(action, 128),
            Reason = Truncate(reason, 128),
            Note = Truncate(note, 1024),
            Regarding = new V1ObjectReference
            {
                ApiVersion = regarding.ApiVersion ?? "v1",
                Kind = regarding.Kind ?? PlanExecutor.Kind(regarding),
                NamespaceProperty = ns,
                Name = regarding.Metadata.Name,
                Uid = regarding.Metadata.Uid,
                ResourceVersion = regarding.Metadata.ResourceVersion,
            },
        };
        try
        {
            await cluster.Api.CreateAsync(KubeApi.Events, ns, e, cancel).ConfigureAwait(false);
        }
        catch (Exception x) when (ApiCalls.IsApiFailure(x))
        {
            Failures.Add(ApiCalls.Failure(x, $"writing an Event about {e.Regarding.Kind} {ns}/{e.Regarding.Name}").Message);
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

using System.Text;
using System.Text.Json.Nodes;
using Trust.Kubernetes.Testing.Http;
using Trust.Kubernetes.Testing.Storage;

namespace Trust.Kubernetes.Testing.Selectors;

/// <summary>
/// A parsed <c>fieldSelector</c>: comma-joined <c>field=value</c>, <c>field==value</c> or <c>field!=value</c> terms
/// over the fields the real server indexes for the resource (a missing field compares as empty).
/// </summary>
internal sealed class FieldSelector
{
    private static readonly string[] EventFields =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
        "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "type",
    ];

    private static readonly Dictionary<KubeResource, string[]> Supported = new()
    {
        [KubeResource.Pods] = ["status.phase", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.podIP", "status.nominatedNodeName"],
        [KubeResource.Secrets] = ["type"],
        [KubeResource.Namespaces] = ["status.phase"],
        [KubeResource.Events] = EventFields,
        [KubeResource.EventsV1] = EventFields,
        [KubeResource.ReplicaSets] = ["status.replicas"],
    };

    private readonly IReadOnlyList<(string Path, string Value, bool Equal)> _terms;

    private FieldSelector(IReadOnlyList<(string, string, bool)> terms) => _terms = terms;

    public bool Matches(JsonObject obj) =>
        _terms.All(term => (Json.Text(obj, term.Path) ?? "") == term.Value == term.Equal);

    public bool IsEmpty => _terms.Count == 0;

    /// <summary>Parses a selector for a resource; a malformed term or an unsupported field is a 400 BadRequest.</summary>
    public static FieldSelector Parse(string? text, KubeResource resource)
    {
        var terms = new List<(string, string, bool)>();
        foreach (var term in SplitUnescaped(text ?? "", ','))
        {
            if (term.Trim().Length == 0) continue;
            var (field, value, equal) = SplitTerm(term);
            var supported = field is "metadata.name" or "metadata.namespace" || (Supported.TryGetValue(resource, out var fields) && fields.Contains(field));
            if (!supported) throw ApiError.BadRequest($"field label not supported: {field}");
            terms.Add((field, value, equal));
        }
        return new FieldSelector(terms);
    }

    private static (string Field, string Value, bool Equal) SplitTerm(string term)
    {
        foreach (var (op, equal) in new[] { ("!=", false), ("==", true), ("=", true) })
        {
            var at = IndexOfUnescaped(term, op);
            if (at >= 0) return (term[..at].Trim(), Unescape(term[(at + op.Length)..]), equal);
        }
        throw ApiError.BadRequest($"invalid selector: '{term}'; can't understand '{term}'");
    }

    private static IEnumerable<string> SplitUnescaped(string text, char separator)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == separator) { yield return text[start..i]; start = i + 1; }
        }
        yield return text[start..];
    }

    private static int IndexOfUnescaped(string text, string op)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (string.CompareOrdinal(text, i, op, 0, op.Length) == 0) return i;
        }
        return -1;
    }

    private static string Unescape(string value)
    {
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length) i++;
            result.Append(value[i]);
        }
        return result.ToString();
    }
}

using System.Text;
using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Validation;

/// <summary>
/// Events in either API: the object an event is about must be in the event's namespace, and one about a cluster-scoped
/// object may only live in <c>default</c>. Created through events.k8s.io/v1 an Event is checked strictly, as
/// ValidateEventCreate does for that version.
/// </summary>
internal sealed class EventRules(bool eventsV1) : IResourceRules
{
    private const int ReportingInstanceLimit = 128;
    private const int ActionLimit = 128;
    private const int ReasonLimit = 128;
    private const int NoteLimit = 1024;

    public void Decode(JsonObject obj)
    {
        MicroTime.Decode(obj["eventTime"], "Event.eventTime");
        MicroTime.Decode(obj["series"]?["lastObservedTime"], "EventSeries.series.lastObservedTime");
    }

    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var (subjectField, subject) = eventsV1 ? ("regarding", "involvedObject") : ("involvedObject", "involvedObject");
        var subjectNamespace = Storage.Json.String(obj[subjectField], "namespace") ?? "";
        var eventNamespace = Storage.Json.String(obj["metadata"], "namespace") ?? "";
        var matches = subjectNamespace.Length == 0 ? eventNamespace is "" or "default" : subjectNamespace == eventNamespace;
        if (!matches) yield return FieldError.Invalid($"{subject}.namespace", subjectNamespace, "does not match event.namespace");
        if (!eventsV1 || old is not null) yield break;

        if (!MicroTime.IsSet(obj["eventTime"])) yield return FieldError.Required("eventTime");
        var type = Storage.Json.String(obj, "type") ?? "";
        if (type is not ("Normal" or "Warning")) yield return FieldError.Invalid("type", "", $"has invalid value: {type}");
        var controller = Storage.Json.String(obj, "reportingController") ?? "";
        if (controller.Length == 0) yield return FieldError.Required("reportingController");
        foreach (var error in NameRules.QualifiedName("reportingController", controller)) yield return error;
        foreach (var error in Bounded(obj, "reportingInstance", ReportingInstanceLimit, required: true)) yield return error;
        foreach (var error in Bounded(obj, "action", ActionLimit, required: true)) yield return error;
        foreach (var error in Bounded(obj, "reason", ReasonLimit, required: true)) yield return error;
        foreach (var error in Bounded(obj, "note", NoteLimit, required: false)) yield return error;
    }

    private static IEnumerable<FieldError> Bounded(JsonObject obj, string field, int limit, bool required)
    {
        var value = Storage.Json.String(obj, field) ?? "";
        if (required && value.Length == 0) yield return FieldError.Required(field);
        if (Encoding.UTF8.GetByteCount(value) > limit) yield return FieldError.Invalid(field, "", $"can have at most {limit} characters");
    }
}

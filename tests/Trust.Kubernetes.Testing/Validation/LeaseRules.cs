using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Validation;

/// <summary>coordination.k8s.io/v1 Lease: MicroTime acquire and renew times, a positive duration.</summary>
internal sealed class LeaseRules : IResourceRules
{
    public void Decode(JsonObject obj)
    {
        MicroTime.Decode(obj["spec"]?["acquireTime"], "LeaseSpec.spec.acquireTime");
        MicroTime.Decode(obj["spec"]?["renewTime"], "LeaseSpec.spec.renewTime");
    }

    public IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        if (Storage.Json.Integer(obj["spec"]?["leaseDurationSeconds"]) is { } seconds and <= 0)
            yield return FieldError.Invalid("spec.leaseDurationSeconds", seconds, "must be greater than 0");
        if (Storage.Json.Integer(obj["spec"]?["leaseTransitions"]) is { } count and < 0)
            yield return FieldError.Invalid("spec.leaseTransitions", count, "must be greater than or equal to 0");
    }
}

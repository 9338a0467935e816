using System.Text.Json.Nodes;

namespace Trust.Kubernetes.Testing.Validation;

/// <summary>What one resource's Go type and registry strategy check, in the order the real server runs them.</summary>
internal interface IResourceRules
{
    /// <summary>Throws <see cref="DecodeFailure"/> for what would not unmarshal into the Go type.</summary>
    void Decode(JsonObject obj) { }

    /// <summary>Defaulting and the strategy's preparation (Secret stringData folded into data).</summary>
    void Normalize(JsonObject obj) { }

    /// <summary>The strategy's validation of a create (<paramref name="old"/> null) or an update.</summary>
    IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old) => [];
}

namespace Trust.Kubernetes;

/// <summary>What a run changed (or, in a dry run, would change): one object write or restart.</summary>
/// <param name="Action">A stable word: <c>store-anchor</c>, <c>write-bundle</c>, <c>write-issuer</c>,
/// <c>delete-anchor</c>, <c>record</c>, <c>restart</c>.</param>
/// <param name="Cluster">The cluster's name.</param>
/// <param name="Object">The object, e.g. <c>Secret linkerd/linkerd-identity-issuer</c>.</param>
/// <param name="Message">One line in words.</param>
/// <param name="At">When it was done (for a dry run, when it was planned).</param>
public sealed record RotationAction(string Action, string Cluster, string Object, string Message, DateTimeOffset At);

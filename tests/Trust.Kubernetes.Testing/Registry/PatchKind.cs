namespace Trust.Kubernetes.Testing.Registry;

/// <summary>The patch formats the server applies, by content type.</summary>
internal enum PatchKind
{
    /// <summary><c>application/merge-patch+json</c></summary>
    Merge,

    /// <summary><c>application/strategic-merge-patch+json</c></summary>
    StrategicMerge,

    /// <summary><c>application/json-patch+json</c></summary>
    Json,
}

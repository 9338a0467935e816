namespace Trust.Kubernetes.Testing.Storage;

/// <summary>One page of a list: its items, the key to continue after (null on the last page), and how many are left when that is known.</summary>
internal sealed record ListPage(IReadOnlyList<StoredObject> Items, ObjectKey? ContinueAfter, long? RemainingItemCount, long ResourceVersion);

using Trust.Rotation;
using Trust.Time;

namespace Trust.Kubernetes;

/// <summary>
/// The annotations on the current anchor Secret that hold the rotation record and the pause switch, so that any run
/// can resume where the last one stopped. Times are RFC 3339 in whole seconds (UTC); fingerprints are SHA-256, hex.
/// </summary>
public static class RecordAnnotations
{
    /// <summary>The prefix of every annotation the job writes.</summary>
    public const string Prefix = "trust-rotate/";

    /// <summary>The phase after the run that wrote the record.</summary>
    public const string Phase = Prefix + "phase";

    /// <summary>The current anchor's fingerprint.</summary>
    public const string Anchor = Prefix + "anchor";

    /// <summary>The next anchor's fingerprint (Publish).</summary>
    public const string Next = Prefix + "next";

    /// <summary>The previous anchor's fingerprint (Switch, Drop).</summary>
    public const string Previous = Prefix + "previous";

    /// <summary>When a run first saw the new anchor in every bundle.</summary>
    public const string PublishedAt = Prefix + "published-at";

    /// <summary>When a run first saw every issuer signed by the new anchor.</summary>
    public const string SwitchedAt = Prefix + "switched-at";

    /// <summary>When a run took the retired anchor out of every bundle (Stable, after a rotation).</summary>
    public const string DroppedAt = Prefix + "dropped-at";

    /// <summary><c>true</c> during (and after) an emergency rotation.</summary>
    public const string Emergency = Prefix + "emergency";

    /// <summary>Set to <c>true</c> (or a reason) by an operator to pause anchor rotation; <c>false</c> or absent runs it.</summary>
    public const string Paused = Prefix + "paused";

    /// <summary>The record as annotations; absent values are null (a merge patch removes them).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public static IReadOnlyDictionary<string, string?> Write(RotationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new Dictionary<string, string?>
        {
            [Phase] = record.Phase.ToString(),
            [Anchor] = record.AnchorFingerprint,
            [Next] = record.NextFingerprint,
            [Previous] = record.PreviousFingerprint,
            [PublishedAt] = record.PublishedAt is { } p ? Rfc3339.Format(p) : null,
            [SwitchedAt] = record.SwitchedAt is { } s ? Rfc3339.Format(s) : null,
            [DroppedAt] = record.DroppedAt is { } d ? Rfc3339.Format(d) : null,
            [Emergency] = record.Emergency ? "true" : null,
        };
    }

    /// <summary>Reads a record back; null when there is none or it cannot be read (the planner then derives the phase
    /// from the objects alone and waits where a time is missing).</summary>
    public static RotationRecord? Read(IDictionary<string, string>? annotations)
    {
        if (annotations is null || !annotations.TryGetValue(Phase, out var phaseText)
            || !Enum.TryParse<RotationPhase>(phaseText, ignoreCase: false, out var phase) || !Enum.IsDefined(phase)
            || !annotations.TryGetValue(Anchor, out var anchor) || string.IsNullOrEmpty(anchor))
            return null;
        DateTimeOffset? Time(string key) =>
            annotations.TryGetValue(key, out var text) && Rfc3339.TryParse(text, out var t) ? t : null;
        string? Text(string key) => annotations.TryGetValue(key, out var text) && !string.IsNullOrEmpty(text) ? text : null;
        return new RotationRecord
        {
            Phase = phase,
            AnchorFingerprint = anchor,
            NextFingerprint = Text(Next),
            PreviousFingerprint = Text(Previous),
            PublishedAt = Time(PublishedAt),
            SwitchedAt = Time(SwitchedAt),
            DroppedAt = Time(DroppedAt),
            Emergency = Text(Emergency) == "true",
        };
    }

    /// <summary>What is wrong with record annotations that are present but cannot be read (an unknown phase, a
    /// missing anchor fingerprint, a time that is not RFC 3339, an emergency flag that is not <c>true</c>); null when
    /// there is no record or it reads cleanly.</summary>
    public static string? Problem(IDictionary<string, string>? annotations)
    {
        if (annotations is null || !annotations.Keys.Any(k => k.StartsWith(Prefix, StringComparison.Ordinal) && k != Paused)) return null;
        if (!annotations.TryGetValue(Phase, out var phase) || !Enum.TryParse<RotationPhase>(phase, ignoreCase: false, out var p) || !Enum.IsDefined(p)
            || int.TryParse(phase, out _))
            return phase is null ? $"{Phase} is missing" : $"{Phase} is '{phase}', not a phase";
        if (!annotations.TryGetValue(Anchor, out var anchor) || string.IsNullOrEmpty(anchor)) return $"{Anchor} is missing";
        foreach (var key in new[] { PublishedAt, SwitchedAt, DroppedAt })
            if (annotations.TryGetValue(key, out var text) && !string.IsNullOrEmpty(text) && !Rfc3339.TryParse(text, out _))
                return $"{key} is '{text}', not an RFC 3339 time";
        if (annotations.TryGetValue(Emergency, out var e) && !string.IsNullOrEmpty(e) && e != "true") return $"{Emergency} is '{e}', not 'true'";
        return null;
    }

    /// <summary>True when the pause annotation is set to anything but <c>false</c>.</summary>
    public static bool IsPaused(IDictionary<string, string>? annotations) =>
        annotations is not null && annotations.TryGetValue(Paused, out var value) && !string.IsNullOrWhiteSpace(value)
        && !string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase);
}

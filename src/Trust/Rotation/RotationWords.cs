namespace Trust.Rotation;

/// <summary>The planner's enums in the words its messages use (an enum's name is not a word a person reads).</summary>
internal static class RotationWords
{
    public static string Reason(IssuerRenewalReason reason) => reason switch
    {
        IssuerRenewalReason.Missing => "none yet",
        IssuerRenewalReason.Invalid => "the one there does not verify under its anchor",
        IssuerRenewalReason.RenewalDue => "renewal due",
        IssuerRenewalReason.SwitchToNewAnchor => "switch to the new anchor",
        _ => reason.ToString(),
    };

    public static string Phase(RotationPhase phase) => phase.ToString().ToLowerInvariant();
}

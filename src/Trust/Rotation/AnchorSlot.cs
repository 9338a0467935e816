namespace Trust.Rotation;

/// <summary>
/// Where an anchor and its key are stored. A front end maps each slot to one object (the rotation job: the Secrets
/// <c>linkerd-trust-anchor</c>, <c>linkerd-trust-anchor-next</c> and <c>linkerd-previous-anchor</c>).
/// </summary>
public enum AnchorSlot
{
    /// <summary>The anchor that signs (or, during Publish, still signs) the issuers.</summary>
    Current,

    /// <summary>The successor anchor during Publish.</summary>
    Next,

    /// <summary>The retired anchor during Switch, kept so the bundle can be rebuilt and its key is not lost while it is trusted.</summary>
    Previous,
}

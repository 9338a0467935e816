namespace Trust.Rotation;

/// <summary>
/// Where an anchor rotation stands, derived from the objects themselves (which anchors are stored, which anchors the
/// bundles hold, which anchor signed each issuer). A = the anchor being retired, B = its successor.
/// </summary>
public enum RotationPhase
{
    /// <summary>The phase could not be derived: the state is corrupt or not ours, and the plan stops.</summary>
    Unknown,

    /// <summary>No anchor and no issuer exist yet: the plan creates both.</summary>
    Bootstrap,

    /// <summary>One anchor A; every bundle holds A (and no other anchor of ours); every issuer is signed by A.</summary>
    Stable,

    /// <summary>B is stored as the next anchor and published beside A; issuers are still signed (and renewed) by A.</summary>
    Publish,

    /// <summary>B is the current anchor and signs the issuers; A is kept in the bundles (and as the previous anchor)
    /// until no live issuer or leaf may chain to it.</summary>
    Switch,

    /// <summary>A has left every bundle; only the previous-anchor record of A remains to be removed.</summary>
    Drop,
}

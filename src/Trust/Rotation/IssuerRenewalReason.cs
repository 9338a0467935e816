namespace Trust.Rotation;

/// <summary>Why a plan issues a new identity issuer in a cluster.</summary>
public enum IssuerRenewalReason
{
    /// <summary>The cluster has no issuer.</summary>
    Missing,

    /// <summary>The issuer does not verify against any anchor it may be signed by (expired, not yet valid, foreign, or
    /// with a key Linkerd refuses).</summary>
    Invalid,

    /// <summary>The issuer is inside its renewal window.</summary>
    RenewalDue,

    /// <summary>The issuer is signed by the retiring anchor and the switch to the new anchor is allowed.</summary>
    SwitchToNewAnchor,
}

namespace Trust.Rotation;

/// <summary>Why a rotation does not advance in this run. Waits are expected outcomes, not errors.</summary>
public enum RotationWaitReason
{
    /// <summary>The new anchor is not yet in every bundle, or its publication has not been observed by a run after the
    /// bundle writes (the publication time is recorded only once a run sees the anchor in every bundle).</summary>
    PublicationUnconfirmed,

    /// <summary>The bundle holding the new anchor is younger than the minimum bundle age.</summary>
    BundleTooYoung,

    /// <summary>No identity controller was found, so nobody can say which bundle it read at start.</summary>
    IdentityControllerNotFound,

    /// <summary>The identity controller started before the new anchor was published; it would refuse an issuer signed by it.</summary>
    IdentityControllerNotRestarted,

    /// <summary>Running meshed pods whose proxies do not trust the new anchor yet.</summary>
    PodsLackNewAnchor,

    /// <summary>The switch of every issuer to the new anchor has not been observed by a run after the issuer writes.</summary>
    SwitchUnconfirmed,

    /// <summary>Workload certificates issued under the retiring anchor may still be alive.</summary>
    LeavesMayChainToOldAnchor,

    /// <summary>Rotation is paused; only issuer renewal and the removal of expired anchors go on.</summary>
    Paused,
}

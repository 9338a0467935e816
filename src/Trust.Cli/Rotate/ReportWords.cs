using Trust.Kubernetes;
using Trust.Rotation;

namespace Trust.Cli.Rotate;

/// <summary>The stable words of a run report, shared by the text and JSON forms (docs/cli.md lists them).</summary>
internal static class ReportWords
{
    public static string Outcome(RotationOutcome outcome) => outcome switch
    {
        RotationOutcome.Good => "good",
        RotationOutcome.AtRisk => "at-risk",
        RotationOutcome.Stopped => "stopped",
        RotationOutcome.Busy => "busy",
        RotationOutcome.Unsettled => "unsettled",
        RotationOutcome.Failed => "failed",
        RotationOutcome.Blocked => "blocked",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    public static string Phase(RotationPhase phase) => phase switch
    {
        RotationPhase.Unknown => "unknown",
        RotationPhase.Bootstrap => "bootstrap",
        RotationPhase.Stable => "stable",
        RotationPhase.Publish => "publish",
        RotationPhase.Switch => "switch",
        RotationPhase.Drop => "drop",
        _ => phase.ToString().ToLowerInvariant(),
    };

    public static string Wait(RotationWaitReason reason) => reason switch
    {
        RotationWaitReason.PublicationUnconfirmed => "publication-unconfirmed",
        RotationWaitReason.BundleTooYoung => "bundle-too-young",
        RotationWaitReason.IdentityControllerNotFound => "identity-controller-not-found",
        RotationWaitReason.IdentityControllerNotRestarted => "identity-controller-not-restarted",
        RotationWaitReason.PodsLackNewAnchor => "pods-lack-new-anchor",
        RotationWaitReason.SwitchUnconfirmed => "switch-unconfirmed",
        RotationWaitReason.LeavesMayChainToOldAnchor => "leaves-may-chain-to-old-anchor",
        RotationWaitReason.Paused => "paused",
        _ => reason.ToString().ToLowerInvariant(),
    };
}

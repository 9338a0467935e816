using Trust.Findings;
using Trust.Kubernetes;
using Trust.Validation;

namespace Trust.Cli;

/// <summary>The CLI's words for the library's remedies: the command a user runs to apply each.</summary>
internal static class RemedyText
{
    public static string For(Remedy remedy) => remedy.Action switch
    {
        RemedyAction.CreateIssuer => $"{remedy.Advice}: trust issuer create",
        RemedyAction.CreateAnchor => $"{remedy.Advice}: trust anchor create",
        RemedyAction.RotateAnchor => $"{remedy.Advice}: trust anchor create, then trust bundle NEW OLD",
        RemedyAction.RemoveExpiredAnchors => $"{remedy.Advice}: trust bundle OUT BUNDLE --drop-expired",
        RemedyAction.RewritePem => $"{remedy.Advice}: trust bundle OUT FILE",
        RemedyAction.UseDistinctSubject => $"{remedy.Advice}: trust issuer create --subject identity.linkerd.cluster.local",
        RemedyAction.UseSupportedAlgorithm => $"{remedy.Advice}: trust anchor create --key-type ec --curve P-256",
        RemedyAction.DecryptKey => $"{remedy.Advice} (trust issuer create writes unencrypted PKCS#8)",
        _ => remedy.Advice,
    };

    /// <summary>
    /// The hint of a failed check (<c>check</c>, <c>init</c>): <see cref="For"/>, except where the check needs more.
    /// An issuer that trust rotate or cert-manager renews lives 48h, so issuer-expiry (Linkerd's 60 days) always warns
    /// for it: creating one by hand is then the wrong advice, watching the renewer the right one.
    /// </summary>
    public static string ForCheck(CheckFinding finding) => finding switch
    {
        { Remedy: null } => "",
        { Id: "issuer-expiry" } =>
            $"{For(finding.Remedy)}; if trust rotate or cert-manager renews it, expect this warning and check that the renewals run (docs/automated-rotation.md#what-to-monitor)",
        _ => For(finding.Remedy),
    };

    /// <summary>
    /// The words of <c>trust rotate</c> for the remedies of findings in a cluster: its own flags and kubectl commands
    /// on the objects it names (the file commands of <see cref="For"/> do not apply to objects in a cluster).
    /// </summary>
    /// <param name="remedy">The remedy.</param>
    /// <param name="names">The objects of the run.</param>
    /// <param name="homeContext">The kubeconfig context of the home cluster when one was named.</param>
    public static string ForRotation(Remedy remedy, RotationJobOptions names, string? homeContext) =>
        RotationHint(remedy, names, homeContext) is var (advice, command) && command is not null ? $"{advice}: {command}" : advice;

    /// <summary>
    /// The hint of <see cref="ForRotation"/> in two parts: the advice in words (with the flags of a run to give, if
    /// any), and a shell command to run, or null. The text report prints the command on a line of its own.
    /// </summary>
    public static (string Advice, string? Command) RotationHint(Remedy remedy, RotationJobOptions names, string? homeContext)
    {
        var kubectl = homeContext is null ? "kubectl" : $"kubectl --context {ShellWord.Quote(homeContext)}";
        var anchorNamespace = ShellWord.Quote(names.AnchorNamespace);
        var ns = ShellWord.Quote(names.Namespace);
        return remedy.Action switch
        {
            RemedyAction.TakeOverIssuer => ($"{remedy.Advice}: run again with --take-over", null),
            RemedyAction.ResumeRotation =>
                (remedy.Advice, $"{kubectl} annotate secret -n {anchorNamespace} {ShellWord.Quote(names.AnchorSecret)} {RecordAnnotations.Paused}-"),
            RemedyAction.RestartWorkloads => ($"{remedy.Advice}: run again with --restart, or kubectl rollout restart each workload named", null),
            RemedyAction.RotateAnchor => ($"{remedy.Advice}: run again with --emergency --restart", null),
            // docs/rotate.md, "Backup and restore": the backup is one `kubectl get secret -o yaml` file per anchor
            // Secret in anchor-backup/; replace --force recreates each exactly as saved, whether it is gone or wrong.
            RemedyAction.RestoreAnchor => ($"{remedy.Advice} (docs/rotate.md, Backup and restore)", $"{kubectl} replace --force -f anchor-backup/"),
            RemedyAction.RemoveExpiredAnchors => (remedy.Advice, $"kubectl edit configmap -n {ns} {ShellWord.Quote(names.BundleConfigMap)}"),
            RemedyAction.ProvideMatchingKey =>
                ($"{remedy.Advice}; this removes the issuer, and the next run issues a new one", $"kubectl delete secret -n {ns} {ShellWord.Quote(names.IssuerSecret)}"),
            _ => (remedy.Advice, null),
        };
    }
}

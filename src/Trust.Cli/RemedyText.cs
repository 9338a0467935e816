using Trust.Findings;

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
}

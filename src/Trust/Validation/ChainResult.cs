using Trust.Certificates;

namespace Trust.Validation;

/// <summary>The outcome of verifying a certificate: a chain to an anchor, or the reason there is none.</summary>
/// <param name="IsValid">True when a valid chain was found.</param>
/// <param name="Chain">The chain from the certificate up to the anchor (empty when invalid).</param>
/// <param name="Failure">Why verification failed, in one line (null when valid).</param>
public sealed record ChainResult(bool IsValid, IReadOnlyList<CertificateInfo> Chain, string? Failure)
{
    internal static ChainResult Fail(string reason) => new(false, [], reason);
}

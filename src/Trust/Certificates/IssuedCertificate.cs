namespace Trust.Certificates;

/// <summary>A certificate just created, with notes on any adjustment made (such as a clamped NotAfter) and warnings.</summary>
/// <param name="Certificate">The new certificate.</param>
/// <param name="Notes">One line per adjustment, for the user to read.</param>
public sealed record IssuedCertificate(CertificateInfo Certificate, IReadOnlyList<string> Notes)
{
    /// <summary>One line per reason Linkerd will refuse the certificate (for example a P-384 trust anchor), saying what
    /// Linkerd does with it. Empty when Linkerd accepts it.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

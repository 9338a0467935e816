namespace Trust.Certificates;

/// <summary>A certificate just created, with notes on any adjustment made (such as a clamped NotAfter).</summary>
/// <param name="Certificate">The new certificate.</param>
/// <param name="Notes">One line per adjustment, for the user to read.</param>
public sealed record IssuedCertificate(CertificateInfo Certificate, IReadOnlyList<string> Notes);

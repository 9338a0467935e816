namespace Trust.Validation;

/// <summary>What Linkerd's certificate reader makes of a text (see <see cref="LinkerdPem.Read(ReadOnlySpan{byte})"/>).</summary>
public enum LinkerdPemOutcome
{
    /// <summary>Linkerd reads every block in the text, and at least one certificate.</summary>
    Read,

    /// <summary>
    /// Linkerd reads at least one certificate without error but ignores part of the text: it stops at the first block
    /// that is not CERTIFICATE, or its PEM decoder passes over a BEGIN line it cannot use (indented, broken block).
    /// </summary>
    ReadPartly,

    /// <summary>Linkerd fails with <c>not a PEM certificate</c>: some non-blank text is left that holds no block Go can decode.</summary>
    NotPem,

    /// <summary>Linkerd fails with <c>No certificates found</c>: empty text, or the first block is not CERTIFICATE.</summary>
    NoCertificates,

    /// <summary>A CERTIFICATE block whose bytes Go's <c>x509.ParseCertificate</c> refuses: Linkerd fails.</summary>
    CertificateMalformed,
}

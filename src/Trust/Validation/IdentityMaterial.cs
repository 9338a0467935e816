using System.Text;
using Trust.Certificates;
using Trust.Findings;
using Trust.Keys;
using Trust.Pem;

namespace Trust.Validation;

/// <summary>
/// What Linkerd's identity reads: the trust anchors and the issuer, as parsed certificates and as the text deployed.
/// Owns <see cref="IssuerKey"/> and disposes it.
/// </summary>
public sealed class IdentityMaterial : IDisposable
{
    /// <summary>Trust anchors (the bundle).</summary>
    public required IReadOnlyList<CertificateInfo> Anchors { get; init; }

    /// <summary>
    /// The bundle exactly as it will be deployed (file or ConfigMap bytes), which the <c>pem-format</c> check reads with
    /// Linkerd's rules (<see cref="LinkerdPem"/>); null when unknown, and then that check is skipped.
    /// </summary>
    public ReadOnlyMemory<byte>? AnchorsContent { get; init; }

    /// <summary>The issuer certificate first, then any intermediates that came with it.</summary>
    public required IReadOnlyList<CertificateInfo> IssuerChain { get; init; }

    /// <summary>The issuer certificate exactly as it will be deployed, read like <see cref="AnchorsContent"/>; null when unknown.</summary>
    public ReadOnlyMemory<byte>? IssuerContent { get; init; }

    /// <summary>The issuer's private key when given and readable.</summary>
    public SigningKey? IssuerKey { get; init; }

    /// <summary>The format the issuer key was stored in, when given (an encrypted key cannot be read by Linkerd).</summary>
    public KeyPemFormat? IssuerKeyFormat { get; init; }

    /// <summary>
    /// Reads identity material from bytes: the anchors (PEM or one DER certificate), the issuer chain (PEM or DER), and
    /// optionally the issuer key (PEM). This reading is lenient (CRLF or CR line endings, indentation, DER); the bytes
    /// are kept as <see cref="AnchorsContent"/> and <see cref="IssuerContent"/> so the checks can tell whether Linkerd,
    /// which is stricter, reads the same certificates. An encrypted key is not decrypted (Linkerd could not read it):
    /// its format is recorded for the checks to report. Every problem comes back as a finding naming the input's source; nothing
    /// throws for bad input. <c>trust check</c> and the rotation job read cluster objects and files through this call.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="anchors"/> or <paramref name="issuer"/> is null.</exception>
    public static ReadResult<IdentityMaterial> Load(IdentityInput anchors, IdentityInput issuer, IdentityInput? issuerKey = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(issuer);
        var findings = new List<Finding>();
        var anchorCertificates = Certificates(anchors, findings);
        var issuerChain = Certificates(issuer, findings);
        SigningKey? key = null;
        KeyPemFormat? format = null;
        if (issuerKey is not null)
        {
            if (Text(issuerKey, findings) is { } keyText)
            {
                format = PrivateKeyPem.TryDetectFormat(keyText, issuerKey.Source, out var formatProblem);
                if (formatProblem is not null) findings.Add(formatProblem);
                else if (format is not (KeyPemFormat.EncryptedPkcs8 or KeyPemFormat.LegacyEncrypted))
                {
                    var read = PrivateKeyPem.TryRead(keyText, issuerKey.Source);
                    if (read.Value is null) findings.AddRange(read.Findings);
                    key = read.Value;
                }
            }
        }
        if (findings.Count > 0 || anchorCertificates is null || issuerChain is null)
        {
            key?.Dispose();
            return ReadResult.Of<IdentityMaterial>(null, findings);
        }
        return ReadResult.Ok(new IdentityMaterial
        {
            Anchors = anchorCertificates,
            AnchorsContent = anchors.Content,
            IssuerChain = issuerChain,
            IssuerContent = issuer.Content,
            IssuerKey = key,
            IssuerKeyFormat = format,
        });
    }

    private static IReadOnlyList<CertificateInfo>? Certificates(IdentityInput input, List<Finding> findings)
    {
        var read = CertificatePem.TryReadBytes(input.Content, input.Source);
        findings.AddRange(read.Findings);
        return read.Value;
    }

    private static string? Text(IdentityInput input, List<Finding> findings)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(input.Content.Span);
        }
        catch (DecoderFallbackException)
        {
            findings.Add(new Finding(FindingIds.KeyMissing, "not PEM text (binary data)") { Source = input.Source });
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => IssuerKey?.Dispose();

    /// <inheritdoc />
    public override string ToString() =>
        $"{Anchors.Count} anchor(s), issuer '{(IssuerChain.Count > 0 ? IssuerChain[0].Subject : "none")}'{(IssuerKey is null ? "" : " with its key")}";
}

using Trust.Certificates;
using Trust.Keys;

namespace Trust.Validation;

/// <summary>What Linkerd's identity reads: the trust anchors and the issuer, as parsed certificates and raw text.</summary>
public sealed record IdentityMaterial
{
    /// <summary>Trust anchors (the bundle).</summary>
    public required IReadOnlyList<CertificateInfo> Anchors { get; init; }

    /// <summary>The bundle text exactly as it will be deployed (for PEM checks).</summary>
    public string? AnchorsText { get; init; }

    /// <summary>The issuer certificate first, then any intermediates that came with it.</summary>
    public required IReadOnlyList<CertificateInfo> IssuerChain { get; init; }

    /// <summary>The issuer certificate text exactly as it will be deployed.</summary>
    public string? IssuerText { get; init; }

    /// <summary>The issuer's private key when given and readable.</summary>
    public SigningKey? IssuerKey { get; init; }

    /// <summary>The format the issuer key was stored in, when given (an encrypted key cannot be read by Linkerd).</summary>
    public KeyPemFormat? IssuerKeyFormat { get; init; }
}

using Trust.Certificates;
using Trust.Keys;

namespace Trust.Rotation;

/// <summary>A trust anchor as stored in one <see cref="AnchorSlot"/>: its certificate and, when stored, its key.</summary>
/// <param name="Certificate">The self-signed anchor certificate.</param>
/// <param name="Key">The anchor's private key; null when the slot holds the certificate only (allowed for the
/// previous anchor, which never signs again unless an issuer still depends on it).</param>
public sealed record StoredAnchor(CertificateInfo Certificate, SigningKey? Key)
{
    /// <summary>The anchor's SHA-256 fingerprint, lowercase hex (the identity used everywhere in rotation).</summary>
    public string Fingerprint => Certificate.Fingerprint;

    /// <inheritdoc />
    public override string ToString() => $"anchor '{Certificate.Subject}' (sha256 {Fingerprint[..16]}…){(Key is null ? " without its key" : "")}";
}

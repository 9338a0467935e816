namespace Trust.Certificates;

/// <summary>The named curve of an ECDSA key.</summary>
public enum EllipticCurve
{
    /// <summary>Not an EC key.</summary>
    None,

    /// <summary>NIST P-256 (prime256v1, secp256r1).</summary>
    P256,

    /// <summary>NIST P-384 (secp384r1).</summary>
    P384,

    /// <summary>NIST P-521 (secp521r1).</summary>
    P521,

    /// <summary>Another curve, or explicit curve parameters; see <see cref="PublicKeyKind.CurveOid"/>.</summary>
    Other,
}

namespace Trust.Keys;

/// <summary>The algorithm and size of a key to generate.</summary>
public enum KeyAlgorithm
{
    /// <summary>ECDSA on NIST P-256: the default, and the only issuer key Linkerd accepts.</summary>
    EcdsaP256,

    /// <summary>ECDSA on NIST P-384 (Linkerd refuses P-384 anchors and issuers; for other meshes and tests).</summary>
    EcdsaP384,

    /// <summary>RSA with a 2048-bit modulus (trust anchors only).</summary>
    Rsa2048,

    /// <summary>RSA with a 4096-bit modulus (trust anchors only).</summary>
    Rsa4096,
}

namespace Trust.Certificates;

/// <summary>The algorithm family of a public key found in a certificate or key.</summary>
public enum PublicKeyAlgorithm
{
    /// <summary>An algorithm this library does not know; see <see cref="PublicKeyKind.AlgorithmOid"/>.</summary>
    Unknown,

    /// <summary>ECDSA (id-ecPublicKey).</summary>
    Ecdsa,

    /// <summary>RSA (rsaEncryption).</summary>
    Rsa,

    /// <summary>Ed25519.</summary>
    Ed25519,
}

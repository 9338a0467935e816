using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Trust.Certificates;

namespace Trust.Validation;

/// <summary>Checks a certificate's signature against a parent's public key.</summary>
internal static class SignatureCheck
{
    // Importing a public key costs more than verifying with it (~110 µs vs ~65 µs): keep one per parent certificate
    // for as long as the certificate lives. Platform key objects are not documented thread-safe, so use is locked.
    private static readonly ConditionalWeakTable<CertificateInfo, ParentKey> Keys = new();

    /// <summary>True when <paramref name="parent"/>'s key verifies <paramref name="child"/>'s signature.</summary>
    public static bool IsSignedBy(CertificateInfo child, CertificateInfo parent)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(parent);
        if (!child.SignatureAlgorithmsAgree) return false;
        var hash = HashOf(child.SignatureAlgorithm);
        if (hash == default) return false;
        var ecdsaSignature = child.SignatureAlgorithm.StartsWith("1.2.840.10045.4.3", StringComparison.Ordinal);
        var key = Keys.GetValue(parent, p => new ParentKey(p));
        return key.Verify(child.TbsDer.Span, child.Signature.Span, hash, ecdsaSignature);
    }

    /// <summary>
    /// True for the signature algorithms we verify: ECDSA and PKCS#1 v1.5 RSA with SHA-256, SHA-384 or SHA-512. Go also
    /// refuses SHA-1 (since 1.18); it accepts RSA-PSS and Ed25519, which we do not verify.
    /// </summary>
    public static bool IsSupportedAlgorithm(string signatureAlgorithm) => HashOf(signatureAlgorithm) != default;

    private static HashAlgorithmName HashOf(string signatureAlgorithm) => signatureAlgorithm switch
    {
        Oids.EcdsaWithSha256 or Oids.Sha256WithRsa => HashAlgorithmName.SHA256,
        Oids.EcdsaWithSha384 or Oids.Sha384WithRsa => HashAlgorithmName.SHA384,
        Oids.EcdsaWithSha512 or Oids.Sha512WithRsa => HashAlgorithmName.SHA512,
        _ => default,
    };

    /// <summary>True when the platform can import <paramref name="certificate"/>'s ECDSA or RSA key (a valid point on the curve, a sane modulus).</summary>
    public static bool HasUsableKey(CertificateInfo certificate) => Keys.GetValue(certificate, p => new ParentKey(p)).IsUsable;

    private sealed class ParentKey
    {
        private readonly AsymmetricAlgorithm? _key;

        public bool IsUsable => _key is not null;

        public ParentKey(CertificateInfo parent)
        {
            try
            {
                switch (parent.PublicKey.Algorithm)
                {
                    case PublicKeyAlgorithm.Ecdsa:
                        var ec = ECDsa.Create();
                        ec.ImportSubjectPublicKeyInfo(parent.SubjectPublicKeyInfo.Span, out _);
                        _key = ec;
                        break;
                    case PublicKeyAlgorithm.Rsa:
                        var rsa = RSA.Create();
                        rsa.ImportSubjectPublicKeyInfo(parent.SubjectPublicKeyInfo.Span, out _);
                        _key = rsa;
                        break;
                }
            }
            catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
            {
                _key = null; // an unusable key (or a curve the platform lacks) verifies nothing
            }
        }

        public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash, bool ecdsaSignature)
        {
            try
            {
                lock (this)
                {
                    return _key switch
                    {
                        ECDsa ec when ecdsaSignature => ec.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence),
                        RSA rsa when !ecdsaSignature => rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1),
                        _ => false,
                    };
                }
            }
            catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
            {
                return false;
            }
        }
    }
}

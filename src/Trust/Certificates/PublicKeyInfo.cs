using System.Formats.Asn1;

namespace Trust.Certificates;

/// <summary>Reads the algorithm and size out of a SubjectPublicKeyInfo and computes its key identifier.</summary>
internal static class PublicKeyInfo
{
    /// <summary>Describes the key inside a DER SubjectPublicKeyInfo.</summary>
    public static PublicKeyKind Describe(ReadOnlyMemory<byte> spki)
    {
        var sequence = new DerCursor(spki).ReadSequence();
        var algorithm = sequence.ReadSequence();
        var oid = algorithm.ReadOid();
        var key = sequence.ReadBitString(out _);
        sequence.EnsureEnd();
        switch (oid)
        {
            case Oids.EcPublicKey:
                var curve = algorithm.NextIs(Asn1Tag.ObjectIdentifier) ? algorithm.ReadOid() : "explicit parameters";
                return curve switch
                {
                    Oids.CurveP256 => P256,
                    Oids.CurveP384 => P384,
                    Oids.CurveP521 => P521,
                    _ => new(PublicKeyAlgorithm.Ecdsa, EllipticCurve.Other, (key.Length - 1) * 4) { CurveOid = curve },
                };
            case Oids.RsaEncryption:
                var rsa = new DerCursor(key).ReadSequence();
                var modulus = rsa.ReadIntegerBytes().TrimStart((byte)0);
                var bits = modulus.Length == 0 ? 0 : modulus.Length * 8 - (System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]) - 24);
                return new(PublicKeyAlgorithm.Rsa, EllipticCurve.None, bits);
            case Oids.Ed25519:
                return Ed25519;
            default:
                return new(PublicKeyAlgorithm.Unknown, EllipticCurve.None, key.Length * 8) { AlgorithmOid = oid };
        }
    }

    private static readonly PublicKeyKind P256 = new(PublicKeyAlgorithm.Ecdsa, EllipticCurve.P256, 256);
    private static readonly PublicKeyKind P384 = new(PublicKeyAlgorithm.Ecdsa, EllipticCurve.P384, 384);
    private static readonly PublicKeyKind P521 = new(PublicKeyAlgorithm.Ecdsa, EllipticCurve.P521, 521);
    private static readonly PublicKeyKind Ed25519 = new(PublicKeyAlgorithm.Ed25519, EllipticCurve.None, 256);

    /// <summary>
    /// RFC 5280 section 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents (as step and Go compute it).
    /// </summary>
    public static byte[] KeyIdentifier(ReadOnlyMemory<byte> spki)
    {
        var sequence = new DerCursor(spki).ReadSequence();
        sequence.ReadEncoded();
        var key = sequence.ReadBitString(out _);
#pragma warning disable CA5350 // SHA-1 is what RFC 5280 method 1 specifies; it is an identifier, not a signature.
        return System.Security.Cryptography.SHA1.HashData(key.Span);
#pragma warning restore CA5350
    }
}

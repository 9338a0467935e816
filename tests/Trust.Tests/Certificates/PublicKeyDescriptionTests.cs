using System.Formats.Asn1;
using Trust.Certificates;

namespace Trust.Tests.Certificates;

/// <summary>What a SubjectPublicKeyInfo holds, and the display names of algorithms and key purposes.</summary>
public class PublicKeyDescriptionTests
{
    private static byte[] Spki(string algorithm, Action<AsnWriter>? parameters, byte[] key, byte[]? trailing = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(algorithm);
                parameters?.Invoke(writer);
            }
            writer.WriteBitString(key);
            if (trailing is not null) writer.WriteEncodedValue(trailing);
        }
        return writer.Encode();
    }

    private static byte[] EcPoint(int coordinateBytes) => [0x04, .. new byte[2 * coordinateBytes]];

    private static byte[] RsaKey(byte[] modulus)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(modulus);
            writer.WriteInteger(65537);
        }
        return writer.Encode();
    }

    [Fact]
    public void A_named_curve_other_than_the_NIST_three_is_sized_from_its_point()
    {
        // P-224: an uncompressed point is 1 + 2 * 28 bytes.
        var kind = PublicKeyInfo.Describe(Spki(Oids.EcPublicKey, w => w.WriteObjectIdentifier(Oids.CurveP224), EcPoint(28)));
        Assert.Equal(new PublicKeyKind(PublicKeyAlgorithm.Ecdsa, EllipticCurve.Other, 224) { CurveOid = Oids.CurveP224 }, kind);
        Assert.Equal("ECDSA 1.3.132.0.33", kind.ToString());
        Assert.False(kind.IsEcdsaP256);
    }

    [Fact]
    public void Explicit_curve_parameters_are_named_as_such()
    {
        var kind = PublicKeyInfo.Describe(Spki(Oids.EcPublicKey, w => { using (w.PushSequence()) w.WriteInteger(1); }, EcPoint(32)));
        Assert.Equal(EllipticCurve.Other, kind.Curve);
        Assert.Equal("explicit parameters", kind.CurveOid);
        Assert.Equal("explicit parameters", kind.CurveName);
        Assert.Equal(256, kind.Bits);
    }

    [Fact]
    public void The_NIST_curves_have_their_names()
    {
        var p521 = PublicKeyInfo.Describe(Spki(Oids.EcPublicKey, w => w.WriteObjectIdentifier(Oids.CurveP521), EcPoint(66)));
        Assert.Equal("ECDSA P-521", p521.ToString());
        Assert.Equal(521, p521.Bits);
        var p384 = PublicKeyInfo.Describe(Spki(Oids.EcPublicKey, w => w.WriteObjectIdentifier(Oids.CurveP384), EcPoint(48)));
        Assert.Equal("ECDSA P-384", p384.ToString());
        Assert.False(p384.IsEcdsaP256);
        Assert.True(PublicKeyInfo.Describe(Spki(Oids.EcPublicKey, w => w.WriteObjectIdentifier(Oids.CurveP256), EcPoint(32))).IsEcdsaP256);
    }

    [Theory]
    [InlineData("01", 1)]
    [InlineData("0100", 9)]
    [InlineData("7fff", 15)]
    [InlineData("80", 8)]
    [InlineData("00", 0)]
    public void An_RSA_key_is_as_long_as_its_modulus_without_leading_zero_bits(string modulusHex, int bits)
    {
        var kind = PublicKeyInfo.Describe(Spki(Oids.RsaEncryption, w => w.WriteNull(), RsaKey(Convert.FromHexString(modulusHex))));
        Assert.Equal(new PublicKeyKind(PublicKeyAlgorithm.Rsa, EllipticCurve.None, bits), kind);
        Assert.Equal($"RSA {bits}", kind.ToString());
        Assert.False(kind.IsEcdsaP256);
    }

    [Fact]
    public void An_unknown_algorithm_is_named_by_its_OID_and_sized_by_its_key_bits()
    {
        var kind = PublicKeyInfo.Describe(Spki("1.3.101.110", null, new byte[32])); // X25519
        Assert.Equal(new PublicKeyKind(PublicKeyAlgorithm.Unknown, EllipticCurve.None, 256) { AlgorithmOid = "1.3.101.110" }, kind);
        Assert.Equal("1.3.101.110", kind.AlgorithmName);
        Assert.Null(kind.CurveName);
        Assert.Equal("1.3.101.110 256", kind.ToString());
    }

    [Fact]
    public void Ed25519_is_named()
    {
        var kind = PublicKeyInfo.Describe(Spki(Oids.Ed25519, null, new byte[32]));
        Assert.Equal("Ed25519", kind.AlgorithmName);
        Assert.Equal("Ed25519 256", kind.ToString());
    }

    [Fact]
    public void Kinds_built_without_an_OID_have_placeholder_names()
    {
        Assert.Equal("unknown", new PublicKeyKind(PublicKeyAlgorithm.Unknown, EllipticCurve.None, 0).AlgorithmName);
        Assert.Equal("unknown curve", new PublicKeyKind(PublicKeyAlgorithm.Ecdsa, EllipticCurve.Other, 0).CurveName);
        Assert.False(new PublicKeyKind(PublicKeyAlgorithm.Rsa, EllipticCurve.P256, 256).IsEcdsaP256);
    }

    [Fact]
    public void Data_after_the_key_is_malformed()
    {
        var spki = Spki(Oids.EcPublicKey, w => w.WriteObjectIdentifier(Oids.CurveP256), EcPoint(32), trailing: [0x05, 0x00]);
        var e = Assert.Throws<FormatException>(() => PublicKeyInfo.Describe(spki));
        Assert.Equal("unexpected data after the end of a structure", e.Message);
    }

    [Theory]
    [InlineData("1.2.840.10045.4.3.2", "ECDSA-SHA256")]
    [InlineData("1.2.840.10045.4.3.3", "ECDSA-SHA384")]
    [InlineData("1.2.840.10045.4.3.4", "ECDSA-SHA512")]
    [InlineData("1.2.840.113549.1.1.11", "SHA256-RSA")]
    [InlineData("1.2.840.113549.1.1.12", "SHA384-RSA")]
    [InlineData("1.2.840.113549.1.1.13", "SHA512-RSA")]
    [InlineData("1.2.840.113549.1.1.5", "SHA1-RSA")]
    [InlineData("1.2.840.10045.4.1", "ECDSA-SHA1")]
    [InlineData("1.2.840.113549.1.1.10", "RSASSA-PSS")]
    [InlineData("1.3.101.112", "Ed25519")]
    [InlineData("1.3.6.1.5.5.7.3.1", "serverAuth")]
    [InlineData("1.3.6.1.5.5.7.3.2", "clientAuth")]
    [InlineData("2.5.29.37.0", "anyExtendedKeyUsage")]
    [InlineData("1.3.6.1.5.5.7.3.3", "codeSigning")]
    [InlineData("1.3.6.1.5.5.7.3.4", "emailProtection")]
    [InlineData("1.3.6.1.5.5.7.3.8", "timeStamping")]
    [InlineData("1.3.6.1.5.5.7.3.9", "OCSPSigning")]
    [InlineData("1.2.3.4", "1.2.3.4")]
    [InlineData("", "")]
    public void OIDs_have_short_display_names(string oid, string name)
    {
        Assert.Equal(name, Oids.Describe(oid));
    }
}

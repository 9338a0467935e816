using System.Formats.Asn1;
using Trust.Keys;

namespace Trust.Tests.Keys;

public class SigningKeyTests
{
    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256, "300A06082A8648CE3D040302")] // ecdsa-with-SHA256, no parameters
    [InlineData(KeyAlgorithm.EcdsaP384, "300A06082A8648CE3D040303")] // ecdsa-with-SHA384, no parameters
    [InlineData(KeyAlgorithm.Rsa2048, "300D06092A864886F70D01010B0500")] // sha256WithRSAEncryption, NULL (RFC 4055)
    public void The_signature_algorithm_is_written_with_parameters_only_for_rsa(KeyAlgorithm algorithm, string der)
    {
        using var key = SigningKey.Generate(algorithm);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        key.WriteSignatureAlgorithm(writer);
        Assert.Equal(der, Convert.ToHexString(writer.Encode()));
    }

    [Fact]
    public void An_undefined_algorithm_is_a_programmer_mistake()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SigningKey.Generate((KeyAlgorithm)99));
        Assert.Equal("algorithm", e.ParamName);
        Assert.Equal((KeyAlgorithm)99, e.ActualValue);
        Assert.StartsWith("unknown key algorithm", e.Message);
    }

    [Fact]
    public void The_public_half_stays_readable_after_the_private_key_is_disposed()
    {
        var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var spki = key.SubjectPublicKeyInfo.ToArray();
        key.Dispose();
        Assert.Equal(spki, key.SubjectPublicKeyInfo.ToArray());
        Assert.True(key.Matches(spki));
        Assert.Equal("ECDSA P-256 private key", key.ToString());
    }

    [Fact]
    public void Key_bytes_are_cleared_once_written_as_pem()
    {
        byte[] der = [1, 2, 3];
        Assert.Equal("-----BEGIN X-----\nAQID\n-----END X-----\n", SigningKey.SecretPem("X", der));
        Assert.Equal(new byte[3], der);
    }
}

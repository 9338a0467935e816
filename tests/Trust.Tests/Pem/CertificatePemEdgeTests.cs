using System.Text;
using Trust.Certificates;
using Trust.Findings;
using Trust.Pem;
using Trust.Tests.Support;

namespace Trust.Tests.Pem;

/// <summary>Argument checks and the exact message of each way a certificate input is refused, on every read path.</summary>
public class CertificatePemEdgeTests
{
    private static readonly Lazy<CertificateInfo> Anchor = new(() => Pki.Anchor().Certificate);

    /// <summary>The message of one input on the four read paths, which must agree.</summary>
    private static string Error(byte[] input)
    {
        var e = Assert.Throws<TrustInputException>(() => CertificatePem.ReadBytes(input, "f.pem"));
        Assert.Equal(e.Message, Assert.Throws<TrustInputException>(() => CertificatePem.ForEach(input, "f.pem", _ => { })).Message);
        Assert.Equal(e.Message, Assert.Throws<TrustInputException>(() => CertificatePem.ForEach(new MemoryStream(input), "f.pem", _ => { })).Message);
        Assert.Equal(e.Finding, Assert.Single(CertificatePem.TryReadBytes(input, "f.pem").Findings));
        Assert.Equal("f.pem", e.Finding.Source);
        return e.Message;
    }

    [Fact]
    public void Each_refusal_has_its_own_message()
    {
        Assert.Equal("f.pem: is empty: no certificate", Error([]));
        Assert.Equal("f.pem: no CERTIFICATE block found", Error("just words\n"u8.ToArray()));
        Assert.Equal("f.pem: not PEM text or a DER certificate (binary data that is not valid DER)", Error([0x2D, 0xFF, 0xFE]));
        var binary = Error([0x30, 0x03, 0x02, 0x01, 0x00]);
        Assert.StartsWith("f.pem: binary content: not a valid X.509 certificate", binary);
    }

    [Fact]
    public void Other_blocks_are_named_and_only_private_keys_get_the_hint()
    {
        var pem = CertificatePem.Write([Anchor.Value]);
        Assert.Equal("f.pem: block 2 is 'PUBLIC KEY'; only CERTIFICATE blocks are allowed",
            Error(Encoding.UTF8.GetBytes(pem + "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")));
        Assert.Equal("f.pem: block 2 is 'EC PRIVATE KEY'; only CERTIFICATE blocks are allowed (a private key does not belong in a certificate file)",
            Error(Encoding.UTF8.GetBytes(pem + "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n")));
        var e = Assert.Throws<TrustInputException>(() => CertificatePem.Read("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n", "f.pem"));
        Assert.Equal(FindingIds.PemUnexpectedBlock, e.Finding.Id);
        Assert.Equal("block 1 is 'X509 CRL'; only CERTIFICATE blocks are allowed", e.Finding.Message);
    }

    [Fact]
    public void A_der_certificate_reads_on_every_path()
    {
        var der = Anchor.Value.Der.ToArray();
        Assert.Equal(Anchor.Value.Fingerprint, CertificatePem.ReadBytes(der, "c.der").Single().Fingerprint);
        var seen = new List<string>();
        Assert.Equal(1, CertificatePem.ForEach(new MemoryStream(der), "c.der", c => seen.Add(c.Fingerprint)));
        Assert.Equal([Anchor.Value.Fingerprint], seen);
    }

    [Fact]
    public void Null_arguments_are_named()
    {
        var pem = CertificatePem.Write([Anchor.Value]);
        var bytes = Encoding.UTF8.GetBytes(pem);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => CertificatePem.Read(null!, "s")).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => CertificatePem.Read(pem, null!)).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => CertificatePem.ReadBytes(bytes, null!)).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => CertificatePem.ForEach(bytes, null!, _ => { })).ParamName);
        Assert.Equal("visit", Assert.Throws<ArgumentNullException>(() => CertificatePem.ForEach(bytes, "s", null!)).ParamName);
        Assert.Equal("content", Assert.Throws<ArgumentNullException>(() => CertificatePem.ForEach((Stream)null!, "s", _ => { })).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => CertificatePem.ForEach(new MemoryStream(bytes), null!, _ => { })).ParamName);
        Assert.Equal("visit", Assert.Throws<ArgumentNullException>(() => CertificatePem.ForEach(new MemoryStream(bytes), "s", null!)).ParamName);
        Assert.Equal("certificates", Assert.Throws<ArgumentNullException>(() => CertificatePem.Write((IEnumerable<ReadOnlyMemory<byte>>)null!)).ParamName);
        Assert.Equal("certificates", Assert.Throws<ArgumentNullException>(() => CertificatePem.Write((IEnumerable<CertificateInfo>)null!)).ParamName);
    }

    [Fact]
    public void Lists_and_lazy_sequences_are_written_alike()
    {
        var certificates = new[] { Anchor.Value, Pki.Anchor("other").Certificate };
        var expected = CertificatePem.Write(certificates);
        Assert.Equal(expected, CertificatePem.Write(certificates.Select(c => c)));
        Assert.Equal(expected, CertificatePem.Write(certificates.Select(c => c.Der)));
        Assert.Equal(expected, CertificatePem.Write(certificates.Select(c => c.Der).ToList()));
    }
}

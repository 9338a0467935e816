using Trust.Certificates;
using Trust.Findings;
using Trust.Tests.Support;

namespace Trust.Tests.Certificates;

/// <summary>Extensions Go's parser checks are checked here too: a certificate Go cannot load is not one we accept.</summary>
public class ExtensionParsingTests
{
    private const string Aia = "1.3.6.1.5.5.7.1.1";

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // Go handles AIA, so even a critical one is not an unhandled critical extension
    public void A_well_formed_authority_info_access_is_accepted(bool critical)
    {
        // OCSP http://o.example/ and caIssuers http://c.example/ca.crt
        var value = Convert.FromHexString("3044301d06082b060105050730018611687474703a2f2f6f2e6578616d706c652f302306082b060105050730028617687474703a2f2f632e6578616d706c652f63612e637274");
        var info = CertificateInfo.Parse(ExtensionCertificate.WithExtension(Aia, value, critical));
        Assert.Empty(info.UnhandledCriticalExtensions);
    }

    [Theory]
    [InlineData("0403010203")] // not a SEQUENCE
    [InlineData("300c300a8608687474703a2f2f78")] // an access description without its method
    [InlineData("3010300e")] // truncated
    public void A_malformed_authority_info_access_makes_the_certificate_unreadable(string hex)
    {
        Assert.Throws<TrustInputException>(() => CertificateInfo.Parse(ExtensionCertificate.WithExtension(Aia, Convert.FromHexString(hex))));
    }

    [Fact]
    public void An_access_description_with_a_method_and_no_uri_is_accepted_as_go_does()
    {
        CertificateInfo.Parse(ExtensionCertificate.WithExtension(Aia, Convert.FromHexString("3005300306012a")));
    }

    [Theory]
    [InlineData("300787050a00000001", "IP address of length 5")]
    [InlineData("300686043a2f2f78", "cannot parse URI")]
    public void Subject_alt_names_go_cannot_parse_make_the_certificate_unreadable(string hex, string expected)
    {
        var error = Assert.Throws<TrustInputException>(() => CertificateInfo.Parse(ExtensionCertificate.WithExtension("2.5.29.17", Convert.FromHexString(hex))));
        Assert.Contains(expected, error.Message);
    }
}

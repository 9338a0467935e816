using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Findings;
using Trust.Tests.Support;

namespace Trust.Tests.Certificates;

public class DistinguishedNameTests
{
    private static byte[] Name(params (string Oid, UniversalTagNumber Tag, string Value)[][] rdns)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
            foreach (var rdn in rdns)
                using (writer.PushSetOf())
                    foreach (var (oid, tag, value) in rdn)
                        using (writer.PushSequence())
                        {
                            writer.WriteObjectIdentifier(oid);
                            if (tag == UniversalTagNumber.UniversalString) // AsnWriter cannot write it: UCS-4 big-endian by hand
                            {
                                var ucs4 = new System.Text.UTF32Encoding(bigEndian: true, byteOrderMark: false).GetBytes(value);
                                writer.WriteEncodedValue([0x1C, (byte)ucs4.Length, .. ucs4]);
                            }
                            else writer.WriteCharacterString(tag, value);
                        }
        return writer.Encode();
    }

    private static (string, UniversalTagNumber, string) Utf8(string oid, string value) => (oid, UniversalTagNumber.UTF8String, value);

    [Fact]
    public void A_plain_subject_becomes_one_common_name()
    {
        var der = SubjectName.Encode("  root.linkerd.cluster.local ");
        Assert.Equal("CN=root.linkerd.cluster.local", DistinguishedNameText.Format(der));
        Assert.Equal(new X500DistinguishedName("CN=root.linkerd.cluster.local").Name, new X500DistinguishedName(der).Name);
    }

    [Fact]
    public void A_distinguished_name_displays_as_it_was_typed_most_specific_first()
    {
        var der = SubjectName.Encode("CN=root,O=Example");
        Assert.Equal("CN=root, O=Example", DistinguishedNameText.Format(der));
        // The platform reads it the same way: the CN is the last RDN in the DER, as RFC 4514 order means.
        Assert.Equal("CN=root, O=Example", new X500DistinguishedName(der).Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_subject_is_an_input_error(string subject)
    {
        var e = Assert.Throws<TrustInputException>(() => SubjectName.Encode(subject));
        Assert.Equal(FindingIds.SubjectInvalid, e.Finding.Id);
        Assert.Equal("the subject must not be empty", e.Finding.Message);
    }

    [Fact]
    public void Text_with_an_equals_sign_that_is_not_a_name_is_an_input_error()
    {
        var e = Assert.Throws<TrustInputException>(() => SubjectName.Encode("=broken=,,"));
        Assert.Equal(FindingIds.SubjectInvalid, e.Finding.Id);
        Assert.Equal("subject '=broken=,,' is not a distinguished name (example: CN=root.linkerd.cluster.local,O=Example)", e.Finding.Message);
    }

    [Fact]
    public void A_null_subject_is_a_programmer_mistake() =>
        Assert.Throws<ArgumentNullException>(() => SubjectName.Encode(null!));

    [Theory]
    [InlineData("2.5.4.3", "CN")]
    [InlineData("2.5.4.6", "C")]
    [InlineData("2.5.4.7", "L")]
    [InlineData("2.5.4.8", "S")]
    [InlineData("2.5.4.9", "STREET")]
    [InlineData("2.5.4.10", "O")]
    [InlineData("2.5.4.11", "OU")]
    [InlineData("2.5.4.5", "SERIALNUMBER")]
    [InlineData("0.9.2342.19200300.100.1.25", "DC")]
    [InlineData("0.9.2342.19200300.100.1.1", "UID")]
    [InlineData("1.2.840.113549.1.9.1", "E")]
    [InlineData("1.2.3.4", "OID.1.2.3.4")]
    public void Attribute_types_have_their_short_names(string oid, string name) =>
        Assert.Equal($"{name}=x", DistinguishedNameText.Format(Name([(oid, UniversalTagNumber.UTF8String, "x")])));

    [Theory]
    [InlineData(UniversalTagNumber.UTF8String)]
    [InlineData(UniversalTagNumber.PrintableString)]
    [InlineData(UniversalTagNumber.IA5String)]
    [InlineData(UniversalTagNumber.BMPString)]
    [InlineData(UniversalTagNumber.T61String)]
    [InlineData(UniversalTagNumber.UniversalString)]
    [InlineData(UniversalTagNumber.VisibleString)]
    public void Every_string_type_reads_as_text(UniversalTagNumber tag)
    {
        var name = Name([("2.5.4.3", tag, "abc")]);
        Assert.Equal("CN=abc", DistinguishedNameText.Format(name));
        Assert.Equal("abc", new RawCertificate { Subject = "CN=x", SubjectKey = Key }.WithSubjectDer(name).Build().CommonName);
    }

    private static readonly System.Security.Cryptography.ECDsa Key = System.Security.Cryptography.ECDsa.Create();

    [Fact]
    public void A_UniversalString_that_is_not_UCS4_is_unreadable() =>
        Assert.Equal("(unreadable name)", DistinguishedNameText.Format(new byte[] { 0x30, 0x0C, 0x31, 0x0A, 0x30, 0x08, 0x06, 0x03, 0x55, 0x04, 0x03, 0x1C, 0x01, 0x61 }));

    [Fact]
    public void A_value_that_is_not_a_string_shows_as_hex_of_its_encoding()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSetOf())
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("2.5.4.3");
            writer.WriteInteger(10);
        }
        Assert.Equal("CN=\\#02010a", DistinguishedNameText.Format(writer.Encode()));
    }

    [Fact]
    public void Several_RDNs_show_last_first_and_multi_valued_RDNs_join_with_plus_in_DER_set_order()
    {
        var der = Name([Utf8("2.5.4.6", "NL")], [Utf8("2.5.4.10", "Example"), Utf8("2.5.4.11", "Ops")], [Utf8("2.5.4.3", "root")]);
        Assert.Equal("CN=root, OU=Ops + O=Example, C=NL", DistinguishedNameText.Format(der));
    }

    [Theory]
    [InlineData("a,b", "a\\,b")]
    [InlineData("a+b", "a\\+b")]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("a<b>", "a\\<b\\>")]
    [InlineData("a;b", "a\\;b")]
    [InlineData("a=b", "a\\=b")]
    [InlineData(",ab", "\\,ab")] // a special character first
    [InlineData("=", "\\=")]
    [InlineData(" ab", "\\ ab")]
    [InlineData("ab ", "ab\\ ")]
    [InlineData("a b", "a b")]
    [InlineData("#ab", "\\#ab")]
    [InlineData("a#b", "a#b")]
    [InlineData("plain", "plain")]
    public void Special_characters_are_escaped_as_RFC_4514_says(string value, string shown) =>
        Assert.Equal("CN=" + shown, DistinguishedNameText.Format(Name([Utf8("2.5.4.3", value)])));

    [Fact]
    public void An_empty_name_and_an_unreadable_name_say_so()
    {
        Assert.Equal("(empty)", DistinguishedNameText.Format(new byte[] { 0x30, 0x00 }));
        Assert.Equal("(unreadable name)", DistinguishedNameText.Format(new byte[] { 0x30, 0x05, 0x31 }));
        Assert.Equal("(unreadable name)", DistinguishedNameText.Format(new byte[] { 0x04, 0x00 }));
    }
}

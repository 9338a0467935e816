using System.Formats.Asn1;
using System.Text;
using Trust.Certificates;

namespace Trust.Tests.Certificates;

/// <summary>The nameConstraints extension value read as Go's parseNameConstraintsExtension reads it.</summary>
public class NameConstraintsParsingTests
{
    private static readonly Asn1Tag Permitted = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Excluded = new(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary>One GeneralSubtree whose base is the element <paramref name="encodedBase"/>.</summary>
    private static byte[] Subtree(byte[] encodedBase) => Write(w => { using (w.PushSequence()) w.WriteEncodedValue(encodedBase); });

    private static byte[] Primitive(int tag, byte[] content) =>
        Write(w => w.WriteOctetString(content, new Asn1Tag(TagClass.ContextSpecific, tag)));

    private static byte[] Text(int tag, string value) => Primitive(tag, Encoding.Latin1.GetBytes(value));

    private static byte[] Subtrees(Asn1Tag tag, params byte[][] subtrees) => Write(w =>
    {
        using (w.PushSequence(tag))
            foreach (var s in subtrees) w.WriteEncodedValue(s);
    });

    private static byte[] Extension(params byte[][] parts) => Write(w =>
    {
        using (w.PushSequence())
            foreach (var p in parts) w.WriteEncodedValue(p);
    });

    private static byte[] Write(Action<AsnWriter> write)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        write(writer);
        return writer.Encode();
    }

    private static NameConstraints Parse(byte[] value) => NameConstraints.Parse(value);

    private static string Refused(byte[] value) => Assert.Throws<FormatException>(() => Parse(value)).Message;

    [Fact]
    public void Permitted_and_excluded_subtrees_of_each_form_are_read()
    {
        var value = Extension(
            Subtrees(Permitted, Subtree(Text(2, "example.com")), Subtree(Text(1, "a@example.com")), Subtree(Text(6, ".example.com")),
                Subtree(Primitive(7, [10, 0, 0, 0, 255, 0, 0, 0]))),
            Subtrees(Excluded, Subtree(Text(2, "admin.example.com")), Subtree(Text(1, ".example.org"))));
        var constraints = Parse(value);
        Assert.Equal(["example.com"], constraints.Permitted.Dns);
        Assert.Equal(["a@example.com"], constraints.Permitted.Emails);
        Assert.Equal([".example.com"], constraints.Permitted.UriDomains);
        Assert.Equal("10.0.0.0/8", Assert.Single(constraints.Permitted.IpRanges).ToString());
        Assert.Equal(["admin.example.com"], constraints.Excluded.Dns);
        Assert.Equal([".example.org"], constraints.Excluded.Emails);
        Assert.False(constraints.HasUnhandledForms);
    }

    [Fact]
    public void Only_excluded_subtrees_leave_the_permitted_side_empty()
    {
        var constraints = Parse(Extension(Subtrees(Excluded, Subtree(Text(2, "evil.org")))));
        Assert.Empty(constraints.Permitted.Dns);
        Assert.Equal(["evil.org"], constraints.Excluded.Dns);
        var permittedOnly = Parse(Extension(Subtrees(Permitted, Subtree(Text(2, "example.com")))));
        Assert.Empty(permittedOnly.Excluded.Dns);
    }

    [Theory]
    [InlineData("3000")] // neither side
    [InlineData("3002a000")] // permitted present but empty
    [InlineData("3002a100")] // excluded present but empty
    [InlineData("3004a000a100")] // both present, both empty
    public void An_extension_with_no_subtree_is_malformed(string hex)
    {
        Assert.Equal("empty name constraints extension", Refused(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Data_after_the_extension_or_out_of_order_sides_are_malformed()
    {
        var good = Extension(Subtrees(Permitted, Subtree(Text(2, "example.com"))));
        Assert.Equal("unexpected data after the end of a structure", Refused([.. good, 0x05, 0x00]));
        var reversed = Extension(Subtrees(Excluded, Subtree(Text(2, "a.example"))), Subtrees(Permitted, Subtree(Text(2, "b.example"))));
        Assert.Equal("unexpected data after the end of a structure", Refused(reversed));
    }

    [Fact]
    public void Forms_other_than_DNS_IP_email_and_URI_are_unhandled_not_malformed()
    {
        // directoryName [4] (constructed), a constructed [2], and a universal INTEGER whose number happens to be 2.
        var directoryName = Write(w => { using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true))) w.WriteNull(); });
        var constructedDns = Write(w => { using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true))) w.WriteNull(); });
        var universalTwo = Write(w => w.WriteInteger(0x61));
        var registeredId = Write(w => w.WriteObjectIdentifier("1.2.3", new Asn1Tag(TagClass.ContextSpecific, 8)));
        foreach (var odd in new[] { directoryName, constructedDns, universalTwo, registeredId })
        {
            var constraints = Parse(Extension(Subtrees(Permitted, Subtree(odd), Subtree(Text(2, "example.com")))));
            Assert.True(constraints.HasUnhandledForms);
            Assert.Equal(["example.com"], constraints.Permitted.Dns); // the subtree after it is still read
        }
    }

    [Theory]
    [InlineData(2, "DNS name constraint is not IA5String")]
    [InlineData(1, "email name constraint is not IA5String")]
    [InlineData(6, "URI name constraint is not IA5String")]
    public void Text_constraints_must_be_IA5(int tag, string message)
    {
        Assert.Equal(message, Refused(Extension(Subtrees(Permitted, Subtree(Primitive(tag, [0x61, 0x80]))))));
    }

    [Theory]
    [InlineData(2, "a..b", "invalid DNS name constraint 'a..b'")]
    [InlineData(1, "@example.com", "invalid email name constraint '@example.com'")] // with an '@' it must be a mailbox
    [InlineData(1, ".a@example.com", "invalid email name constraint '.a@example.com'")]
    [InlineData(1, "example..com", "invalid email name constraint 'example..com'")]
    [InlineData(6, "a..b", "invalid URI name constraint 'a..b'")]
    [InlineData(6, "10.0.0.1", "URI name constraint '10.0.0.1' is an IP address")]
    public void Malformed_text_constraints_are_refused_with_the_value(int tag, string value, string message)
    {
        Assert.Equal(message, Refused(Extension(Subtrees(Permitted, Subtree(Text(tag, value))))));
    }

    [Theory]
    [InlineData(2, ".example.com")]
    [InlineData(1, "\"a b\"@example.com")]
    [InlineData(1, "example.com")]
    [InlineData(1, ".example.com")]
    [InlineData(6, "example.com")]
    public void Well_formed_text_constraints_are_kept_as_written(int tag, string value)
    {
        var constraints = Parse(Extension(Subtrees(Permitted, Subtree(Text(tag, value)))));
        var side = constraints.Permitted;
        Assert.Equal([value], tag switch { 2 => side.Dns, 1 => side.Emails, _ => side.UriDomains });
    }

    [Theory]
    [InlineData("0a000000ffffff00", "10.0.0.0/24")]
    [InlineData("0a00000000000000", "10.0.0.0/0")]
    [InlineData("0a000000ffffffff", "10.0.0.0/32")]
    [InlineData("0a000000fffffe00", "10.0.0.0/23")]
    [InlineData("20010db8000000000000000000000000ffffffffffffffff0000000000000000", "2001:db8::/64")]
    public void IP_constraints_are_an_address_and_a_contiguous_mask(string hex, string text)
    {
        var constraints = Parse(Extension(Subtrees(Permitted, Subtree(Primitive(7, Convert.FromHexString(hex))))));
        Assert.Equal(text, Assert.Single(constraints.Permitted.IpRanges).ToString());
    }

    [Theory]
    [InlineData("0a000000ff00ff00", "IP name constraint with invalid mask ff00ff00")] // a one after a zero
    [InlineData("0a000000ff7f0000", "IP name constraint with invalid mask ff7f0000")] // a byte that is no prefix
    [InlineData("0a0000007f000000", "IP name constraint with invalid mask 7f000000")]
    [InlineData("0a000000ffffff", "IP name constraint of length 7")]
    [InlineData("0a000000", "IP name constraint of length 4")]
    public void IP_constraints_with_a_bad_length_or_mask_are_refused(string hex, string message)
    {
        Assert.Equal(message, Refused(Extension(Subtrees(Permitted, Subtree(Primitive(7, Convert.FromHexString(hex)))))));
    }
}

using System.Formats.Asn1;
using Trust.Certificates;

namespace Trust.Tests.Certificates;

/// <summary>The forward DER reader under the certificate parser.</summary>
public class DerCursorTests
{
    private static readonly System.Text.UTF32Encoding Ucs4 = new(bigEndian: true, byteOrderMark: false);

    private static byte[] UniversalString(string text, byte tag = 0x1C)
    {
        var content = Ucs4.GetBytes(text);
        return [tag, (byte)content.Length, .. content];
    }

    [Fact]
    public void A_UniversalString_is_read_as_UCS4_and_the_cursor_moves_past_it()
    {
        byte[] der = [.. UniversalString("héllo"), 0x05, 0x00];
        var cursor = new DerCursor(der);
        Assert.Equal("héllo", cursor.ReadCharacterString(UniversalTagNumber.UniversalString));
        Assert.True(cursor.HasData);
        Assert.True(cursor.NextIs(Asn1Tag.Null));
        cursor.ReadEncoded();
        Assert.False(cursor.HasData);
    }

    [Fact]
    public void A_UniversalString_under_an_implicit_tag_is_read_with_that_tag()
    {
        var der = UniversalString("x", tag: 0x80);
        var cursor = new DerCursor(der);
        Assert.Equal("x", cursor.ReadCharacterString(UniversalTagNumber.UniversalString, new Asn1Tag(TagClass.ContextSpecific, 0)));
        Assert.False(cursor.HasData);
    }

    [Fact]
    public void A_UniversalString_with_another_tag_is_refused()
    {
        var utf8 = new byte[] { 0x0C, 0x01, 0x61 };
        var e = Assert.Throws<FormatException>(() => new DerCursor(utf8).ReadCharacterString(UniversalTagNumber.UniversalString));
        Assert.Equal("unexpected tag for a UniversalString", e.Message);
        var universal = UniversalString("x");
        e = Assert.Throws<FormatException>(() =>
            new DerCursor(universal).ReadCharacterString(UniversalTagNumber.UniversalString, new Asn1Tag(TagClass.ContextSpecific, 0)));
        Assert.Equal("unexpected tag for a UniversalString", e.Message);
    }

    [Fact]
    public void Well_known_OIDs_come_back_as_the_shared_constants()
    {
        // The platform decoder shares strings for most of these but not for extendedKeyUsage, which is read per leaf.
        foreach (var oid in new[] { Oids.ExtendedKeyUsage, Oids.EcPublicKey, Oids.CurveP256, Oids.CommonName, Oids.ClientAuth })
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            writer.WriteObjectIdentifier(oid);
            var read = new DerCursor(writer.Encode()).ReadOid();
            Assert.Equal(oid, read);
            Assert.Same(oid, read);
        }
        var other = new AsnWriter(AsnEncodingRules.DER);
        other.WriteObjectIdentifier("1.2.3.4");
        Assert.Equal("1.2.3.4", new DerCursor(other.Encode()).ReadOid());
    }

    [Fact]
    public void An_element_with_an_unexpected_tag_names_the_tag_and_the_offset()
    {
        byte[] der = [0x05, 0x00, 0x04, 0x00];
        var e = Assert.Throws<FormatException>(() =>
        {
            var cursor = new DerCursor(der);
            cursor.ReadEncoded();
            cursor.ReadSequence();
        });
        Assert.Equal($"expected {Asn1Tag.Sequence} at offset 2", e.Message);
    }

    [Fact]
    public void An_integer_beyond_32_bits_is_out_of_range()
    {
        byte[] der = [0x02, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00];
        Assert.Equal("integer out of range", Assert.Throws<FormatException>(() => new DerCursor(der).ReadInt32()).Message);
        var cursor = new DerCursor(new byte[] { 0x02, 0x04, 0x7f, 0xff, 0xff, 0xff });
        Assert.Equal(int.MaxValue, cursor.ReadInt32());
        Assert.False(cursor.HasData);
    }

    [Fact]
    public void Data_left_at_the_end_is_refused()
    {
        byte[] der = [0x05, 0x00];
        var e = Assert.Throws<FormatException>(() => new DerCursor(der).EnsureEnd());
        Assert.Equal("unexpected data after the end of a structure", e.Message);
        new DerCursor(Array.Empty<byte>()).EnsureEnd();
    }

    [Theory]
    [InlineData("2304030200ff")] // constructed BIT STRING
    [InlineData("030201ff")] // a padding bit that is set
    public void Bit_strings_DER_forbids_are_malformed(string hex)
    {
        Assert.Throws<AsnContentException>(() => new DerCursor(Convert.FromHexString(hex)).ReadBitString(out _));
    }

    [Fact]
    public void A_constructed_octet_string_is_malformed()
    {
        Assert.Throws<AsnContentException>(() => new DerCursor(Convert.FromHexString("24030401ff")).ReadOctetString());
        Assert.Throws<AsnContentException>(() => new DerCursor(Convert.FromHexString("a4030401ff")).ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 4)));
    }
}

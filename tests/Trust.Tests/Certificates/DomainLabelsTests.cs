using Trust.Certificates;

namespace Trust.Tests.Certificates;

/// <summary>Domain names, IP addresses and IA5 text as Go's crypto/x509 reads them for name constraints.</summary>
public class DomainLabelsTests
{
    [Theory]
    [InlineData("foo.example.com", new[] { "com", "example", "foo" })]
    [InlineData("*.example.com", new[] { "com", "example", "*" })]
    [InlineData("!.~", new[] { "~", "!" })] // '!' (33) and '~' (126) are the ends of printable ASCII
    [InlineData("a@b", new[] { "a@b" })]
    [InlineData("", new string[0])]
    public void Labels_come_back_right_to_left(string domain, string[] labels)
    {
        Assert.Equal(labels, DomainLabels.Reverse(domain));
    }

    [Theory]
    [InlineData("example.com.")]
    [InlineData(".example.com")]
    [InlineData("a..b")]
    [InlineData("a b")] // 32, below '!'
    [InlineData("a\u007fb")] // 127, above '~'
    [InlineData("é.example")]
    public void Empty_labels_and_characters_outside_printable_ASCII_are_malformed(string domain)
    {
        Assert.Null(DomainLabels.Reverse(domain));
    }

    [Theory]
    [InlineData("0.0.0.0", true)]
    [InlineData("9.9.9.9", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("256.0.0.1", false)]
    [InlineData("01.2.3.4", false)] // no leading zeros, as Go's net.ParseIP
    [InlineData("1.2.3.00", false)]
    [InlineData("1..2.3", false)]
    [InlineData("1.2.3", false)]
    [InlineData("1.2.3.4.5", false)]
    [InlineData("1234.1.1.1", false)]
    [InlineData("1.2.3.a", false)]
    [InlineData("1.2.3./", false)] // '/' is just below '0'
    [InlineData("1.2.3.:", false)] // ':' is just above '9' (and makes it IPv6 text)
    [InlineData("example.com", false)]
    [InlineData("::1", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("fe80::1%eth0", false)] // no zone
    [InlineData("1.2.3.4:80", false)]
    [InlineData("a:b", false)]
    public void IP_addresses_are_read_as_go_reads_them(string text, bool isIp)
    {
        Assert.Equal(isIp, DomainLabels.IsIpAddress(text));
    }

    [Theory]
    [InlineData(new byte[0], true)]
    [InlineData(new byte[] { 0x00, 0x41 }, true)]
    [InlineData(new byte[] { 0x7f }, true)]
    [InlineData(new byte[] { 0x41, 0x80 }, false)]
    [InlineData(new byte[] { 0xff }, false)]
    public void IA5_text_is_seven_bit(byte[] value, bool ia5)
    {
        Assert.Equal(ia5, DomainLabels.IsIa5(value));
    }
}

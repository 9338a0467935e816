using Trust.Certificates;

namespace Trust.Tests.Certificates;

/// <summary>rfc822Names split as Go's parseRFC2821Mailbox splits them (RFC 5321 quoted strings and dot-atoms).</summary>
public class MailboxTests
{
    private static Mailbox? Parse(string text) => Mailbox.TryParse(text, out var mailbox) ? mailbox : null;

    [Theory]
    [InlineData("user@example.com", "user", "example.com")]
    [InlineData("09azAZ@example.com", "09azAZ", "example.com")]
    [InlineData("a.b@example.com", "a.b", "example.com")]
    [InlineData("!#$%&'*+-/=?^_`{|}~@example.com", "!#$%&'*+-/=?^_`{|}~", "example.com")]
    [InlineData("a@", "a", "")] // Go takes anything after the '@' as the domain, the empty one too
    public void A_dot_atom_local_part_is_split_from_its_domain(string text, string local, string domain)
    {
        Assert.Equal(new Mailbox(local, domain), Parse(text));
    }

    [Theory]
    [InlineData("0@x")]
    [InlineData("9@x")]
    [InlineData("a@x")]
    [InlineData("z@x")]
    [InlineData("A@x")]
    [InlineData("Z@x")]
    public void Each_end_of_the_letter_and_digit_ranges_is_atom_text(string text)
    {
        Assert.Equal(new Mailbox(text[..1], "x"), Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("@example.com")] // no local part
    [InlineData(".a@example.com")]
    [InlineData("a.@example.com")]
    [InlineData("a..b@example.com")]
    [InlineData("a b@example.com")] // a space ends the atoms, and then no '@' follows
    [InlineData("a:b@example.com")]
    [InlineData("user")]
    [InlineData("user@example..com")] // domain labels must not be empty
    [InlineData("user@example.com.")]
    [InlineData("a\\")] // an escape with nothing after it
    public void Malformed_mailboxes_are_refused(string text)
    {
        Assert.Null(Parse(text));
    }

    [Fact]
    public void An_escape_outside_quotes_keeps_the_escaped_character_whatever_it_is()
    {
        Assert.Equal(new Mailbox("a@b", "example.com"), Parse("a\\@b@example.com"));
        Assert.Equal(new Mailbox("a b", "example.com"), Parse("a\\ b@example.com"));
    }

    [Theory]
    [InlineData("\"a b\"@example.com", "a b")]
    [InlineData("\"\"@example.com", "")]
    [InlineData("\"a\\\"b\"@example.com", "a\"b")] // a quoted pair keeps the character, not the backslash
    [InlineData("\"a\\bc\"@example.com", "abc")]
    [InlineData("\"a@b\"@example.com", "a@b")]
    public void A_quoted_local_part_is_unquoted(string text, string local)
    {
        Assert.Equal(new Mailbox(local, "example.com"), Parse(text));
    }

    [Theory]
    [InlineData("\"abc")] // never closed
    [InlineData("\"abc\\")] // a quoted pair cut short
    [InlineData("\"a\"example.com")] // no '@' after the quotes
    [InlineData("\"a\"")]
    [InlineData("\"a\"@a..b")]
    public void Malformed_quoted_local_parts_are_refused(string text)
    {
        Assert.Null(Parse(text));
    }

    // qtext (RFC 5321 with Go's extras): 1-8, 11, 12, 14-31, 32, 33, 35-91, 93-126, 127; not 0, 9, 10, 13 or above 127.
    [Theory]
    [InlineData(1, true)]
    [InlineData(8, true)]
    [InlineData(9, false)]
    [InlineData(10, false)]
    [InlineData(11, true)]
    [InlineData(12, true)]
    [InlineData(13, false)]
    [InlineData(14, true)]
    [InlineData(31, true)]
    [InlineData(32, true)]
    [InlineData(33, true)]
    [InlineData(35, true)]
    [InlineData(91, true)]
    [InlineData(93, true)]
    [InlineData(126, true)]
    [InlineData(127, true)]
    [InlineData(128, false)]
    [InlineData(0, false)]
    public void Each_boundary_of_quoted_text(int code, bool accepted)
    {
        var c = (char)code;
        var parsed = Parse($"\"x{c}y\"@example.com");
        Assert.Equal(accepted ? new Mailbox($"x{c}y", "example.com") : null, parsed);
    }

    // A quoted pair escapes 1-9, 11, 12 and 14-127; not 0, 10, 13 or above 127.
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(9, true)]
    [InlineData(10, false)]
    [InlineData(11, true)]
    [InlineData(12, true)]
    [InlineData(13, false)]
    [InlineData(14, true)]
    [InlineData(34, true)]
    [InlineData(92, true)]
    [InlineData(127, true)]
    [InlineData(128, false)]
    public void Each_boundary_of_a_quoted_pair(int code, bool accepted)
    {
        var c = (char)code;
        var parsed = Parse($"\"x\\{c}y\"@example.com");
        Assert.Equal(accepted ? new Mailbox($"x{c}y", "example.com") : null, parsed);
    }
}

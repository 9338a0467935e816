using Trust.Certificates;

namespace Trust.Tests.Certificates;

/// <summary>The host of a URI as Go's net/url.Parse finds it (what Go's URI name constraints compare).</summary>
public class UriHostTests
{
    /// <summary>The host, or null when Go's parser refuses the URI.</summary>
    private static string? Host(string uri) => UriHost.TryParse(uri, out var host) ? host : null;

    [Theory]
    [InlineData("spiffe://cluster.local/ns/default/sa/web", "cluster.local")]
    [InlineData("https://example.com:8443/path", "example.com:8443")]
    [InlineData("https://user@example.com/", "example.com")]
    [InlineData("https://user:secret@example.com/", "example.com")]
    [InlineData("https://a@b@example.com/", "example.com")] // the last '@' ends the user information
    [InlineData("https://@example.com/", "example.com")]
    [InlineData("https://example.com?q=1", "example.com")]
    [InlineData("https://example.com#frag", "example.com")]
    [InlineData("https://example.com/a b", "example.com")] // Go lets a space through in the path
    [InlineData("https://[::1]:8443/", "[::1]:8443")]
    [InlineData("https://[::1]/", "[::1]")]
    [InlineData("https://:8443/", ":8443")]
    [InlineData("http:///path", "")]
    [InlineData("https://", "")]
    public void The_host_is_the_authority_without_user_information(string uri, string host)
    {
        Assert.Equal(host, Host(uri));
    }

    [Theory]
    [InlineData("a+b://h/", "h")]
    [InlineData("a-b://h/", "h")]
    [InlineData("a.b://h/", "h")]
    [InlineData("a1://h/", "h")]
    [InlineData("Z9://h/", "h")]
    public void A_scheme_may_go_on_with_digits_plus_minus_and_dots(string uri, string host)
    {
        Assert.Equal(host, Host(uri));
    }

    [Theory]
    [InlineData("")]
    [InlineData("#frag")]
    [InlineData("#a:b")] // the fragment is cut before the colon rule applies
    [InlineData("?a:b")] // and so is the query
    [InlineData("abc")] // a relative path of letters only
    [InlineData("urn:example:thing")] // opaque: no authority
    [InlineData("spiffe:x")]
    [InlineData("mailto:a@b")]
    [InlineData("file:/etc/hosts")] // a path with one slash has no authority
    [InlineData("//example.com/path")] // without a scheme, Go reads no host here
    [InlineData("/a:b")] // the first path segment is empty
    [InlineData("a/b:c")] // the colon is after the first segment
    [InlineData("1a/b:c")]
    public void Uris_without_an_authority_have_an_empty_host(string uri)
    {
        Assert.Equal("", Host(uri));
    }

    [Theory]
    [InlineData(":x")] // "missing protocol scheme"
    [InlineData("1a:b")] // a scheme must start with a letter, so the first segment holds a colon
    [InlineData("+a:b")]
    [InlineData("a b:c")]
    [InlineData("1a:b/c")]
    [InlineData("https://exa\u0001mple.com/")] // control characters anywhere
    [InlineData("https://example.com/\u001f")]
    [InlineData("https://example.com/\u007f")]
    [InlineData("https://ex%41mple.com/")] // percent-encoded hosts are refused rather than decoded
    [InlineData("https://[::1/")] // no closing bracket
    [InlineData("https://[::1]x/")] // something other than a port after the bracket
    [InlineData("https://[::1]:8a/")]
    [InlineData("https://example.com:8a/")]
    [InlineData("https://:x/")]
    public void Uris_Go_refuses_are_refused(string uri)
    {
        Assert.Null(Host(uri));
    }

    [Fact]
    public void An_empty_port_after_a_colon_is_valid_as_in_go()
    {
        Assert.Equal("example.com:", Host("https://example.com:/"));
        Assert.Equal("[::1]:", Host("https://[::1]:/"));
    }
}

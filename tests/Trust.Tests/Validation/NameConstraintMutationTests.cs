using System.Net;
using System.Security.Cryptography.X509Certificates;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

/// <summary>The exact refusal for each name form, wildcards against permitted and excluded subtrees, and the comparison budget at its bound.</summary>
public class NameConstraintMutationTests
{
    private const string Refused = "'CN=root' is not authorized to sign for this name: ";

    private static (Issued Anchor, Issued Issuer) ConstrainedRoot(X509Extension constraints)
    {
        var anchor = Pki.Odd(null, "root", r => r.CertificateExtensions.Add(constraints), pathLength: 1);
        return (anchor, Pki.Odd(anchor, "issuer"));
    }

    private static ChainResult Verify(Issued anchor, Issued issuer, X509Extension names)
    {
        var leaf = Pki.Odd(issuer, "leaf", r => r.CertificateExtensions.Add(names), ca: false);
        return ChainVerifier.Verify(leaf.Certificate, [issuer.Certificate], new CertificatePool([anchor.Certificate]), Pki.Now, KeyPurpose.Any);
    }

    private static ChainResult VerifyNames(X509Extension constraints, params (int Tag, string Text)[] names)
    {
        var (anchor, issuer) = ConstrainedRoot(constraints);
        return Verify(anchor, issuer, HandMadeCertificate.SubjectAltName(names));
    }

    [Theory]
    [InlineData("email", "example.com", 1, "user@evil.org", "email address 'user@evil.org' is not permitted by any constraint (permitted: 'example.com')")]
    [InlineData("email", "example.com", 1, "not-an-address", "cannot parse the email address 'not-an-address'")]
    [InlineData("dns", "example.com", 2, "a..example.com", "cannot parse the DNS name 'a..example.com'")]
    [InlineData("uri", "example.com", 6, "https://evil.org/", "URI 'https://evil.org/' is not permitted by any constraint (permitted: 'example.com')")]
    [InlineData("uri", "example.com", 6, "urn:example:thing", "URI with empty host ('urn:example:thing') cannot be matched against constraints")]
    [InlineData("uri", "example.com", 6, "https://10.0.0.1/", "URI with IP ('https://10.0.0.1/') cannot be matched against constraints")]
    [InlineData("uri", "example.com", 6, "https://[2001:db8::1]:443/", "URI with IP ('https://[2001:db8::1]:443/') cannot be matched against constraints")]
    [InlineData("uri", "example.com", 6, "https://[example.com]/", "URI with IP ('https://[example.com]/') cannot be matched against constraints")]
    [InlineData("uri", "example.com", 6, "https://[evil.org]:443/", "URI 'https://[evil.org]:443/' is not permitted by any constraint (permitted: 'example.com')")]
    [InlineData("uri", "example.com", 6, "https://[a]b]:1/", "cannot split the host and port of 'https://[a]b]:1/'")]
    [InlineData("uri", "example.com", 6, "https://[a[b]:1/", "cannot split the host and port of 'https://[a[b]:1/'")]
    [InlineData("uri", "example.com", 6, "https://evil]/", "URI 'https://evil]/' is not permitted by any constraint (permitted: 'example.com')")]
    [InlineData("uri", "example.com", 6, "https://example.com:1:2/", "too many colons in the host of 'https://example.com:1:2/'")]
    public void Each_name_form_is_refused_in_its_own_words(string form, string constraint, int tag, string name, string why)
    {
        var result = VerifyNames(NameConstraintsExtension.Create(false, permitted: [(form, constraint)]), (tag, name));
        Assert.False(result.IsValid);
        Assert.Equal(Refused + why, result.Failure);
    }

    [Fact]
    public void A_bracketed_host_with_a_port_is_matched_without_its_brackets_as_go_does()
    {
        // Go's net.SplitHostPort("[example.com]:443") gives example.com, which the constraint permits (checked with Go 1.19).
        var result = VerifyNames(NameConstraintsExtension.Create(false, permitted: [("uri", "example.com")]), (6, "https://[example.com]:443/"));
        Assert.True(result.IsValid, result.Failure);
    }

    [Fact]
    public void An_IP_address_outside_the_permitted_ranges_is_refused_naming_the_ranges()
    {
        var (anchor, issuer) = ConstrainedRoot(NameConstraintsExtension.Create(false, permitted: [("ip", "10.0.0.0/8"), ("ip", "192.168.0.0/16")]));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Parse("11.0.0.1"));
        Assert.Equal(Refused + "IP address '11.0.0.1' is not permitted by any constraint (permitted: '10.0.0.0/8', '192.168.0.0/16')",
            Verify(anchor, issuer, names.Build()).Failure);
    }

    [Fact]
    public void A_wildcard_is_not_permitted_by_a_constraint_for_one_name_it_could_stand_for()
    {
        var result = VerifyNames(NameConstraintsExtension.PermitDns(false, "web.example.com"), (2, "*.example.com"));
        Assert.Equal(Refused + "DNS name '*.example.com' is not permitted by any constraint (permitted: 'web.example.com')", result.Failure);
    }

    [Fact]
    public void An_excluded_name_does_not_exclude_its_siblings()
    {
        var constraints = NameConstraintsExtension.Create(false, excluded: [("dns", "bad.example.com")]);
        var sibling = VerifyNames(constraints, (2, "good.example.com"));
        Assert.True(sibling.IsValid, sibling.Failure);
        Assert.Equal(Refused + "DNS name '*.example.com' is excluded by constraint 'bad.example.com'", VerifyNames(constraints, (2, "*.example.com")).Failure);
    }

    [Fact]
    public void A_lone_wildcard_label_is_compared_as_it_is_under_an_excluded_top_level_domain()
    {
        var result = VerifyNames(NameConstraintsExtension.Create(false, excluded: [("dns", "com")]), (2, "*"));
        Assert.True(result.IsValid, result.Failure);
    }

    private static X509Extension IpRanges(int count, string first)
    {
        var ranges = new List<(string, string)> { ("ip", first) };
        for (var i = 1; i < count; i++) ranges.Add(("ip", $"172.16.{i / 256}.{i % 256}/32"));
        return NameConstraintsExtension.Create(false, permitted: first.StartsWith("192.", StringComparison.Ordinal) ? [.. ranges] : null,
            excluded: first.StartsWith("192.", StringComparison.Ordinal) ? null : [.. ranges]);
    }

    private static X509Extension Addresses(int count)
    {
        var names = new SubjectAlternativeNameBuilder();
        for (var i = 0; i < count; i++) names.AddIpAddress(new IPAddress([192, 168, (byte)(i / 256), (byte)(i % 256)]));
        return names.Build();
    }

    [Theory]
    [InlineData("10.0.0.0/8")] // excluded ranges that match no name
    [InlineData("192.168.0.0/16")] // permitted ranges, the first matching every name
    public void The_comparison_budget_allows_exactly_250000_comparisons_per_CA(string first)
    {
        // 500 constraints against 500 names is 250,000 comparisons: allowed; one name more is refused.
        var (anchor, issuer) = ConstrainedRoot(IpRanges(500, first));
        var within = Verify(anchor, issuer, Addresses(500));
        Assert.True(within.IsValid, within.Failure);
        Assert.Equal(Refused + "too many name constraint comparisons", Verify(anchor, issuer, Addresses(501)).Failure);
    }
}

using Trust.Findings;
using Trust.Identity;

namespace Trust.Tests.Identity;

public class TrustDomainTests
{
    [Theory]
    [InlineData("cluster.local")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("a-b.c-d")]
    [InlineData("x1.y2.z3")]
    public void DNS_1123_subdomains_are_accepted(string domain) => Assert.Null(TrustDomain.Check(domain));

    [Fact]
    public void The_length_limits_are_inclusive()
    {
        var label63 = new string('a', 63);
        Assert.Null(TrustDomain.Check(label63));
        Assert.Equal("trust domain '" + new string('a', 64) + "' has a label of 64 characters; the limit is 63; it must be a DNS-1123 subdomain such as cluster.local",
            TrustDomain.Check(new string('a', 64))!.Message);
        var domain253 = string.Join(".", label63, label63, label63, new string('a', 61));
        Assert.Equal(253, domain253.Length);
        Assert.Null(TrustDomain.Check(domain253));
        var finding = TrustDomain.Check(domain253 + "a");
        Assert.Contains("is 254 characters long; the limit is 253", finding!.Message);
        Assert.Contains("…", finding.Message);
        Assert.Contains("'" + domain253[..80] + "…'", finding.Message);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("a..b", "has an empty label")]
    [InlineData(".a", "has an empty label")]
    [InlineData("a.", "has an empty label")]
    [InlineData("Cluster.local", "has uppercase letters")]
    [InlineData("cluster.locaL", "has uppercase letters")]
    [InlineData("cluster_local", "has the character '_'")]
    [InlineData("cluster local", "has the character ' '")]
    [InlineData("a\nb", "has the character '?'")]
    [InlineData("a{", "has the character '{'")]
    [InlineData("a/", "has the character '/'")]
    [InlineData("a:", "has the character ':'")]
    [InlineData("a`", "has the character '`'")]
    [InlineData("a@", "has the character '@'")]
    [InlineData("a[", "has the character '['")]
    [InlineData("-a", "has a label '-a' that starts or ends with '-'")]
    [InlineData("a.b-", "has a label 'b-' that starts or ends with '-'")]
    public void Other_domains_are_refused_saying_why(string domain, string problem)
    {
        var finding = TrustDomain.Check(domain);
        Assert.NotNull(finding);
        Assert.Equal(FindingIds.TrustDomainInvalid, finding.Id);
        Assert.EndsWith($"{problem}; it must be a DNS-1123 subdomain such as cluster.local", finding.Message);
        Assert.StartsWith("trust domain '", finding.Message);
        Assert.DoesNotContain("\n", finding.Message);
        Assert.Equal(RemedyAction.FixInput, finding.Remedy!.Action);
        Assert.Equal("use lowercase letters, digits, '-' and '.', as in cluster.local", finding.Remedy.Advice);
    }

    [Fact]
    public void Null_is_a_programmer_mistake() => Assert.Throws<ArgumentNullException>(() => TrustDomain.Check(null!));

    [Fact]
    public void The_default_is_cluster_local() => Assert.Equal("cluster.local", TrustDomain.Default);
}

public class TrustDomainCharacterTests
{
    [Theory]
    [InlineData("a0z9")]
    [InlineData("9")]
    [InlineData("z")]
    public void The_ends_of_each_character_range_are_accepted(string domain) => Assert.Null(TrustDomain.Check(domain));

    [Theory]
    [InlineData("aA", "has uppercase letters")]
    [InlineData("aZ", "has uppercase letters")]
    [InlineData("a@", "has the character '@'")]
    [InlineData("a[", "has the character '['")]
    public void The_ends_of_the_uppercase_range_are_called_uppercase(string domain, string problem) =>
        Assert.Contains(problem, TrustDomain.Check(domain)!.Message);

    [Fact]
    public void A_printed_domain_is_cut_only_beyond_80_characters()
    {
        var eighty = new string('_', 80);
        Assert.Contains($"'{eighty}'", TrustDomain.Check(eighty)!.Message);
        Assert.Contains($"'{eighty}…'", TrustDomain.Check(eighty + "_")!.Message);
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Trust.Cli.Tests;

/// <summary>
/// Every value a user can type into a time, duration or percentage option ends as success (0), a failed check (1) or
/// bad input (2) with one line, never as an internal error (70).
/// </summary>
public class EdgeValueTests
{
    private static readonly string[] Units = ["ns", "us", "ms", "s", "m", "h", "d", ""];

    /// <summary>Durations and times near and past DateTimeOffset's limits, plus arbitrary text.</summary>
    private static Arbitrary<string> Values() => Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
        from sign in Gen.Elements("", "-", "+")
        from digits in Gen.Elements("0", "1", "99999999", "9999999999999", "87600", "3155378975999", "922337203685477580799999", "0.5", ".5", "1.")
        from unit in Gen.Elements(Units)
        select sign + digits + unit,
        Gen.Elements("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-14:00",
            "2026-13-01T00:00:00Z", "", " ", "%", "100%", "-1%", "1e400h", "NaN", "∞h", "2h45m30s", "-0s")).ToArbitrary();

    private static int Exit(params string[] args)
    {
        var result = CliRun.Run(args);
        Assert.True(result.Exit is 0 or 1 or 2, $"exit {result.Exit} for [{string.Join(' ', args)}]: {result.Err}");
        if (result.Exit == 2) Assert.Single(result.ErrLines, l => l.StartsWith("trust:", StringComparison.Ordinal));
        Assert.DoesNotContain("internal error", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
        return result.Exit;
    }

    [Property(MaxTest = 60)]
    public Property Anchor_validity_options_never_escape_as_internal_errors() => Prop.ForAll(Values(), Values(), (notAfter, notBefore) =>
    {
        using var dir = new TempDir();
        Exit("anchor", "create", dir["a.crt"], dir["a.key"], "--no-password", "--not-after", notAfter);
        Exit("anchor", "create", dir["b.crt"], dir["b.key"], "--no-password", "--not-before", notBefore, "--not-after", notAfter);
    });

    [Property(MaxTest = 40)]
    public Property Issuer_and_leaf_validity_options_never_escape_as_internal_errors() => Prop.ForAll(Values(), notAfter =>
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run("init", "--dir", dir.Path).Exit);
        Exit("issuer", "create", dir["i.crt"], dir["i.key"], "--ca", dir["ca.crt"], "--ca-key", dir["ca.key"], "--not-after", notAfter);
        Exit("issuer", "create", dir["j.crt"], dir["j.key"], "--ca", dir["ca.crt"], "--ca-key", dir["ca.key"], "--not-before", notAfter);
        Exit("leaf", "create", dir["l.crt"], dir["l.key"], "--ca", dir["issuer.crt"], "--ca-key", dir["issuer.key"], "--san", "a.b", "--not-after", notAfter);
    });

    [Property(MaxTest = 40)]
    public Property Init_lifetimes_never_escape_as_internal_errors() => Prop.ForAll(Values(), Values(), (anchor, issuer) =>
    {
        using var dir = new TempDir();
        Exit("init", "--dir", dir.Path, "--anchor-lifetime", anchor, "--issuer-lifetime", issuer);
    });

    [Property(MaxTest = 80)]
    public Property Renewal_and_time_options_never_escape_as_internal_errors() => Prop.ForAll(Values(), value =>
    {
        using var dir = new TempDir();
        var cert = dir.Write("c.crt", Pki.Anchor().Pem);
        Exit("needs-renewal", cert, "--expires-in", value);
        Exit("needs-renewal", cert, "--renew-before", value);
        Exit("needs-renewal", cert, "--renew-before-percentage", value);
        Exit("needs-renewal", cert, "--at", value);
        Exit("verify", cert, "--anchors", cert, "--at", value);
        Exit("check", "--anchors", cert, "--issuer", cert, "--at", value);
        Exit("bundle", dir["b.pem"], cert, "--drop-expired", "--at", value, "--force");
    });

    [Theory]
    [InlineData("--not-after", "99999999h")]
    [InlineData("--not-after", "-99999999h")]
    [InlineData("--not-before", "99999999h")]
    [InlineData("--not-before", "-99999999h")]
    [InlineData("--not-after", "9999-12-31T23:59:59Z")]
    public void Anchor_create_with_a_bound_past_the_calendar_is_bad_input(string option, string value)
    {
        using var dir = new TempDir();
        var result = CliRun.Run("anchor", "create", dir["a.crt"], dir["a.key"], "--no-password", option, value);
        Assert.True(result.Exit is 0 or 2, result.Err);
        if (result.Exit == 2) Assert.Single(result.ErrLines);
        Assert.Equal(result.Exit == 0, File.Exists(dir["a.crt"]));
    }

    // Every duration option that must be positive, as each command takes it; {0} is the value. Rotate's runs name a
    // kubeconfig that parses (its server is never contacted: a bad value stops the run before any connection).
    private static IEnumerable<(string Option, string[] Args)> PositiveDurationOptions(TempDir dir)
    {
        var kubeconfig = dir.Write("kubeconfig", "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1'}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n");
        string[] rotate = ["rotate", "--kubeconfig", kubeconfig, "--anchor-namespace", "trust-system"];
        yield return ("--not-after", ["anchor", "create", dir["a.crt"], dir["a.key"], "--no-password", "--not-after", "{0}"]);
        yield return ("--not-after", ["issuer", "create", dir["i.crt"], dir["i.key"], "--ca", dir["pki/ca.crt"], "--ca-key", dir["pki/ca.key"], "--not-after", "{0}"]);
        yield return ("--not-after", ["leaf", "create", dir["l.crt"], dir["l.key"], "--ca", dir["pki/issuer.crt"], "--ca-key", dir["pki/issuer.key"], "--san", "a.b", "--not-after", "{0}"]);
        yield return ("--anchor-lifetime", ["init", "--dir", dir["x"], "--anchor-lifetime", "{0}"]);
        yield return ("--issuer-lifetime", ["init", "--dir", dir["y"], "--issuer-lifetime", "{0}"]);
        yield return ("--renew-before", ["needs-renewal", dir["pki/ca.crt"], "--renew-before", "{0}"]);
        yield return ("--expires-in", ["needs-renewal", dir["pki/ca.crt"], "--expires-in", "{0}"]);
        yield return ("--issuer-lifetime", [.. rotate, "--issuer-lifetime", "{0}"]);
        yield return ("--anchor-lifetime", [.. rotate, "--anchor-lifetime", "{0}"]);
        yield return ("--issuer-renew-before", [.. rotate, "--issuer-renew-before", "{0}"]);
        yield return ("--anchor-renew-before", [.. rotate, "--anchor-renew-before", "{0}"]);
    }

    [Theory]
    [InlineData("0h")]
    [InlineData("0s")]
    [InlineData("0")]
    [InlineData("-1m")]
    [InlineData("-5h")]
    public void A_duration_that_is_not_positive_is_refused_by_every_command_alike_naming_option_and_value(string value)
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run("init", "--dir", dir["pki"]).Exit);
        foreach (var (option, args) in PositiveDurationOptions(dir))
        {
            var run = CliRun.Run([.. args.Select(a => a == "{0}" ? value : a)]);
            Assert.True(run.Exit == 2, $"{args[0]} {option} {value}: exit {run.Exit}: {run.Out}{run.Err}");
            Assert.Equal([$"trust: {option}: {value} is not a positive duration"], run.ErrLines);
        }
        Assert.False(Directory.Exists(dir["x"]) && Directory.EnumerateFileSystemEntries(dir["x"]).Any());
        Assert.False(File.Exists(dir["a.crt"]) || File.Exists(dir["i.crt"]) || File.Exists(dir["l.crt"]));
    }

    [Fact]
    public void A_value_that_is_not_a_duration_reads_the_same_for_every_duration_option()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run("init", "--dir", dir["pki"]).Exit);
        foreach (var (option, args) in PositiveDurationOptions(dir).Where(o => o.Option is not ("--not-after" or "--expires-in" or "--issuer-renew-before" or "--anchor-renew-before")))
        {
            var run = CliRun.Run([.. args.Select(a => a == "{0}" ? "a year" : a)]);
            Assert.Equal(2, run.Exit);
            Assert.Equal([$"trust: {option}: 'a year' is not a duration (examples: 8760h, 90d, 2h45m)"], run.ErrLines);
        }
    }

    [Theory]
    [InlineData("--not-before")]
    [InlineData("--not-after")]
    public void A_validity_bound_that_is_neither_a_time_nor_a_duration_names_the_option(string option)
    {
        using var dir = new TempDir();
        var run = CliRun.Run("anchor", "create", dir["a.crt"], dir["a.key"], "--no-password", option, "tomorrow");
        Assert.Equal(2, run.Exit);
        Assert.Equal([$"trust: {option}: 'tomorrow' is neither an RFC 3339 time (2027-01-02T03:04:05Z) nor a duration (8760h, 90d, 2h45m)"], run.ErrLines);
    }

    [Fact]
    public void A_time_to_evaluate_at_names_the_option()
    {
        using var dir = new TempDir();
        var cert = dir.Write("c.crt", Pki.Anchor().Pem);
        foreach (var args in new[] { new[] { "needs-renewal", cert }, ["verify", cert, "--anchors", cert], ["check", "--anchors", cert, "--issuer", cert] })
        {
            var run = CliRun.Run([.. args, "--at", "noon"]);
            Assert.Equal(2, run.Exit);
            Assert.Equal(["trust: --at: 'noon' is not an RFC 3339 time (example: 2027-01-02T03:04:05Z)"], run.ErrLines);
        }
    }

    [Fact]
    public void A_bound_past_the_calendar_names_the_option()
    {
        using var dir = new TempDir();
        var late = CliRun.Run("anchor", "create", dir["a.crt"], dir["a.key"], "--no-password", "--not-after", "99999999h");
        Assert.Equal(["trust: --not-after: 99999999h lands past the year 9999"], late.ErrLines);
        var early = CliRun.Run("anchor", "create", dir["a.crt"], dir["a.key"], "--no-password", "--not-before", "-99999999h");
        Assert.Equal(["trust: --not-before: -99999999h lands before the year 1"], early.ErrLines);
        var init = CliRun.Run("init", "--dir", dir["p"], "--anchor-lifetime", "99999999h");
        Assert.Equal(["trust: --anchor-lifetime: 99999999h lands past the year 9999"], init.ErrLines);
    }
}

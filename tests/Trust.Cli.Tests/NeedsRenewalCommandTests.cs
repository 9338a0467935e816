using System.Text.Json;
using Trust.Tests.Support;
using Trust.Time;

namespace Trust.Cli.Tests;

/// <summary><c>trust needs-renewal</c> on a certificate valid for exactly 24 hours from <see cref="TestClock.Epoch"/>.</summary>
public sealed class NeedsRenewalCommandTests : IDisposable
{
    private static readonly DateTimeOffset Issued = TestClock.Epoch;
    private static readonly Lazy<string> CertificatePem = new(() =>
        Pki.Odd(null, "day.test", notBefore: Issued, notAfter: Issued.AddHours(24)).Pem);

    private readonly TempDir _dir = new();
    private readonly string _file;

    public NeedsRenewalCommandTests() => _file = _dir.Write("day.crt", CertificatePem.Value);

    public void Dispose() => _dir.Dispose();

    private CliResult Run(DateTimeOffset at, params string[] options) =>
        CliRun.Run(["needs-renewal", _file, "--at", Rfc3339.Format(at), .. options]);

    // (options, renewal time in seconds after issue). Exit 0 from the renewal time itself on, 1 a second before.
    public static TheoryData<string[], int> RenewalTimes => new()
    {
        { [], 16 * 3600 },                                                   // cert-manager default: 2/3 of the lifetime
        { ["--renew-before", "20h"], 4 * 3600 },
        { ["--renew-before", "24h"], 16 * 3600 },                            // not shorter than the lifetime: default
        { ["--renew-before", "23h59m59s"], 1 },
        { ["--renew-before", "1ms"], 24 * 3600 - 1 },                        // truncated down to the second
        { ["--renew-before-percentage", "25"], 18 * 3600 },
        { ["--renew-before-percentage", "1"], 24 * 3600 - 864 },
        { ["--renew-before-percentage", "99"], 864 },
        { ["--expires-in", "50%"], 12 * 3600 },
        { ["--expires-in", "6h"], 18 * 3600 },
    };

    [Theory]
    [MemberData(nameof(RenewalTimes))]
    public void Exit_0_from_the_renewal_time_on_and_1_a_second_before(string[] options, int renewalSecond)
    {
        var renewalTime = Issued.AddSeconds(renewalSecond);
        var due = Run(renewalTime, options);
        Assert.True(due.Exit == 0, due.Out + due.Err);
        Assert.Contains($"renewal time {Rfc3339.Format(renewalTime)} has come", due.Out);
        var early = Run(renewalTime.AddSeconds(-1), options);
        Assert.True(early.Exit == 1, early.Out + early.Err);
        Assert.Contains($"does not need renewal until {Rfc3339.Format(renewalTime)}", early.Out);
        Assert.Empty(due.Err + early.Err);
    }

    [Fact]
    public void An_expired_certificate_needs_renewal()
    {
        Assert.Equal(0, Run(Issued.AddHours(25)).Exit);
    }

    [Fact]
    public void Json_output_carries_the_decision()
    {
        var result = Run(Issued.AddHours(4), "--renew-before", "20h", "--format", "json");
        Assert.Equal(0, result.Exit);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.True(json.GetProperty("needsRenewal").GetBoolean());
        Assert.Equal("2026-11-21T16:00:00Z", json.GetProperty("renewalTime").GetString());
        Assert.Equal("2026-11-21T12:00:00Z", json.GetProperty("notBefore").GetString());
        Assert.Equal("2026-11-22T12:00:00Z", json.GetProperty("notAfter").GetString());
    }

    // (options, what the one line on stderr must contain besides the option names and values).
    public static TheoryData<string[], string> Rejections => new()
    {
        { ["--renew-before", "-24h"], "--renew-before: -24h is not a positive duration" },
        { ["--renew-before", "0"], "--renew-before: 0 is not a positive duration" },
        { ["--renew-before", "0s"], "--renew-before: 0s is not a positive duration" },
        { ["--renew-before", "soon"], "--renew-before: 'soon' is not a duration" },
        { ["--renew-before-percentage", "0"], "--renew-before-percentage '0' must be a whole number from 1 to 99" },
        { ["--renew-before-percentage", "100"], "--renew-before-percentage '100' must be a whole number from 1 to 99" },
        { ["--renew-before-percentage", "-5"], "--renew-before-percentage '-5' must be a whole number from 1 to 99" },
        { ["--renew-before-percentage", "50.5"], "--renew-before-percentage '50.5' must be a whole number from 1 to 99" },
        { ["--renew-before-percentage", "abc"], "--renew-before-percentage 'abc' must be a whole number from 1 to 99" },
        { ["--renew-before", "24h", "--renew-before-percentage", "30"], "--renew-before 24h and --renew-before-percentage 30 cannot be combined" },
        { ["--expires-in", "50%", "--renew-before", "24h"], "--expires-in 50% (step) cannot be combined with --renew-before 24h (cert-manager)" },
        { ["--expires-in", "50%", "--renew-before-percentage", "30"], "--expires-in 50% (step) cannot be combined with --renew-before-percentage 30 (cert-manager)" },
        { ["--expires-in", "101%"], "--expires-in: '101%' is out of range" },
        { ["--expires-in", "soon"], "--expires-in: 'soon' is not a duration" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Bad_renewal_options_exit_2_with_one_line_naming_option_and_value(string[] options, string expected)
    {
        var result = Run(Issued, options);
        Assert.True(result.Exit == 2, result.Out + result.Err);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.ErrLines);
        Assert.Equal("trust: ", line[..7]);
        Assert.Contains(expected, line);
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trust.Cli.Commands;

namespace Trust.Cli.Tests.Rotate;

/// <summary>
/// <c>trust rotate</c>'s options: every bad value is exit 2 with one line each, all found in one pass before any
/// cluster is contacted, the kubeconfig's problem (if any) among them; a kubeconfig that cannot be used is otherwise
/// exit 5 with one line. Every run here names a kubeconfig that does not exist, so a value that is accepted ends at
/// exit 5 and no test ever reaches a real cluster.
/// </summary>
public sealed class RotateOptionTests : IDisposable
{
    private const string NoKubeconfig = "/nonexistent/trust-tests/kubeconfig";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    // Outside a pod --anchor-namespace is required; tests that are not about it give one (a later one wins).
    private static CliResult Rotate(params string[] options) =>
        CliRun.Run(["rotate", "--kubeconfig", NoKubeconfig, .. options.Contains("--anchor-namespace") ? [] : new[] { "--anchor-namespace", "trust-system" }, .. options]);

    // (options, what the one line on stderr must contain).
    public static TheoryData<string[], string> Rejections => new()
    {
        { ["--issuer-lifetime", "soon"], "--issuer-lifetime: 'soon' is not a duration" },
        { ["--anchor-lifetime", "1y"], "--anchor-lifetime: '1y' is not a duration" },
        { ["--issuer-lifetime", "0h"], "--issuer-lifetime: 0h is not a positive duration" },
        { ["--issuer-lifetime", "-48h"], "--issuer-lifetime: -48h is not a positive duration" },
        { ["--anchor-lifetime", "0s"], "--anchor-lifetime: 0s is not a positive duration" },
        { ["--issuer-lifetime", "8760h"], "the issuer lifetime 8760h is not shorter than the anchor lifetime 8760h" },
        { ["--issuer-lifetime", "9000h"], "the issuer lifetime 9000h is not shorter than the anchor lifetime 8760h" },
        { ["--anchor-lifetime", "48h"], "the issuer lifetime 48h is not shorter than the anchor lifetime 48h" },
        { ["--anchor-lifetime", "99999999h"], "--anchor-lifetime: 99999999h lands past the year 9999" },
        { ["--min-bundle-age", "-1h"], "--min-bundle-age: -1h is negative; give 0s or more" },
        { ["--min-bundle-age", "a day"], "--min-bundle-age: 'a day' is not a duration" },
        { ["--issuer-renew-before", "0%"], "--issuer-renew-before '0%' must be a whole number from 1% to 99%" },
        { ["--issuer-renew-before", "100%"], "--issuer-renew-before '100%' must be a whole number from 1% to 99%" },
        { ["--issuer-renew-before", "-5%"], "--issuer-renew-before '-5%' must be a whole number from 1% to 99%" },
        { ["--issuer-renew-before", "33.3%"], "--issuer-renew-before '33.3%' must be a whole number from 1% to 99%" },
        { ["--issuer-renew-before", "%"], "--issuer-renew-before '%' must be a whole number from 1% to 99%" },
        { ["--issuer-renew-before", "0s"], "--issuer-renew-before: 0s is not a positive duration" },
        { ["--issuer-renew-before", "0"], "--issuer-renew-before: 0 is not a positive duration" },
        { ["--issuer-renew-before", "-16h"], "--issuer-renew-before: -16h is not a positive duration" },
        { ["--issuer-renew-before", "soon"], "--issuer-renew-before 'soon' is neither a duration nor a percentage" },
        { ["--issuer-renew-before", "48h"], "--issuer-renew-before 48h is not shorter than --issuer-lifetime 48h" },
        { ["--anchor-renew-before", "0%"], "--anchor-renew-before '0%' must be a whole number from 1% to 99%" },
        { ["--anchor-renew-before", "99999h"], "--anchor-renew-before 99999h is not shorter than --anchor-lifetime 8760h" },
        { ["--anchor-renew-before", "-1h"], "--anchor-renew-before: -1h is not a positive duration" },
        { ["--trust-domain", "Cluster_Local"], "--trust-domain:" },
        { ["--namespace", "Linkerd"], "--namespace 'Linkerd' is not a namespace name" },
        { ["--namespace", ""], "--namespace '' is not a namespace name" },
        { ["--anchor-namespace", "a.b"], "--anchor-namespace 'a.b' is not a namespace name" },
        { ["--issuer-secret", "Issuer"], "--issuer-secret 'Issuer' is not an object name" },
        { ["--bundle-key", "ca bundle"], "--bundle-key 'ca bundle' is not a ConfigMap key" },
        { ["--next-anchor-secret", "linkerd-trust-anchor"], "the current, next and previous anchor Secrets need three different names" },
        { ["--holder", new string('h', 129)], "the holder name is longer than 128 characters" },
        { ["--context", "a", "--context", "b", "--context", "a"], "--context 'a' is given twice" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void A_bad_option_is_exit_2_with_one_line_before_any_cluster_is_contacted(string[] options, string expected)
    {
        var result = Rotate(options);
        Assert.True(result.Exit == 2, $"exit {result.Exit}: {result.Err}");
        // The option's line, then the kubeconfig's (it does not exist): both are found in the same pass.
        Assert.Equal(2, result.ErrLines.Length);
        Assert.StartsWith("trust: ", result.ErrLines[0]);
        Assert.Contains(expected, result.ErrLines[0]);
        Assert.Equal($"trust: kubeconfig {NoKubeconfig}: no such file", result.ErrLines[1]);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void Every_bad_option_and_the_kubeconfig_are_reported_at_once_one_line_each()
    {
        var result = CliRun.Run("rotate", "--kubeconfig", NoKubeconfig, "--namespace", "Linkerd", "--anchor-namespace", "a.b",
            "--issuer-lifetime", "-5h", "--anchor-renew-before", "0%", "--bundle-key", "ca bundle", "--context", "x", "--context", "x");
        Assert.Equal(2, result.Exit);
        Assert.Equal(
        [
            "trust: --namespace 'Linkerd' is not a namespace name (lowercase letters, digits and '-', at most 63 characters)",
            "trust: --issuer-lifetime: -5h is not a positive duration",
            "trust: --anchor-renew-before '0%' must be a whole number from 1% to 99%",
            "trust: --anchor-namespace 'a.b' is not a namespace name (lowercase letters, digits and '-', at most 63 characters)",
            "trust: --bundle-key 'ca bundle' is not a ConfigMap key (letters, digits, '-', '_' and '.')",
            "trust: --context 'x' is given twice; name each cluster once",
            $"trust: kubeconfig {NoKubeconfig}: no such file",
        ], result.ErrLines);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void A_bad_option_with_a_usable_kubeconfig_is_its_one_line()
    {
        var kubeconfig = _dir.Write("config", Kubeconfig);
        var result = CliRun.Run("rotate", "--kubeconfig", kubeconfig, "--anchor-namespace", "a.b");
        Assert.Equal(2, result.Exit);
        Assert.Equal(["trust: --anchor-namespace 'a.b' is not a namespace name (lowercase letters, digits and '-', at most 63 characters)"], result.ErrLines);
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("JSON")]
    public void An_unknown_format_is_exit_2(string format)
    {
        var result = Rotate("--format", format);
        Assert.Equal(2, result.Exit);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("trust: ", line);
        Assert.Contains(format, line);
        Assert.EndsWith(" (run 'trust rotate --help' for usage)", line);
    }

    [Theory]
    [InlineData("--emergncy")]
    [InlineData("--kubeconfig")]
    [InlineData("--context")]
    [InlineData("extra")]
    public void An_unknown_option_or_a_missing_value_is_one_line(string option)
    {
        var result = CliRun.Run("rotate", "--anchor-namespace", "trust-system", option);
        Assert.Equal(2, result.Exit);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("trust: ", line);
        Assert.EndsWith(" (run 'trust rotate --help' for usage)", line);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void A_kubeconfig_that_is_a_directory_says_so()
    {
        var result = CliRun.Run("rotate", "--kubeconfig", _dir.Path, "--anchor-namespace", "trust-system");
        Assert.Equal(5, result.Exit);
        Assert.Equal([$"trust: kubeconfig {_dir.Path}: is a directory; name the kubeconfig file in it"], result.ErrLines);
    }

    [Fact]
    public void An_empty_kubeconfig_name_is_one_line_not_an_internal_error()
    {
        var result = CliRun.Run("rotate", "--kubeconfig", "", "--anchor-namespace", "trust-system");
        Assert.Equal(5, result.Exit);
        Assert.Equal(["trust: kubeconfig: the file name is empty"], result.ErrLines);
    }

    [Fact]
    public void A_kubeconfig_that_is_not_yaml_says_so()
    {
        var file = Path.Combine(_dir.Path, "garbage.cfg");
        File.WriteAllText(file, "apiVersion: v1\nclusters: [a, b\n");
        var result = CliRun.Run("rotate", "--kubeconfig", file, "--anchor-namespace", "trust-system");
        Assert.Equal(5, result.Exit);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith($"trust: kubeconfig {file}: not a kubeconfig (not valid YAML: ", line);
    }

    [Fact]
    public void A_kubeconfig_is_named_as_typed_not_as_its_absolute_path()
    {
        var file = Path.Combine(_dir.Path, "typed.cfg");
        File.WriteAllText(file, "apiVersion: v1\nclusters: [a, b\n");
        var typed = Path.GetRelativePath(Environment.CurrentDirectory, file);
        Assert.False(Path.IsPathRooted(typed));
        var result = CliRun.Run("rotate", "--kubeconfig", typed, "--anchor-namespace", "trust-system");
        Assert.Equal(5, result.Exit);
        Assert.StartsWith($"trust: kubeconfig {typed}: not a kubeconfig", Assert.Single(result.ErrLines));
    }

    // Values that are valid reach the kubeconfig, which does not exist: exit 5.
    [Theory]
    [InlineData("--min-bundle-age", "0s")]
    [InlineData("--min-bundle-age", "0")]
    [InlineData("--issuer-renew-before", "1%")]
    [InlineData("--issuer-renew-before", "99%")]
    [InlineData("--issuer-renew-before", " 33% ")]
    [InlineData("--issuer-renew-before", "47h59m59s")]
    [InlineData("--anchor-renew-before", "2160h")]
    [InlineData("--anchor-renew-before", "90d")]
    [InlineData("--trust-domain", "example.org.")]
    [InlineData("--holder", "trust-rotate-29411-x7k2p")]
    public void A_valid_option_is_accepted(string option, string value)
    {
        var result = Rotate(option, value);
        Assert.True(result.Exit == 5, $"exit {result.Exit}: {result.Err}");
    }

    [Fact]
    public void A_kubeconfig_that_does_not_exist_is_exit_5_with_one_line()
    {
        var result = Rotate();
        Assert.Equal(5, result.Exit);
        Assert.Equal([$"trust: kubeconfig {NoKubeconfig}: no such file"], result.ErrLines);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void A_context_the_kubeconfig_does_not_have_is_exit_5_with_one_line(string format)
    {
        var kubeconfig = _dir.Write("config", Kubeconfig);
        var result = CliRun.Run("rotate", "--kubeconfig", kubeconfig, "--anchor-namespace", "trust-system", "--context", "home", "--context", "elsewhere", "--format", format);
        Assert.Equal(5, result.Exit);
        Assert.Equal([$"trust: kubeconfig {kubeconfig}: no context 'elsewhere'"], result.ErrLines);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("")]
    [InlineData("just text")]
    [InlineData("clusters: 5")]
    [InlineData("clusters: [ {name: \n\t\"")]
    [InlineData("[1, 2]")]
    [InlineData("\0\u0001\u00ff")]
    [InlineData("apiVersion: v1\nkind: Config\ncontexts:\n- name: a\n")]
    [InlineData("contexts:\n- name: a\n  context:\n    cluster: nowhere\n    user: nobody\ncurrent-context: a\n")]
    public void A_kubeconfig_that_cannot_be_used_is_exit_5_with_one_line(string content)
    {
        var kubeconfig = _dir.Write("config", content);
        var result = CliRun.Run("rotate", "--kubeconfig", kubeconfig, "--anchor-namespace", "trust-system");
        Assert.True(result.Exit == 5, $"exit {result.Exit}: {result.Err}");
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith($"trust: kubeconfig {kubeconfig}", line);
        Assert.DoesNotContain("internal error", line);
    }

    [Fact]
    public void Help_names_the_objects_and_the_defaults()
    {
        var result = CliRun.Run("rotate", "--help");
        Assert.Equal(0, result.Exit);
        foreach (var text in new[]
                 {
                     "linkerd-trust-anchor", "linkerd-trust-anchor-next", "linkerd-previous-anchor", "linkerd-identity-issuer",
                     "linkerd-identity-trust-roots", "ca-bundle.crt", "trust-rotate", "cluster.local", "[default: 48h]", "[default: 8760h]",
                     "[default: 24h]", "a third of the lifetime", "POD_NAMESPACE", "trust-rotate/paused", "--take-over", "--emergency",
                     "--restart", "--dry-run", "--context", "--kubeconfig", "--holder", "4 busy", "5 kubeconfig or API failure",
                 })
            Assert.Contains(text, result.Out);
    }

    [Fact]
    public void The_anchor_namespace_is_the_pods_then_the_service_accounts_and_required_outside_a_pod()
    {
        var file = _dir.Write("namespace", "trust-system\n");
        var missing = _dir["none"];
        Assert.Equal("jobs", RotateCommand.DefaultAnchorNamespace(n => n == "POD_NAMESPACE" ? "jobs" : null, file));
        Assert.Equal("trust-system", RotateCommand.DefaultAnchorNamespace(_ => null, file));
        Assert.Equal("trust-system", RotateCommand.DefaultAnchorNamespace(_ => " ", file));
        Assert.Null(RotateCommand.DefaultAnchorNamespace(_ => null, missing)); // outside a pod: required, never Linkerd's namespace
        Assert.Null(RotateCommand.DefaultAnchorNamespace(_ => null, _dir.Write("empty", "")));
    }

    [Fact]
    public void The_holder_is_the_host_name()
    {
        Assert.Equal("trust-rotate-29411-x7k2p", RotateCommand.DefaultHolder(n => n == "HOSTNAME" ? "trust-rotate-29411-x7k2p" : null));
        Assert.Equal(Environment.MachineName, RotateCommand.DefaultHolder(_ => null));
    }

    private static Arbitrary<string> Values() => Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
        from sign in Gen.Elements("", "-", "+")
        from digits in Gen.Elements("0", "1", "33", "99", "100", "99999999", "9999999999999", "0.5", ".5", "1.")
        from unit in Gen.Elements("ns", "s", "m", "h", "d", "%", "")
        select sign + digits + unit).ToArbitrary();

    [Property(MaxTest = 60)]
    public Property Duration_and_percentage_values_end_as_exit_2_or_5_never_as_internal_errors() => Prop.ForAll(Values(), value =>
    {
        foreach (var option in new[] { "--issuer-lifetime", "--anchor-lifetime", "--issuer-renew-before", "--anchor-renew-before", "--min-bundle-age" })
        {
            var result = Rotate(option, value);
            Assert.True(result.Exit is 2 or 5, $"exit {result.Exit} for {option} '{value}': {result.Err}");
            Assert.NotEmpty(result.ErrLines);
            Assert.All(result.ErrLines, l => Assert.StartsWith("trust:", l, StringComparison.Ordinal));
            Assert.DoesNotContain("internal error", result.Err);
        }
    });

    private const string Kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster:
            server: https://127.0.0.1:1
        users:
        - name: test
          user:
            token: not-a-real-token
        contexts:
        - name: home
          context:
            cluster: test
            user: test
        current-context: home
        """;

    [Fact]
    public void Outside_a_pod_the_anchor_namespace_must_be_given()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_NAMESPACE")) || File.Exists(RotateCommand.ServiceAccountNamespaceFile)) return;
        var result = CliRun.Run("rotate", "--kubeconfig", NoKubeconfig);
        Assert.Equal(2, result.Exit);
        Assert.Contains("give --anchor-namespace", result.Err);
    }
}

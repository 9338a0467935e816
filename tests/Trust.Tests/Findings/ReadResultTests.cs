using Trust.Findings;

namespace Trust.Tests.Findings;

public class ReadResultTests
{
    private static readonly Finding Problem = new("some-id", "went wrong", new Remedy(RemedyAction.FixInput, "fix it"));

    [Fact]
    public void Ok_is_clean_and_gives_its_value()
    {
        var result = ReadResult.Ok("value");
        Assert.True(result.IsClean);
        Assert.Empty(result.Findings);
        Assert.Equal("value", result.GetValueOrThrow());
        Assert.Throws<ArgumentNullException>(() => ReadResult.Ok<string>(null!));
    }

    [Fact]
    public void A_value_with_findings_is_not_clean_and_throws_the_first_finding()
    {
        var second = new Finding("other", "also wrong");
        var result = ReadResult.Of("value", [Problem, second]);
        Assert.False(result.IsClean);
        Assert.Equal("value", result.Value);
        var e = Assert.Throws<TrustInputException>(() => result.GetValueOrThrow());
        Assert.Same(Problem, e.Finding);
        Assert.Equal("went wrong", e.Message);
    }

    [Fact]
    public void A_failed_read_has_no_value_and_is_not_clean()
    {
        var result = ReadResult.Fail<string>(Problem);
        Assert.Null(result.Value);
        Assert.False(result.IsClean);
        Assert.Same(Problem, Assert.Single(result.Findings));
        Assert.Same(Problem, Assert.Throws<TrustInputException>(() => result.GetValueOrThrow()).Finding);
        Assert.Throws<ArgumentNullException>(() => ReadResult.Fail<string>(null!));
    }

    [Fact]
    public void Of_needs_a_value_or_a_finding()
    {
        Assert.True(ReadResult.Of("v", []).IsClean);
        Assert.Null(ReadResult.Of<string>(null, [Problem]).Value);
        var e = Assert.Throws<ArgumentException>(() => ReadResult.Of<string>(null, []));
        Assert.Equal("findings", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => ReadResult.Of("v", null!));
    }

    [Fact]
    public void Catch_turns_an_input_error_into_a_finding_and_names_the_source_only_when_it_had_none()
    {
        Assert.Equal("read", ReadResult.Catch(() => "read", "file").Value);

        var unsourced = ReadResult.Catch<string>(() => throw new TrustInputException(Problem), "file.pem");
        Assert.Equal("file.pem", Assert.Single(unsourced.Findings).Source);
        Assert.Equal("some-id", unsourced.Findings[0].Id);

        var sourced = ReadResult.Catch<string>(() => throw TrustInputException.At("inner.pem", "id", "bad"), "outer.pem");
        Assert.Equal("inner.pem", sourced.Findings[0].Source);

        var noSource = ReadResult.Catch<string>(() => throw new TrustInputException(Problem));
        Assert.Null(noSource.Findings[0].Source);
        Assert.Throws<InvalidOperationException>(() => ReadResult.Catch<string>(() => throw new InvalidOperationException()));
    }

    [Fact]
    public void A_finding_shows_its_source_before_its_message()
    {
        Assert.Equal("went wrong", Problem.ToString());
        Assert.Equal("bundle.pem: went wrong", (Problem with { Source = "bundle.pem" }).ToString());
    }

    [Fact]
    public void Input_exceptions_carry_their_finding()
    {
        var plain = new TrustInputException("id", "message");
        Assert.Equal(new Finding("id", "message"), plain.Finding);
        Assert.Equal("message", plain.Message);

        var withRemedy = new TrustInputException("id", "message", Problem.Remedy);
        Assert.Same(Problem.Remedy, withRemedy.Finding.Remedy);

        var inner = new FormatException();
        var wrapped = new TrustInputException("id", "message", inner);
        Assert.Same(inner, wrapped.InnerException);
        Assert.Equal("id", wrapped.Finding.Id);

        var at = TrustInputException.At("src", "id", "problem", Problem.Remedy);
        Assert.Equal("src: problem", at.Message);
        Assert.Equal("src", at.Finding.Source);
        Assert.Same(Problem.Remedy, at.Finding.Remedy);

        Assert.Equal("here", new TrustInputException(Problem).WithSource("here").Finding.Source);
        Assert.Same(at, at.WithSource("elsewhere"));
        Assert.Throws<ArgumentNullException>(() => new TrustInputException((Finding)null!));
    }
}

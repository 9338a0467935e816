using Trust.Findings;

namespace Trust.Tests.Findings;

/// <summary>The words of a read result's refusals (programmer mistakes, so argument and state exceptions).</summary>
public class ReadResultMessageTests
{
    [Fact]
    public void A_failed_read_without_a_finding_is_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => ReadResult.Of<string>(null, []));
        Assert.Equal("findings", error.ParamName);
        Assert.StartsWith("a failed read needs a finding", error.Message);
    }

    [Fact]
    public void A_result_with_neither_a_value_nor_a_finding_says_so_when_asked_for_its_value()
    {
        var empty = new ReadResult<string>(null, []);
        Assert.Equal("a read result with neither a value nor a finding", Assert.Throws<InvalidOperationException>(empty.GetValueOrThrow).Message);
    }
}

using Trust.Findings;

namespace Trust;

/// <summary>
/// Bad input: an unreadable certificate, a malformed PEM block, a key that does not fit. Carries the
/// <see cref="Finding"/> (stable id, one-line message, source, remedy); <see cref="Exception.Message"/> is
/// <c>source: message</c>, one line, suitable to print as is. Readers that return <see cref="ReadResult{T}"/> give the
/// same finding without throwing.
/// </summary>
public sealed class TrustInputException : Exception
{
    /// <summary>Creates an input error from a finding.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="finding"/> is null.</exception>
    public TrustInputException(Finding finding)
        : base((finding ?? throw new ArgumentNullException(nameof(finding))).ToString()) => Finding = finding;

    /// <summary>Creates an input error with a stable id and a one-line message.</summary>
    public TrustInputException(string id, string message) : this(new Finding(id, message)) { }

    /// <summary>Creates an input error with a stable id, a one-line message and what would fix it.</summary>
    public TrustInputException(string id, string message, Remedy? remedy) : this(new Finding(id, message, remedy)) { }

    /// <summary>Creates an input error with a stable id, a one-line message and the underlying cause.</summary>
    public TrustInputException(string id, string message, Exception inner)
        : base(message, inner) => Finding = new Finding(id, message);

    /// <summary>What is wrong, where, and what would fix it.</summary>
    public Finding Finding { get; }

    /// <summary>An input error whose message is <c>source: problem</c> (the source is usually a file name).</summary>
    public static TrustInputException At(string source, string id, string problem, Remedy? remedy = null) =>
        new(new Finding(id, problem, remedy) { Source = source });

    /// <summary>The same error attributed to <paramref name="source"/> (kept when it already names one).</summary>
    internal TrustInputException WithSource(string source) =>
        Finding.Source is null ? new TrustInputException(Finding with { Source = source }) : this;
}
